// Every saved version of an article, newest first: who saved it and when; one version read in
// full; two versions compared word by word (title, summary, the body's text); and an older
// version restored, which saves its content as a NEW version so the history keeps everything.
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Typography,
  VisuallyHidden,
} from '@mantine/core';
import { useRestoreRevision, useRevision, useRevisions, type Article, type Revision } from '../../api/portal';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatInstantVn } from '../../format';
import { defineMessages, fill, useMessages } from '../../i18n';
import { bodyText, wordDiff, type WordDiff } from './revisionDiff';

const m = defineMessages({
  vi: {
    title: 'Các phiên bản đã lưu',
    version: 'Phiên bản',
    editor: 'Người lưu',
    at: 'Lúc',
    heading: 'Tiêu đề',
    summary: 'Tóm tắt',
    body: 'Nội dung',
    actions: 'Thao tác',
    current: 'hiện tại',
    restoredFrom: 'khôi phục từ phiên bản {version}',
    view: 'Xem',
    viewVersion: 'Xem phiên bản {version}',
    restore: 'Khôi phục',
    restoreVersion: 'Khôi phục phiên bản {version}',
    restoreTitle: 'Khôi phục phiên bản {version}?',
    restoreExplain:
      'Tiêu đề, tóm tắt, nội dung, chuyên mục và từ khoá của phiên bản {from} được lưu thành phiên bản mới {next}. Phiên bản hiện tại ({current}) vẫn được giữ trong lịch sử; địa chỉ bài viết và trạng thái đăng không đổi. Những sửa đổi chưa lưu trong ô soạn thảo sẽ mất.',
    restoreConfirm: 'Khôi phục thành phiên bản {next}',
    cancel: 'Huỷ',
    close: 'Đóng',
    restored: 'Đã khôi phục phiên bản {from} thành phiên bản {version}.',
    compare: 'So sánh hai phiên bản',
    older: 'Phiên bản trước',
    newer: 'Phiên bản sau',
    legend: 'Chữ thêm vào được gạch dưới, nền xanh; chữ bị bỏ được gạch ngang, nền đỏ.',
    added: 'thêm: ',
    removed: 'bỏ: ',
    end: ' (hết)',
    unchanged: 'Không thay đổi.',
    counts: 'Thêm {added} từ, bỏ {removed} từ.',
    onlyOne: 'Cần ít nhất hai phiên bản để so sánh.',
  },
  en: {
    title: 'Saved versions',
    version: 'Version',
    editor: 'Saved by',
    at: 'At',
    heading: 'Title',
    summary: 'Summary',
    body: 'Body',
    actions: 'Actions',
    current: 'current',
    restoredFrom: 'restored from version {version}',
    view: 'View',
    viewVersion: 'View version {version}',
    restore: 'Restore',
    restoreVersion: 'Restore version {version}',
    restoreTitle: 'Restore version {version}?',
    restoreExplain:
      'The title, summary, body, section and tags of version {from} are saved as a new version {next}. The current version ({current}) stays in the history; the article’s address and publication state do not change. Unsaved changes in the editor are lost.',
    restoreConfirm: 'Restore as version {next}',
    cancel: 'Cancel',
    close: 'Close',
    restored: 'Version {from} restored as version {version}.',
    compare: 'Compare two versions',
    older: 'Earlier version',
    newer: 'Later version',
    legend: 'Added words are underlined on green; removed words are struck through on red.',
    added: 'added: ',
    removed: 'removed: ',
    end: ' (end)',
    unchanged: 'No change.',
    counts: '{added} words added, {removed} words removed.',
    onlyOne: 'Comparing needs at least two versions.',
  },
});

type Texts = Record<keyof (typeof m)['vi'], string>;

// A removed word right before an added one must not read as one word ("mộthai").
const MARK = { padding: '0 2px', margin: '0 1px', borderRadius: 2 };

