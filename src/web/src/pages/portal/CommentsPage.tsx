// Cổng thông tin → Kiểm duyệt bình luận: comments wait here until a moderator publishes them or
// rejects them with a reason. Comments are plain text: shown as text, never as markup.
import { useState } from 'react';
import {
  Anchor,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useComments, useModerateComment, type Comment } from '../../api/portal';
import { ErrorPanel, useErrorText } from '../../components/ErrorPanel';
import { formatInstantVn } from '../../format';
import { useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { portalText } from './messages';

function CommentCard({ c }: { c: Comment }) {
  const t = useMessages(portalText);
  const text = useErrorText();
  const moderate = useModerateComment();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Paper withBorder p="sm" data-testid="comment" aria-label={`${t.from}: ${c.name}`}>
      <Text size="sm" c="dimmed">
        {t.on}:{' '}
        <Anchor href={`/bai-viet/${c.articleSlug}`} target="_blank">
          {c.articleTitle}
        </Anchor>{' '}
        · {t.sentAt} {formatInstantVn(c.createdAt)}
      </Text>
      <Text fw={600}>{c.name}</Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Text>
      {c.rejectReason ? (
        <Text size="sm" c="red">
          {t.reason}: {c.rejectReason}
        </Text>
      ) : null}
      {c.status === 'pending' ? (
        <Group align="flex-start" mt="xs">
          <Button
            size="xs"
            onClick={() => moderate.mutate({ id: c.id, decision: 'publish' })}
            loading={moderate.isPending}
          >
            {t.approve}
          </Button>
          <TextInput
            size="xs"
            label={t.reason}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={missing ? t.reasonRequired : undefined}
            w={260}
          />
          <Button
            size="xs"
            variant="default"
            color="red"
            mt={22}
            onClick={() => {
              if (!reason.trim()) {
                setMissing(true);
                return;
              }
              setMissing(false);
              moderate.mutate({ id: c.id, decision: 'reject', reason: reason.trim() });
            }}
          >
            {t.reject}
          </Button>
        </Group>
      ) : null}
      {moderate.error ? (
        <Text c="red" size="sm">
          {text(moderate.error)}
        </Text>
      ) : null}
    </Paper>
  );
}

export default function CommentsPage() {
  const t = useMessages(portalText);
  usePageTitle(t.moderation);
  const [status, setStatus] = useState('pending');
  const comments = useComments(status);
  return (
    <Paper p="md">
      <Title order={1} mb="sm">
        {t.moderation}
      </Title>
      <SegmentedControl
        mb="sm"
        value={status}
        onChange={setStatus}
        data={[
          { value: 'pending', label: t.pending },
          { value: 'published', label: t.published },
          { value: 'rejected', label: t.rejected },
        ]}
      />
      {comments.isPending ? (
        <Skeleton h={120} />
      ) : comments.isError ? (
        <ErrorPanel error={comments.error} onRetry={() => void comments.refetch()} />
      ) : comments.data.length === 0 ? (
        <Text c="dimmed">{t.noComments}</Text>
      ) : (
        <Stack gap="sm">
          {comments.data.map((c) => (
            <CommentCard key={c.id} c={c} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}
