// Giám sát, kiến nghị: the board of overdue answers, every recommendation in scope with its state
// and answer, the answer form for the officers of the addressed unit, the supervision plans with
// their visits and findings, and the link to the Front's queue of citizens' feedback.
import { useState } from 'react';
import { Anchor, Button, Group, Select, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useUser } from '../../auth/session';
import { can } from '../../../../domain/access/permissions';
import { optionsOf, wordOfCode } from '../../../../domain/words/catalogue';
import { api, isApiError } from '../../api/client';
import { useOverdue, usePlans, useRecommendations, type Recommendation } from '../../api/front';
import { ErrorPanel, useErrorText } from '../../components/ErrorPanel';
import { formatDateVn } from '../../format';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';

const m = defineMessages({
  vi: {
    title: 'Giám sát và kiến nghị',
    lead: 'Kế hoạch giám sát của Mặt trận, kết quả giám sát tại đơn vị và kiến nghị gửi Ủy ban nhân dân, có hạn trả lời.',
    overdue: 'Kiến nghị quá hạn chưa trả lời',
    noOverdue: 'Không có kiến nghị nào quá hạn.',
    all: 'Các kiến nghị',
    none: 'Chưa có kiến nghị nào trong phạm vi của bạn.',
    addressee: 'Gửi UBND',
    content: 'Nội dung kiến nghị',
    issued: 'Ngày kiến nghị',
    deadline: 'Hạn trả lời',
    state: 'Tình trạng',
    days: '{n} ngày',
    daysLate: 'Số ngày quá hạn',
    answer: 'Trả lời',
    answerOf: 'Trả lời kiến nghị số {id}',
    status: 'Kết quả',
    text: 'Nội dung trả lời',
    send: 'Gửi trả lời',
    plans: 'Kế hoạch giám sát',
    visits: 'Kết quả giám sát',
    units: 'Đơn vị được giám sát',
    feedback: 'Góp ý, phản ánh của người dân chuyển đến',
  },
  en: {
    title: 'Supervision and recommendations',
    lead: 'The Front’s supervision plans, what it found in each unit and its recommendations to the People’s Committees, with a deadline to answer.',
    overdue: 'Recommendations overdue without an answer',
    noOverdue: 'No recommendation is overdue.',
    all: 'Recommendations',
    none: 'No recommendation within your scope yet.',
    addressee: 'To the People’s Committee of',
    content: 'Recommendation',
    issued: 'Issued on',
    deadline: 'Answer by',
    state: 'State',
    days: '{n} days',
    daysLate: 'Days overdue',
    answer: 'Answer',
    answerOf: 'Answer recommendation no. {id}',
    status: 'Outcome',
    text: 'Answer',
    send: 'Send the answer',
    plans: 'Supervision plans',
    visits: 'Findings',
    units: 'Units supervised',
    feedback: 'Citizens’ feedback routed to the Front',
  },
});