/** Insertions and deletions carry their own marks and words for screen readers, not only colour. */
function DiffText({ diff, t }: { diff: WordDiff; t: Texts }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} component="div">
      {diff.parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'added' ? (
          <ins
            key={i}
            className="gn-diff-ins"
            style={{ ...MARK, background: 'var(--mantine-color-green-1)', textDecoration: 'underline' }}
          >
            <VisuallyHidden>{t.added}</VisuallyHidden>
            {p.text}
            <VisuallyHidden>{t.end}</VisuallyHidden>
          </ins>
        ) : (
          <del
            key={i}
            className="gn-diff-del"
            style={{ ...MARK, background: 'var(--mantine-color-red-1)', textDecoration: 'line-through' }}
          >
            <VisuallyHidden>{t.removed}</VisuallyHidden>
            {p.text}
            <VisuallyHidden>{t.end}</VisuallyHidden>
          </del>
        ),
      )}
    </Text>
  );
}

function DiffSection({
  label,
  before,
  after,
  t,
}: {
  label: string;
  before: string;
  after: string;
  t: Texts;
}) {
  const diff = wordDiff(before, after);
  const changed = diff.added + diff.removed > 0 || before !== after;
  return (
    <section aria-label={label}>
      <Group gap="xs" mb={4}>
        <Title order={4} size="h5">
          {label}
        </Title>
        <Text size="xs" c="dimmed">
          {changed ? fill(t.counts, { added: diff.added, removed: diff.removed }) : t.unchanged}
        </Text>
      </Group>
      <DiffText diff={diff} t={t} />
    </section>
  );
}

function Compare({ revisions, t }: { revisions: Revision[]; t: Texts }) {
  const [older, setOlder] = useState(String(revisions[1]?.version ?? ''));
  const [newer, setNewer] = useState(String(revisions[0]?.version ?? ''));
  if (revisions.length < 2)
    return (
      <Text size="sm" c="dimmed">
        {t.onlyOne}
      </Text>
    );
  const options = revisions.map((r) => ({ value: String(r.version), label: `${t.version} ${r.version}` }));
  const a = revisions.find((r) => String(r.version) === older);
  const b = revisions.find((r) => String(r.version) === newer);
  return (
    <Stack gap="sm" data-testid="revision-compare">
      <Group align="flex-end">
        <Select
          label={t.older}
          data={options}
          value={older}
          onChange={(v) => v && setOlder(v)}
          allowDeselect={false}
          w={180}
        />
        <Select
          label={t.newer}
          data={options}
          value={newer}
          onChange={(v) => v && setNewer(v)}
          allowDeselect={false}
          w={180}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t.legend}
      </Text>
      {a && b ? (
        <Stack gap="sm">
          <DiffSection label={t.heading} before={a.title} after={b.title} t={t} />
          <DiffSection label={t.summary} before={a.summary} after={b.summary} t={t} />
          <DiffSection label={t.body} before={bodyText(a.bodyHtml)} after={bodyText(b.bodyHtml)} t={t} />
        </Stack>
      ) : null}
    </Stack>
  );
}

/** One saved version in full, below the list; focus moves to its heading when it opens. */
function ViewRevision({
  articleId,
  version,
  onClose,
  onRestore,
  isCurrent,
  t,
}: {
  articleId: number;
  version: number;
  onClose: () => void;
  onRestore: () => void;
  isCurrent: boolean;
  t: Texts;
}) {
  const revision = useRevision(articleId, version);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [version]);
  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-labelledby="revision-view-title"
      data-testid="revision-view"
    >
      <Title order={3} id="revision-view-title" ref={heading} tabIndex={-1} mb="xs">
        {fill(t.viewVersion, { version })}
      </Title>
      {revision.isPending ? (
        <Skeleton h={200} />
      ) : revision.isError ? (
        <ErrorPanel error={revision.error} onRetry={() => void revision.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {revision.data.editor} · {formatInstantVn(revision.data.createdAt)}
          </Text>
          <Title order={4}>{revision.data.title}</Title>
          <Text fw={500}>{revision.data.summary}</Text>
          <Paper withBorder p="sm">
            {/* Sanitised by the server with the portal's own policy. */}
            <Typography>
              <div dangerouslySetInnerHTML={{ __html: revision.data.bodyHtml }} />
            </Typography>
          </Paper>
        </Stack>
      )}
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onClose}>
          {t.close}
        </Button>
        {isCurrent ? null : <Button onClick={onRestore}>{fill(t.restoreVersion, { version })}</Button>}
      </Group>
    </Paper>
  );
}

