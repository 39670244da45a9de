// Giám sát, kiến nghị: the board of overdue answers, every recommendation in scope with its state
// and answer (attachments downloadable), the answer form with attachments for the officers of the
// addressed unit, the supervision plans with their visits and recommendations, and for the Front
// the forms to plan a supervision, record a visit's findings and address a recommendation to a
// People's Committee with a deadline. Units are chosen by name within scope (fields.tsx).
import { useState } from 'react';
import {
  Anchor,
  Button,
  FileInput,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useUser } from '../../auth/session';
import { can } from '../../../../domain/access/permissions';
import { optionsOf, wordOfCode } from '../../../../domain/words/catalogue';
import { api } from '../../api/client';
import {
  postFrontForm,
  useOverdue,
  usePlans,
  useRecommendations,
  type Plan,
  type Recommendation,
} from '../../api/front';
import type { Unit } from '../../api/types';
import { DateField } from '../../components/DateField';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateVn, formatCount } from '../../format';
import { DatePair, FormActions, FormError, ScopeUnitField, ScopeUnitsField } from './fields';
import { useFieldErrors } from '../../components/fieldErrors';
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
    nowPartOf: 'nay thuộc {name}',
    recommendation: 'Kiến nghị',
    datesState: 'Ngày, tình trạng',
    issuedIs: 'Ngày kiến nghị: {date}',
    deadlineIs: 'Hạn trả lời: {date}',
    status: 'Kết quả',
    text: 'Nội dung trả lời',
    send: 'Gửi trả lời',
    plans: 'Kế hoạch giám sát',
    visits: 'Kết quả giám sát',
    units: 'Đơn vị được giám sát',
    feedback: 'Góp ý, phản ánh của người dân chuyển đến',
    attachments: 'Tệp đính kèm',
    answeredOnOpt: 'Ngày trả lời (không bắt buộc; để trống là hôm nay)',
    files: 'Tệp đính kèm (không bắt buộc, tối đa 5 tệp)',
    filesHint: 'Công văn trả lời, biên bản… (PDF, Word, ảnh)',
    newPlan: 'Lập kế hoạch giám sát',
    frontUnit: 'Ủy ban MTTQ lập kế hoạch',
    topic: 'Nội dung giám sát',
    startDate: 'Từ ngày',
    endDate: 'Đến ngày',
    supervised: 'Đơn vị được giám sát',
    savePlan: 'Lưu kế hoạch',
    planSaved: 'Đã lưu kế hoạch giám sát.',
    newVisit: 'Ghi kết quả giám sát',
    visitUnit: 'Đơn vị được giám sát',
    visitDate: 'Ngày giám sát',
    findings: 'Kết quả, phát hiện qua giám sát',
    saveVisit: 'Lưu kết quả giám sát',
    newRec: 'Ghi kiến nghị',
    addresseeUnit: 'Kiến nghị gửi Ủy ban nhân dân của',
    saveRec: 'Lưu kiến nghị',
    noVisits: 'Chưa ghi kết quả giám sát nào.',
    recsOfPlan: 'Kiến nghị của kế hoạch: {n}',
    noPlans: 'Chưa có kế hoạch giám sát nào trong phạm vi của bạn.',
    period: 'Thời gian',
    lead2: 'Ủy ban MTTQ',
    size: '{kb} KB',
    clearFiles: 'Bỏ các tệp đã chọn',
    clearDate: 'Xóa ngày trả lời',
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
    nowPartOf: 'now part of {name}',
    recommendation: 'Recommendation',
    datesState: 'Dates, state',
    issuedIs: 'Issued: {date}',
    deadlineIs: 'Answer due: {date}',
    status: 'Outcome',
    text: 'Answer',
    send: 'Send the answer',
    plans: 'Supervision plans',
    visits: 'Findings',
    units: 'Units supervised',
    feedback: 'Citizens’ feedback routed to the Front',
    attachments: 'Attachments',
    answeredOnOpt: 'Date of the answer (optional; empty means today)',
    files: 'Attachments (optional, at most 5 files)',
    filesHint: 'The answering letter, minutes… (PDF, Word, images)',
    newPlan: 'Plan a supervision',
    frontUnit: 'Front committee making the plan',
    topic: 'What is supervised',
    startDate: 'From',
    endDate: 'To',
    supervised: 'Units supervised',
    savePlan: 'Save the plan',
    planSaved: 'The supervision plan is saved.',
    newVisit: 'Record findings',
    visitUnit: 'Unit supervised',
    visitDate: 'Date of the visit',
    findings: 'What the supervision found',
    saveVisit: 'Save the findings',
    newRec: 'Record a recommendation',
    addresseeUnit: 'To the People’s Committee of',
    saveRec: 'Save the recommendation',
    noVisits: 'No findings recorded yet.',
    recsOfPlan: 'Recommendations of the plan: {n}',
    noPlans: 'No supervision plan within your scope yet.',
    period: 'Period',
    lead2: 'Front committee',
    size: '{kb} KB',
    clearFiles: 'Remove the chosen files',
    clearDate: 'Clear the date of the answer',
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
  // Below the shell's fold (62em, a tablet held upright) the list reads in three columns.
  const narrow = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false }) === true;
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
                <Table.Td>
                  <Addressee rec={r} />
                </Table.Td>
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
        <Table.ScrollContainer minWidth={narrow ? 0 : 900}>
          <Table striped withTableBorder aria-label={t.all}>
            <Table.Thead>
              {narrow ? (
                <Table.Tr>
                  <Table.Th>{t.recommendation}</Table.Th>
                  <Table.Th>{t.datesState}</Table.Th>
                  <Table.Th>{t.answer}</Table.Th>
                </Table.Tr>
              ) : (
                <Table.Tr>
                  <Table.Th>{t.addressee}</Table.Th>
                  <Table.Th>{t.content}</Table.Th>
                  <Table.Th>{t.issued}</Table.Th>
                  <Table.Th>{t.deadline}</Table.Th>
                  <Table.Th>{t.state}</Table.Th>
                  <Table.Th>{t.answer}</Table.Th>
                </Table.Tr>
              )}
            </Table.Thead>
            <Table.Tbody>
              {recs.data.items.map((r) => {
                const state = (
                  <Text span size="sm" fw={r.state === 'overdue' || r.state === 'answered-late' ? 700 : 400}>
                    {wordOfCode('recommendationState', r.state, lang)}
                  </Text>
                );
                const answer = r.answeredOn ? (
                  <AnswerCell rec={r} />
                ) : answerer ? (
                  <Button size="xs" variant="light" onClick={() => setAnswering(r)}>
                    {t.answer}
                  </Button>
                ) : (
                  '—'
                );
                return narrow ? (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        <Addressee rec={r} />
                      </Text>
                      <Text size="sm">{r.content}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{fill(t.issuedIs, { date: formatDateVn(r.issuedOn) })}</Text>
                      <Text size="sm">{fill(t.deadlineIs, { date: formatDateVn(r.deadline) })}</Text>
                      {state}
                    </Table.Td>
                    <Table.Td>{answer}</Table.Td>
                  </Table.Tr>
                ) : (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Addressee rec={r} />
                    </Table.Td>
                    <Table.Td>{r.content}</Table.Td>
                    <Table.Td>{formatDateVn(r.issuedOn)}</Table.Td>
                    <Table.Td>{formatDateVn(r.deadline)}</Table.Td>
                    <Table.Td>{state}</Table.Td>
                    <Table.Td>{answer}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {answering && <AnswerForm rec={answering} onDone={() => setAnswering(null)} />}
      <Title order={2}>{t.plans}</Title>
      {plans.isPending ? (
        <Skeleton h={120} />
      ) : plans.isError ? (
        <ErrorPanel error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.items.length === 0 ? (
        <Text>{t.noPlans}</Text>
      ) : (
        plans.data.items.map((p) => <PlanSection key={p.id} plan={p} />)
      )}
      {can(user.role, 'front.write') && <PlanForm />}
    </Stack>
  );
}

/** An answer: its date, outcome and text, and the files that came with it (downloadable). */
function AnswerCell({ rec }: { rec: Recommendation }) {
  const t = useMessages(m);
  const { lang } = useLang();
  return (
    <Stack gap={2}>
      <Text size="sm">
        {formatDateVn(rec.answeredOn!)} · {wordOfCode('answerStatus', rec.answerStatus, lang)}:{' '}
        {rec.answerText}
      </Text>
      {rec.attachments.length > 0 && (
        <Group component="ul" gap="xs" aria-label={t.attachments} p={0} m={0} style={{ listStyle: 'none' }}>
          {rec.attachments.map((a) => (
            <li key={a.id}>
              <Anchor href={`/api/v1/front/files/${a.id}`} size="sm">
                {a.fileName} ({fill(t.size, { kb: formatCount(Math.max(1, Math.round(a.size / 1024))) })})
              </Anchor>
            </li>
          ))}
        </Group>
      )}
    </Stack>
  );
}

function PlanSection({ plan: p }: { plan: Plan }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const user = useUser();
  const writer = can(user.role, 'front.write');
  const [open, setOpen] = useState<'visit' | 'rec' | null>(null);
  return (
    <Paper component="section" aria-label={p.topic} p="md" withBorder>
      <Stack gap="xs">
        <Title order={3}>{p.topic}</Title>
        <Text size="sm">
          {t.lead2}: {p.unitName} · {t.period}: {formatDateVn(p.startDate)}–{formatDateVn(p.endDate)} ·{' '}
          {t.units}: {p.units.map((u) => u.name).join(', ')}
        </Text>
        {p.visits.length === 0 ? (
          <Text size="sm">{t.noVisits}</Text>
        ) : (
          <Table withTableBorder aria-label={`${t.visits}: ${p.topic}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>{t.visitDate}</Table.Th>
                <Table.Th w={220}>{t.visitUnit}</Table.Th>
                <Table.Th>{t.findings}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.visits.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{formatDateVn(v.date)}</Table.Td>
                  <Table.Td>{p.units.find((u) => u.code === v.unitCode)?.name ?? v.unitCode}</Table.Td>
                  <Table.Td>{v.findings}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="sm">
          {fill(t.recsOfPlan, { n: p.recommendations.length })}
          {p.recommendations.length > 0
            ? ` (${p.recommendations
                .map((r) => `${r.addresseeName}: ${wordOfCode('recommendationState', r.state, lang)}`)
                .join('; ')})`
            : ''}
        </Text>
        {writer && (
          <Group>
            <Button variant="light" size="xs" onClick={() => setOpen(open === 'visit' ? null : 'visit')}>
              {t.newVisit}
            </Button>
            <Button variant="light" size="xs" onClick={() => setOpen(open === 'rec' ? null : 'rec')}>
              {t.newRec}
            </Button>
          </Group>
        )}
        {open === 'visit' && <VisitForm plan={p} onDone={() => setOpen(null)} />}
        {open === 'rec' && <RecommendationForm plan={p} onDone={() => setOpen(null)} />}
      </Stack>
    </Paper>
  );
}

function PlanForm() {
  const t = useMessages(m);
  const qc = useQueryClient();
  const [unit, setUnit] = useState<Unit | null>(null);
  const [topic, setTopic] = useState('');
  const [startDate, setStartDate] = useState<string | null>(null);
  const [endDate, setEndDate] = useState<string | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const save = useMutation({
    mutationFn: () =>
      api.post('/front/plans', {
        unitCode: unit?.code ?? '',
        topic,
        startDate,
        endDate,
        units: units.map((u) => u.code),
      }),
    onSuccess: () => {
      setTopic('');
      setUnits([]);
      void qc.invalidateQueries({ queryKey: ['front'] });
    },
  });
  const e = useFieldErrors(save.error, {
    unitCode: t.frontUnit,
    topic: t.topic,
    startDate: t.startDate,
    endDate: t.endDate,
    units: t.supervised,
  });
  return (
    <Paper component="section" aria-label={t.newPlan} p="md" withBorder>
      <Stack gap="sm">
        <Title order={3}>{t.newPlan}</Title>
        <Textarea
          label={t.topic}
          value={topic}
          onChange={(ev) => setTopic(ev.currentTarget.value)}
          autosize
          minRows={2}
          error={e.of('topic')}
        />
        <DatePair
          first={{ label: t.startDate, value: startDate, onChange: setStartDate, error: e.of('startDate') }}
          second={{ label: t.endDate, value: endDate, onChange: setEndDate, error: e.of('endDate') }}
        />
        <ScopeUnitField legend={t.frontUnit} on={startDate} onChange={setUnit} error={e.of('unitCode')} />
        <ScopeUnitsField
          legend={t.supervised}
          on={startDate}
          units={units}
          onChange={setUnits}
          error={e.of('units')}
        />
        <FormError error={save.error} show={e.orphan} />
        {save.isSuccess && <Text role="status">{t.planSaved}</Text>}
        <FormActions label={t.savePlan} onSave={() => save.mutate()} saving={save.isPending} />
      </Stack>
    </Paper>
  );
}

function VisitForm({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const t = useMessages(m);
  const qc = useQueryClient();
  const [unitCode, setUnitCode] = useState<string | null>(
    plan.units.length === 1 ? plan.units[0]!.code : null,
  );
  const [date, setDate] = useState<string | null>(null);
  const [findings, setFindings] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.post(`/front/plans/${plan.id}/visits`, { unitCode: unitCode ?? '', date, findings }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['front'] });
      onDone();
    },
  });
  const e = useFieldErrors(save.error, { unitCode: t.visitUnit, date: t.visitDate, findings: t.findings });
  return (
    <Stack component="section" aria-label={t.newVisit} gap="sm">
      <Title order={4}>{t.newVisit}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t.visitUnit}
          value={unitCode}
          onChange={setUnitCode}
          data={plan.units.map((u) => ({ value: u.code, label: u.name }))}
          error={e.of('unitCode')}
        />
        <DateField label={t.visitDate} value={date} onChange={setDate} error={e.of('date')} />
      </SimpleGrid>
      <Textarea
        label={t.findings}
        value={findings}
        onChange={(ev) => setFindings(ev.currentTarget.value)}
        autosize
        minRows={3}
        error={e.of('findings')}
      />
      <FormError error={save.error} show={e.orphan} />
      <FormActions
        label={t.saveVisit}
        onSave={() => save.mutate()}
        saving={save.isPending}
        onCancel={onDone}
      />
    </Stack>
  );
}

function RecommendationForm({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const t = useMessages(m);
  const qc = useQueryClient();
  const [unit, setUnit] = useState<Unit | null>(null);
  const [content, setContent] = useState('');
  const [issuedOn, setIssuedOn] = useState<string | null>(null);
  const [deadline, setDeadline] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      api.post(`/front/plans/${plan.id}/recommendations`, {
        addresseeUnitCode: unit?.code ?? '',
        content,
        issuedOn,
        deadline,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['front'] });
      onDone();
    },
  });
  const e = useFieldErrors(save.error, {
    addresseeUnitCode: t.addresseeUnit,
    content: t.content,
    issuedOn: t.issued,
    deadline: t.deadline,
  });
  return (
    <Stack component="section" aria-label={t.newRec} gap="sm">
      <Title order={4}>{t.newRec}</Title>
      <DatePair
        first={{ label: t.issued, value: issuedOn, onChange: setIssuedOn, error: e.of('issuedOn') }}
        second={{ label: t.deadline, value: deadline, onChange: setDeadline, error: e.of('deadline') }}
      />
      <ScopeUnitField
        legend={t.addresseeUnit}
        on={issuedOn}
        onChange={setUnit}
        error={e.of('addresseeUnitCode')}
      />
      <Textarea
        label={t.content}
        value={content}
        onChange={(ev) => setContent(ev.currentTarget.value)}
        autosize
        minRows={3}
        error={e.of('content')}
      />
      <FormError error={save.error} show={e.orphan} />
      <FormActions label={t.saveRec} onSave={() => save.mutate()} saving={save.isPending} onCancel={onDone} />
    </Stack>
  );
}

/**
 * The committee a recommendation was addressed to, as named on its day, and — when the 2025 reform
 * merged it away since — the unit that owes the answer now (decision 0039).
 */
function Addressee({ rec }: { rec: Recommendation }) {
  const t = useMessages(m);
  return (
    <>
      {rec.addresseeName}
      {rec.successorName && (
        <Text size="sm" c="dimmed">
          {fill(t.nowPartOf, { name: rec.successorName })}
        </Text>
      )}
    </>
  );
}

function AnswerForm({ rec, onDone }: { rec: Recommendation; onDone: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [answeredOn, setAnsweredOn] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const save = useMutation({
    mutationFn: () =>
      postFrontForm(
        `/front/recommendations/${rec.id}/answer`,
        { status: status ?? '', text, ...(answeredOn ? { answeredOn } : {}) },
        files.map((file) => ({ field: 'files', file })),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['front'] });
      onDone();
    },
  });
  const e = useFieldErrors(save.error, {
    status: t.status,
    text: t.text,
    answeredOn: t.answeredOnOpt,
    files: t.files,
    file: t.files,
  });
  return (
    <Paper component="section" aria-label={fill(t.answerOf, { id: rec.id })} p="md" withBorder>
      <Stack gap="sm">
        <Title order={2}>{fill(t.answerOf, { id: rec.id })}</Title>
        <Text>
          {rec.addresseeName}
          {rec.successorName ? ` (${fill(t.nowPartOf, { name: rec.successorName })})` : ''} · {t.deadline}:{' '}
          {formatDateVn(rec.deadline)}
        </Text>
        <Text>{rec.content}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t.status}
            value={status}
            onChange={setStatus}
            data={optionsOf('answerStatus', lang)}
            error={e.of('status')}
          />
          <DateField
            label={t.answeredOnOpt}
            value={answeredOn}
            onChange={setAnsweredOn}
            error={e.of('answeredOn')}
            clearable
            clearButtonProps={{ 'aria-label': t.clearDate }}
          />
        </SimpleGrid>
        <Textarea
          label={t.text}
          value={text}
          onChange={(ev) => setText(ev.currentTarget.value)}
          autosize
          minRows={3}
          error={e.of('text')}
        />
        <FileInput
          label={t.files}
          description={t.filesHint}
          multiple
          value={files}
          onChange={setFiles}
          clearable
          clearButtonProps={{ 'aria-label': t.clearFiles }}
          error={e.of('files') ?? e.of('file')}
        />
        <FormError error={save.error} show={e.orphan} />
        <FormActions label={t.send} onSave={() => save.mutate()} saving={save.isPending} onCancel={onDone} />
      </Stack>
    </Paper>
  );
}