export default function SupervisionPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const user = useUser();
  const overdue = useOverdue();
  const recs = useRecommendations();
  const plans = usePlans();
  const [answering, setAnswering] = useState<Recommendation | null>(null);
  const answerer = can(user.role, 'front.answer');
  return (
    <Stack>
      <Title order={1}>{t.title}</Title>
      <Text c="dimmed">{t.lead}</Text>
      {can(user.role, 'feedback.triage') && (
        <Anchor component={Link} to="/portal/feedback">
          {t.feedback}
        </Anchor>
      )}
      <Title order={2}>{t.overdue}</Title>
      {overdue.isPending ? (
        <Skeleton h={80} />
      ) : overdue.isError ? (
        <ErrorPanel error={overdue.error} onRetry={() => void overdue.refetch()} />
      ) : overdue.data.items.length === 0 ? (
        <Text>{t.noOverdue}</Text>
      ) : (
        <Table withTableBorder aria-label={t.overdue}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.addressee}</Table.Th>
              <Table.Th>{t.content}</Table.Th>
              <Table.Th>{t.deadline}</Table.Th>
              <Table.Th ta="right">{t.daysLate}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overdue.data.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.addresseeName}</Table.Td>
                <Table.Td>{r.content}</Table.Td>
                <Table.Td>{formatDateVn(r.deadline)}</Table.Td>
                <Table.Td ta="right" className="gn-num">
                  {fill(t.days, { n: r.daysOverdue })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={2}>{t.all}</Title>
      {recs.isPending ? (
        <Skeleton h={120} />
      ) : recs.isError ? (
        <ErrorPanel error={recs.error} onRetry={() => void recs.refetch()} />
      ) : recs.data.items.length === 0 ? (
        <Text>{t.none}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder aria-label={t.all}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.addressee}</Table.Th>
                <Table.Th>{t.content}</Table.Th>
                <Table.Th>{t.issued}</Table.Th>
                <Table.Th>{t.deadline}</Table.Th>
                <Table.Th>{t.state}</Table.Th>
                <Table.Th>{t.answer}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {recs.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.addresseeName}</Table.Td>
                  <Table.Td>{r.content}</Table.Td>
                  <Table.Td>{formatDateVn(r.issuedOn)}</Table.Td>
                  <Table.Td>{formatDateVn(r.deadline)}</Table.Td>
                  <Table.Td>
                    <Text span fw={r.state === 'overdue' || r.state === 'answered-late' ? 700 : 400}>
                      {wordOfCode('recommendationState', r.state, lang)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {r.answeredOn ? (
                      <>
                        {formatDateVn(r.answeredOn)} · {wordOfCode('answerStatus', r.answerStatus, lang)}:{' '}
                        {r.answerText}
                      </>
                    ) : answerer ? (
                      <Button size="xs" variant="light" onClick={() => setAnswering(r)}>
                        {t.answer}
                      </Button>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {answering && <AnswerForm rec={answering} onDone={() => setAnswering(null)} />}
      <Title order={2}>{t.plans}</Title>
      {plans.data?.items.map((p) => (
        <Stack key={p.id} gap={4} component="section" aria-label={p.topic}>
          <Title order={3}>{p.topic}</Title>
          <Text size="sm">
            {p.unitName} · {formatDateVn(p.startDate)}–{formatDateVn(p.endDate)} · {t.units}:{' '}
            {p.units.map((u) => u.name).join(', ')}
          </Text>
          <Table withTableBorder aria-label={t.visits}>
            <Table.Tbody>
              {p.visits.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td w={120}>{formatDateVn(v.date)}</Table.Td>
                  <Table.Td w={200}>
                    {p.units.find((u) => u.code === v.unitCode)?.name ?? v.unitCode}
                  </Table.Td>
                  <Table.Td>{v.findings}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}

function AnswerForm({ rec, onDone }: { rec: Recommendation; onDone: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const [text, setText] = useState('');
  const save = useMutation({
    mutationFn: () => api.post(`/front/recommendations/${rec.id}/answer`, { status, text }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['front'] });
      onDone();
    },
  });
  const fieldError = (f: string) =>
    isApiError(save.error) && save.error.field === f ? errorText(save.error) : undefined;
  return (
    <Stack component="section" aria-label={fill(t.answerOf, { id: rec.id })}>
      <Title order={2}>{fill(t.answerOf, { id: rec.id })}</Title>
      <Text>{rec.content}</Text>
      <Select
        label={t.status}
        value={status}
        onChange={setStatus}
        data={optionsOf('answerStatus', lang)}
        error={fieldError('status')}
        w={360}
      />
      <Textarea
        label={t.text}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={3}
        error={fieldError('text')}
      />
      {save.isError && !(isApiError(save.error) && save.error.field) && <ErrorPanel error={save.error} />}
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t.send}
        </Button>
      </Group>
    </Stack>
  );
}