/** Asks before restoring; focus moves to the question when it appears. */
function ConfirmRestore({
  from,
  version,
  pending,
  onConfirm,
  onCancel,
  t,
}: {
  from: number;
  version: number;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  t: Texts;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [from]);
  return (
    <Alert color="yellow" variant="light" mb="sm" role="region" aria-labelledby="restore-title">
      <Title order={3} id="restore-title" ref={heading} tabIndex={-1} size="h5" mb={4}>
        {fill(t.restoreTitle, { version: from })}
      </Title>
      <Text size="sm" mb="sm">
        {fill(t.restoreExplain, { from, next: version + 1, current: version })}
      </Text>
      <Group>
        <Button loading={pending} onClick={onConfirm}>
          {fill(t.restoreConfirm, { next: version + 1 })}
        </Button>
        <Button variant="default" onClick={onCancel}>
          {t.cancel}
        </Button>
      </Group>
    </Alert>
  );
}

export function Revisions({
  id,
  version,
  onRestored,
}: {
  id: number;
  version: number;
  /** Called with the article as saved by a restore, so the form can start again from it. */
  onRestored?: (article: Article) => void;
}) {
  const t = useMessages(m);
  const revisions = useRevisions(id, version);
  const restore = useRestoreRevision(id);
  const [viewing, setViewing] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [restored, setRestored] = useState<{ from: number; version: number } | null>(null);

  const doRestore = (from: number) => {
    setRestored(null);
    restore.mutate(
      { from, version },
      {
        onSuccess: (a) => {
          setConfirming(null);
          setRestored({ from, version: a.version });
          onRestored?.(a);
        },
        onError: () => setConfirming(null),
      },
    );
  };

  return (
    <Paper p="md">
      <Title order={2} mb="xs">
        {t.title}
      </Title>
      {restored ? (
        <Text size="sm" c="brand.8" role="status" mb="xs">
          {fill(t.restored, restored)}
        </Text>
      ) : null}
      {restore.error ? <ErrorPanel error={restore.error} /> : null}
      {confirming !== null ? (
        <ConfirmRestore
          from={confirming}
          version={version}
          pending={restore.isPending}
          onConfirm={() => doRestore(confirming)}
          onCancel={() => setConfirming(null)}
          t={t}
        />
      ) : null}
      {revisions.isPending ? (
        <Skeleton h={60} />
      ) : revisions.isError ? (
        <ErrorPanel error={revisions.error} onRetry={() => void revisions.refetch()} />
      ) : (
        <SimpleGrid cols={1} spacing="md">
          <Table data-testid="revisions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th className="gn-num">{t.version}</Table.Th>
                <Table.Th>{t.heading}</Table.Th>
                <Table.Th>{t.editor}</Table.Th>
                <Table.Th>{t.at}</Table.Th>
                <Table.Th>{t.actions}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {revisions.data.map((r) => (
                <Table.Tr key={r.version}>
                  <Table.Td className="gn-num">
                    {r.version}
                    {r.version === version ? (
                      <Badge variant="light" ml={6} size="sm">
                        {t.current}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {r.title}
                    {r.restoredFrom !== null ? (
                      <Text size="xs" c="dimmed">
                        {fill(t.restoredFrom, { version: r.restoredFrom })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{r.editor}</Table.Td>
                  <Table.Td>{formatInstantVn(r.createdAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => setViewing(r.version)}
                        aria-label={fill(t.viewVersion, { version: r.version })}
                      >
                        {t.view}
                      </Button>
                      {r.version === version ? null : (
                        <Button
                          size="compact-sm"
                          variant="light"
                          onClick={() => setConfirming(r.version)}
                          aria-label={fill(t.restoreVersion, { version: r.version })}
                        >
                          {t.restore}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {viewing !== null ? (
            <ViewRevision
              articleId={id}
              version={viewing}
              isCurrent={viewing === version}
              onClose={() => setViewing(null)}
              onRestore={() => {
                setConfirming(viewing);
                setViewing(null);
              }}
              t={t}
            />
          ) : null}
          <div>
            <Title order={3} mb="xs">
              {t.compare}
            </Title>
            {/* Keyed by the newest version: a new save or restore starts the comparison afresh. */}
            <Compare key={revisions.data[0]?.version ?? 0} revisions={revisions.data} t={t} />
          </div>
        </SimpleGrid>
      )}
    </Paper>
  );
}
