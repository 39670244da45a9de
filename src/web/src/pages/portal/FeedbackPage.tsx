// Cổng thông tin → Góp ý – phản ánh: citizens' feedback within the officer's scope, answered
// here; the citizen reads the status and the answer with the follow-up code. Feedback about a
// household of a posted list is also a complaint in the commune's review campaign.
import { useState } from 'react';
import { Badge, Button, Group, Paper, Select, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { useFeedbackList, useRespondFeedback, type Feedback } from '../../api/portal';
import { ErrorPanel, useErrorText } from '../../components/ErrorPanel';
import { UnitName } from '../../components/UnitSearch';
import { formatInstantVn } from '../../format';
import { useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { portalText } from './messages';

const STATUSES = ['received', 'in-progress', 'answered', 'closed'] as const;

function FeedbackCard({ f }: { f: Feedback }) {
  const t = useMessages(portalText);
  const text = useErrorText();
  const respond = useRespondFeedback();
  const [status, setStatus] = useState<Feedback['status']>(f.status === 'received' ? 'answered' : f.status);
  const [response, setResponse] = useState(f.response ?? '');
  return (
    <Paper withBorder p="sm" data-testid="feedback">
      <Group gap="xs">
        <Text fw={600}>{f.subject}</Text>
        <Badge variant="light">{t[f.status]}</Badge>
        {f.complaintRef ? (
          <Badge color="orange" variant="light">
            {t.complaint}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {t.feedbackCode} {f.code} · {formatInstantVn(f.createdAt)} · {f.name}
        {f.contact ? ` · ${t.contact}: ${f.contact}` : ''}
        {f.communeCode ? (
          <>
            {' '}
            · {t.commune} <UnitName code={f.communeCode} />
          </>
        ) : null}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }} my={4}>
        {f.body}
      </Text>
      <Group align="flex-end">
        <Textarea
          label={t.response}
          value={response}
          onChange={(e) => setResponse(e.currentTarget.value)}
          autosize
          minRows={2}
          w={{ base: '100%', sm: 420 }}
          error={respond.error ? text(respond.error) : undefined}
        />
        <Select
          label={t.newStatus}
          data={STATUSES.map((s) => ({ value: s, label: t[s] }))}
          value={status}
          onChange={(v) => v && setStatus(v as Feedback['status'])}
          allowDeselect={false}
          w={180}
        />
        <Button onClick={() => respond.mutate({ id: f.id, status, response })} loading={respond.isPending}>
          {t.respond}
        </Button>
      </Group>
    </Paper>
  );
}

export default function FeedbackPage() {
  const t = useMessages(portalText);
  usePageTitle(t.feedback);
  const [status, setStatus] = useState<string>('received');
  const list = useFeedbackList(status === 'all' ? '' : status);
  return (
    <Paper p="md">
      <Title order={1} mb="sm">
        {t.feedback}
      </Title>
      <Select
        label={t.status}
        data={[{ value: 'all', label: t.all }, ...STATUSES.map((s) => ({ value: s, label: t[s] }))]}
        value={status}
        onChange={(v) => v && setStatus(v)}
        allowDeselect={false}
        w={220}
        mb="sm"
      />
      {list.isPending ? (
        <Skeleton h={120} />
      ) : list.isError ? (
        <ErrorPanel error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text c="dimmed">{t.noFeedback}</Text>
      ) : (
        <Stack gap="sm">
          {list.data.map((f) => (
            <FeedbackCard key={f.id} f={f} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}
