// Khảo sát ngoại tuyến (issue 15, decision 0036): the survey door to door without a signal. Before
// leaving, the officer downloads the commune's assignment and sets the device's lock with their
// password; in the field the page needs no server: it lists and searches the households, opens one
// in the shared survey form (SurveyFields, the same validator), shows the provisional class and
// its explanation from the same engine, adds new households, takes a resized photo of the house
// and the position if allowed, and queues the survey ("N phiếu chưa gửi"). Back online, it sends
// the queue in order with its progress; a conflict opens both versions side by side. Everything
// it keeps is sealed in IndexedDB (./store.ts); after a reload it asks for the password again.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Container,
  FileInput,
  Group,
  List,
  PasswordInput,
  Progress,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { api, isApiError, setCsrfToken } from '../../api/client';
import type { SessionAnswer, User } from '../../api/types';
import type {
  OfflinePackage,
  OfflineSyncItem,
  OfflineSyncResponse,
  OfflineSyncResult,
} from '../../../../http/schemas/offline';
import { defineMessages, fill, useLang, useMessages, type Lang } from '../../i18n';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { BrandMark } from '../../layout/BrandMark';
import { usePageTitle } from '../../layout/usePageTitle';
import { formatDateVn, formatInstantVn, formatVnd, todayVn } from '../../format';
import { SurveyFields } from '../registry/survey/SurveyFields';
import { CommuneSelect } from '../registry/survey/CommuneSelect';
import { emptySurvey, foldForSearch, recordOf, type Survey } from '../registry/survey/model';
import { clientFieldErrors, fieldLabel, type FieldErrors } from '../registry/fieldErrors';
import { wordOfCode } from '../../../../domain/words/catalogue';
import { offlineClassifier, type OfflineClass } from '../../../../domain/offline/classify';
import { surveyField, SURVEY_FIELDS, SURVEY_SECTION_LABELS } from '../../../../domain/survey/fields';
import { OfflineStore, type Contents, type IndexEntry, type StoredHousehold } from './store';
import { WrongPassword } from './vault';
import { newClientId, syncQueue, type QueueItem } from './queue';
import { resizePhoto } from './photo';

const m = defineMessages({
  vi: {
    title: 'Khảo sát ngoại tuyến',
    lead: 'Tải gói khảo sát của xã trước khi đi, rồi nhập phiếu tại hộ kể cả khi không có mạng. Phiếu được giữ trên máy, đã mã hoá, đến khi gửi.',
    back: 'Về trang chính',
    loading: 'Đang mở dữ liệu trên máy…',
    noPackage: 'Máy này chưa có gói khảo sát.',
    signIn: 'Đăng nhập để tải gói khảo sát',
    offlineNow: 'Đang không có mạng. Cần có mạng để tải gói khảo sát.',
    commune: 'Xã, phường được giao',
    password: 'Mật khẩu của bạn',
    passwordHelp: 'Dùng để khoá dữ liệu trên máy. Khi mở lại ứng dụng, bạn nhập mật khẩu này để mở khoá.',
    download: 'Tải gói khảo sát',
    downloading: 'Đang tải và mã hoá gói khảo sát…',
    wrongPassword: 'Mật khẩu không đúng.',
    locked: 'Dữ liệu khảo sát trên máy đang khoá.',
    unlock: 'Mở khoá',
    wiped:
      'Máy chủ báo phân công đã bị thu hồi hoặc tài khoản đã bị khoá: dữ liệu khảo sát trên máy đã được xoá.',
    assignment: '{unit} — kỳ rà soát {period}',
    downloadedAt: 'Tải lúc {at} bởi {user}',
    unsent: '{n} phiếu chưa gửi',
    send: 'Gửi phiếu',
    sending: 'Đang gửi {done}/{total} phiếu',
    sent: 'Đã gửi: {applied} phiếu được ghi nhận, {conflicts} phiếu xung đột, {rejected} phiếu bị từ chối.',
    unsentLeft: 'Chưa gửi được {n} phiếu, phiếu vẫn được giữ trên máy: {reason}',
    noNetwork: 'không có mạng',
    signInToSend: 'Phiên đăng nhập đã hết. Đăng nhập lại để gửi phiếu.',
    refresh: 'Tải lại gói',
    addHousehold: 'Thêm hộ mới',
    search: 'Tìm hộ theo tên chủ hộ, mã hộ hoặc địa chỉ',
    shown: 'Hiện {shown}/{total} hộ. Gõ để tìm hộ khác.',
    households: 'Danh sách hộ',
    colHead: 'Chủ hộ',
    colId: 'Mã hộ',
    colVillage: 'Thôn, tổ dân phố',
    colLast: 'Kết quả gần nhất',
    colState: 'Phiếu',
    none: '—',
    queued: 'Chưa gửi',
    conflict: 'Xung đột',
    rejected: 'Bị từ chối',
    newHousehold: 'Hộ mới',
    open: 'Mở',
    formTitle: 'Phiếu khảo sát: {name}',
    formNew: 'Phiếu khảo sát hộ mới',
    last: 'Kết quả kỳ {period}: {cls}',
    photo: 'Ảnh nhà ở',
    photoHelp: 'Ảnh được thu nhỏ trên máy trước khi lưu.',
    photoKept: 'Đã lưu ảnh {w}×{h} điểm ảnh, {kb} kB.',
    photoFailed: 'Không đọc được ảnh này.',
    position: 'Ghi vị trí',
    positionKept: 'Đã ghi vị trí (sai số khoảng {m} m).',
    positionFailed: 'Không lấy được vị trí: máy không cho phép hoặc không có tín hiệu định vị.',
    save: 'Lưu phiếu vào máy',
    close: 'Đóng phiếu',
    fix: 'Phiếu còn {n} lỗi, xem bên cạnh từng ô.',
    provisional: 'Phân loại tạm thời: {cls}',
    provisionalNote:
      'Kết quả tạm tính trên máy theo chuẩn {standard}. Kết quả chính thức do máy chủ tính khi phiếu được gửi.',
    deprived: 'Các chỉ số thiếu hụt:',
    noDeprivation: 'Không thiếu hụt chỉ số nào.',
    savedLocal: 'Đã lưu phiếu vào máy, chờ gửi.',
    conflictTitle: 'Hộ {id} đã được sửa trên máy chủ',
    conflictLead:
      'Trong khi bạn khảo sát, hộ này đã được sửa (phiên bản {v}, lúc {at}). Không có bản nào bị ghi đè: chọn bản cần giữ, hoặc chọn từng câu trả lời.',
    field: 'Câu hỏi',
    mine: 'Bản của tôi',
    theirs: 'Bản trên máy chủ',
    keepMine: 'Giữ bản của tôi',
    keepTheirs: 'Giữ bản trên máy chủ',
    merge: 'Gộp theo lựa chọn từng câu',
    resolve: 'Xem và giải quyết',
    rejectedTitle: 'Phiếu của hộ {id} bị từ chối',
    confirmDuplicates: 'Đã kiểm tra, vẫn gửi',
    edit: 'Sửa phiếu',
    yes: 'Có',
    no: 'Không',
    members: '{n} thành viên',
  },
  en: {
    title: 'Offline survey',
    lead: 'Download the commune’s survey package before leaving, then fill in surveys at the door even without a connection. Surveys are kept on the device, encrypted, until they are sent.',
    back: 'Back to the main app',
    loading: 'Opening the data on this device…',
    noPackage: 'This device holds no survey package.',
    signIn: 'Sign in to download a survey package',
    offlineNow: 'There is no connection. A connection is needed to download a survey package.',
    commune: 'Assigned commune or ward',
    password: 'Your password',
    passwordHelp: 'It locks the data on this device. When you open the app again, enter it to unlock.',
    download: 'Download the survey package',
    downloading: 'Downloading and encrypting the survey package…',
    wrongPassword: 'Wrong password.',
    locked: 'The survey data on this device is locked.',
    unlock: 'Unlock',
    wiped:
      'The server reports that the assignment was revoked or the account disabled: the survey data on this device has been erased.',
    assignment: '{unit} — review of {period}',
    downloadedAt: 'Downloaded on {at} by {user}',
    unsent: 'Surveys not sent: {n}',
    send: 'Send surveys',
    sending: 'Sending {done} of {total} surveys',
    sent: 'Sent: {applied} recorded, {conflicts} in conflict, {rejected} refused.',
    unsentLeft: '{n} surveys could not be sent and stay on the device: {reason}',
    noNetwork: 'no connection',
    signInToSend: 'Your session has ended. Sign in again to send the surveys.',
    refresh: 'Download the package again',
    addHousehold: 'Add a household',
    search: 'Find a household by head’s name, code or address',
    shown: 'Showing {shown} of {total} households. Type to find others.',
    households: 'Households',
    colHead: 'Head of household',
    colId: 'Code',
    colVillage: 'Village',
    colLast: 'Latest result',
    colState: 'Survey',
    none: '—',
    queued: 'Not sent',
    conflict: 'Conflict',
    rejected: 'Refused',
    newHousehold: 'New household',
    open: 'Open',
    formTitle: 'Survey: {name}',
    formNew: 'Survey of a new household',
    last: 'Result for {period}: {cls}',
    photo: 'Photo of the house',
    photoHelp: 'The photo is made smaller on the device before it is kept.',
    photoKept: 'Photo kept: {w}×{h} pixels, {kb} kB.',
    photoFailed: 'This photo cannot be read.',
    position: 'Record the position',
    positionKept: 'Position recorded (within about {m} m).',
    positionFailed: 'No position: the device did not allow it or has no positioning signal.',
    save: 'Keep the survey on the device',
    close: 'Close the survey',
    fix: 'The survey has {n} problems, shown beside each field.',
    provisional: 'Provisional class: {cls}',
    provisionalNote:
      'Computed on the device under the standard {standard}. The official result is computed by the server when the survey is sent.',
    deprived: 'Deprived indicators:',
    noDeprivation: 'No indicator is deprived.',
    savedLocal: 'The survey is kept on the device, waiting to be sent.',
    conflictTitle: 'Household {id} was changed on the server',
    conflictLead:
      'While you were surveying, this household was changed (version {v}, at {at}). Nothing was overwritten: choose the version to keep, or choose answer by answer.',
    field: 'Question',
    mine: 'My version',
    theirs: 'Server’s version',
    keepMine: 'Keep my version',
    keepTheirs: 'Keep the server’s version',
    merge: 'Merge as chosen answer by answer',
    resolve: 'Review and resolve',
    rejectedTitle: 'The survey of household {id} was refused',
    confirmDuplicates: 'Checked — send anyway',
    edit: 'Edit the survey',
    yes: 'Yes',
    no: 'No',
    members: '{n} members',
  },
});
type T = (typeof m)['vi'];

// ── the page ────────────────────────────────────────────────────────────────────────────────

type Phase = 'loading' | 'empty' | 'locked' | 'open';

export default function OfflinePage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const [store, setStore] = useState<OfflineStore | null>(null);
  const [phase, setPhase] = useState<Phase>('loading');
  const [contents, setContents] = useState<Contents | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    void OfflineStore.open().then(async (s) => {
      if (!alive) return;
      setStore(s);
      setPhase((await s.hasVault()) ? 'locked' : 'empty');
    });
    return () => {
      alive = false;
    };
  }, []);

  const wipe = useCallback(async () => {
    if (!store) return;
    await store.wipe();
    setContents(null);
    setNotice(t.wiped);
    setStore(await OfflineStore.open());
    setPhase('empty');
  }, [store, t.wiped]);

  const opened = async (c: Contents) => {
    setContents(c);
    setPhase('open');
    // At each contact the server may say the assignment is over: the device then erases it.
    if (navigator.onLine) {
      try {
        await api.post('/offline/status', { assignment: c.rules.assignment.token });
      } catch (e) {
        if (isApiError(e) && e.code === 'OFFLINE_WIPE') await wipe();
      }
    }
  };

  return (
    <Container component="main" size="lg" py="md">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            {/* The mark is drawn for the green header: on this light page it sits on a piece of it. */}
            <Box bg="brand.9" p={4} style={{ borderRadius: 8, display: 'flex' }}>
              <BrandMark size={30} />
            </Box>
            <Title order={1}>{t.title}</Title>
          </Group>
          <Group gap="sm">
            <LanguageSwitch />
            <Anchor component={Link} to="/">
              {t.back}
            </Anchor>
          </Group>
        </Group>
        {notice ? (
          <Alert color="orange" role="alert" data-testid="offline-notice">
            {notice}
          </Alert>
        ) : null}
        {phase === 'loading' || !store ? <Text>{t.loading}</Text> : null}
        {phase === 'empty' && store ? (
          <>
            <Text c="dimmed">{t.lead}</Text>
            <DownloadPanel t={t} store={store} onInstalled={(c) => void opened(c)} />
          </>
        ) : null}
        {phase === 'locked' && store ? (
          <UnlockPanel t={t} store={store} onOpen={(c) => void opened(c)} />
        ) : null}
        {phase === 'open' && store && contents ? (
          <Workspace
            t={t}
            store={store}
            contents={contents}
            setContents={setContents}
            onWipe={() => void wipe()}
            onRefresh={() => {
              store.lock();
              setPhase('empty');
            }}
          />
        ) : null}
      </Stack>
    </Container>
  );
}

// ── before leaving: download, or unlock ─────────────────────────────────────────────────────

function DownloadPanel({
  t,
  store,
  onInstalled,
}: {
  t: T;
  store: OfflineStore;
  onInstalled: (c: Contents) => void;
}) {
  const { lang } = useLang();
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [unit, setUnit] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<SessionAnswer>('/auth/me')
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setUser(s.user);
        if (s.user.role === 'commune-officer') setUnit(s.user.unitCode);
      })
      .catch(() => setUser(null));
  }, []);
  if (user === undefined) return <Text>{t.loading}</Text>;
  if (user === null)
    return (
      <Card withBorder>
        <Stack>
          <Text>{t.noPackage}</Text>
          {navigator.onLine ? (
            <Anchor component={Link} to={`/login?next=${encodeURIComponent('/offline')}`}>
              {t.signIn}
            </Anchor>
          ) : (
            <Text>{t.offlineNow}</Text>
          )}
        </Stack>
      </Card>
    );
  const download = async () => {
    setError(null);
    if (!unit || !password) return;
    setBusy(true);
    try {
      // The lock is the account's own password: checked by signing in again with it.
      const s = await api.post<SessionAnswer>('/auth/login', { username: user.username, password });
      setCsrfToken(s.csrfToken);
      const pkg = await api.get<OfflinePackage>('/offline/assignment', { unit });
      onInstalled(await store.install(pkg, password));
    } catch (e) {
      if (isApiError(e) && e.code === 'AUTH_INVALID_CREDENTIALS') setError(t.wrongPassword);
      else if (isApiError(e)) setError(e.messageIn(lang) ?? t.offlineNow);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Stack maw={520}>
        <Text>{t.noPackage}</Text>
        {user.role === 'commune-officer' ? null : (
          <CommuneSelect
            label={t.commune}
            scopeCode={user.unitCode}
            on={todayVn()}
            value={unit}
            onChange={setUnit}
            size="md"
          />
        )}
        <PasswordInput
          label={t.password}
          description={t.passwordHelp}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          size="md"
          data-testid="offline-download-password"
          error={error}
        />
        <Button size="md" onClick={() => void download()} loading={busy} disabled={!unit || !password}>
          {t.download}
        </Button>
        {busy ? <Text size="sm">{t.downloading}</Text> : null}
      </Stack>
    </Card>
  );
}

function UnlockPanel({ t, store, onOpen }: { t: T; store: OfflineStore; onOpen: (c: Contents) => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unlock = async () => {
    setBusy(true);
    setError(null);
    try {
      await store.unlock(password);
      onOpen(await store.contents());
    } catch (e) {
      if (e instanceof WrongPassword) setError(t.wrongPassword);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        <Stack maw={420}>
          <Text fw={600}>{t.locked}</Text>
          <PasswordInput
            label={t.password}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={error}
            size="md"
            data-testid="offline-unlock-password"
            autoFocus
          />
          <Button type="submit" size="md" loading={busy} disabled={!password}>
            {t.unlock}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

// ── in the field ────────────────────────────────────────────────────────────────────────────

// A new household's number is fixed when it is opened: saving adds it to the index.
type Open =
  { kind: 'household'; entry: IndexEntry } | { kind: 'new'; n: number } | { kind: 'conflict'; n: number };

function Workspace({
  t,
  store,
  contents,
  setContents,
  onWipe,
  onRefresh,
}: {
  t: T;
  store: OfflineStore;
  contents: Contents;
  setContents: (c: Contents) => void;
  onWipe: () => void;
  onRefresh: () => void;
}) {
  const { lang } = useLang();
  const { rules, index } = contents;
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<Open | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<ReactNode>(null);
  const reload = useCallback(async () => setQueue(await store.queue()), [store]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const villages = useMemo(() => new Map(rules.villages.map((v) => [v.id, v.name])), [rules.villages]);
  const queued = useMemo(() => new Map(queue.map((q) => [q.n, q])), [queue]);
  const matches = useMemo(() => {
    const q = foldForSearch(query);
    const all = q
      ? index.filter((e) => foldForSearch(`${e.headName} ${e.householdId} ${e.address ?? ''}`).includes(q))
      : index;
    return all;
  }, [index, query]);
  const shown = matches.slice(0, 50);

  const sync = async () => {
    setReport(null);
    try {
      const s = await api.get<SessionAnswer>('/auth/me');
      setCsrfToken(s.csrfToken);
    } catch (e) {
      if (isApiError(e) && e.code === 'AUTH_REQUIRED') {
        setReport(
          <Alert color="orange" role="alert">
            <Anchor component={Link} to={`/login?next=${encodeURIComponent('/offline')}`}>
              {t.signInToSend}
            </Anchor>
          </Alert>,
        );
        return;
      }
      setReport(<Alert color="orange">{fill(t.unsentLeft, { n: queue.length, reason: t.noNetwork })}</Alert>);
      return;
    }
    let current = contents;
    const summary = await syncQueue(queue, {
      send: async (items: OfflineSyncItem[]) =>
        (
          await api.post<OfflineSyncResponse>('/offline/sync', {
            assignment: rules.assignment.token,
            items,
          })
        ).results,
      applied: async (item: QueueItem, r: OfflineSyncResult) => {
        await store.dropQueued(item.n);
        const before = await store.household(item.n);
        const h: StoredHousehold = {
          householdId: item.householdId,
          communeCode: String(item.survey.unitCode ?? rules.assignment.unitCode),
          villageId: item.villageId,
          headName: headOf(item.survey) ?? before?.headName ?? item.householdId,
          address: item.address,
          version: r.version ?? before?.version ?? 1,
          members: membersOf(item.survey),
          last: {
            period: rules.assignment.period,
            classification: r.classification ?? before?.last?.classification ?? '',
            deprivations: r.deprivations ?? [],
            status: 'draft',
            frozen: false,
            answers: item.survey as NonNullable<StoredHousehold['last']>['answers'],
          },
        };
        current = { ...current, index: await store.putHousehold(item.n, h, current.index) };
      },
      kept: async (item: QueueItem) => store.putQueued(item),
      progress: (done: number, total: number) => setProgress({ done, total }),
    });
    setContents(current);
    setProgress(null);
    await reload();
    if (isApiError(summary.failure) && summary.failure.code === 'OFFLINE_WIPE') return onWipe();
    setReport(
      <Alert
        color={summary.unsent || summary.conflicts || summary.rejected ? 'orange' : 'green'}
        role="status"
      >
        <Text data-testid="offline-sync-report">
          {fill(t.sent, {
            applied: summary.applied,
            conflicts: summary.conflicts,
            rejected: summary.rejected,
          })}
        </Text>
        {summary.unsent ? (
          <Text>
            {fill(t.unsentLeft, {
              n: summary.unsent,
              reason:
                isApiError(summary.failure) && summary.failure.code !== 'NETWORK'
                  ? (summary.failure.messageIn(lang) ?? t.noNetwork)
                  : t.noNetwork,
            })}
          </Text>
        ) : null}
      </Alert>,
    );
  };

  if (open?.kind === 'conflict') {
    const item = queued.get(open.n);
    if (item)
      return (
        <ConflictView
          t={t}
          item={item}
          onDone={async (next) => {
            if (next.kind === 'queue') await store.putQueued(next.item);
            else {
              await store.dropQueued(item.n);
              const before = await store.household(item.n);
              if (before) {
                const server = next.server;
                const h: StoredHousehold = {
                  ...before,
                  version: server.version ?? before.version,
                  last: server.answers
                    ? {
                        period: rules.assignment.period,
                        classification: before.last?.classification ?? '',
                        deprivations: before.last?.deprivations ?? [],
                        status: 'draft',
                        frozen: false,
                        answers: server.answers as NonNullable<StoredHousehold['last']>['answers'],
                      }
                    : before.last,
                };
                setContents({ ...contents, index: await store.putHousehold(item.n, h, contents.index) });
              }
            }
            await reload();
            setOpen(null);
          }}
          onCancel={() => setOpen(null)}
        />
      );
  }
  if (open?.kind === 'household' || open?.kind === 'new') {
    const n = open.kind === 'household' ? open.entry.n : open.n;
    return (
      <HouseholdForm
        key={n}
        t={t}
        store={store}
        rules={rules}
        n={n}
        entry={open.kind === 'household' ? open.entry : null}
        queued={queued.get(n) ?? null}
        onSaved={async (item, household) => {
          await store.putQueued(item);
          if (household)
            setContents({ ...contents, index: await store.putHousehold(n, household, contents.index) });
          await reload();
        }}
        onClose={() => setOpen(null)}
      />
    );
  }

  const unsent = queue.length;
  return (
    <Stack gap="md">
      <Card withBorder>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Text fw={700} size="lg">
              {fill(t.assignment, { unit: rules.assignment.unitName, period: rules.assignment.period })}
            </Text>
            <Text size="sm" c="dimmed">
              {fill(t.downloadedAt, {
                at: formatInstantVn(rules.assignment.createdAt),
                user: rules.assignment.username,
              })}
            </Text>
          </Stack>
          <Group gap="sm">
            <Badge size="xl" color={unsent ? 'orange' : 'gray'} data-testid="offline-counter">
              {fill(t.unsent, { n: unsent })}
            </Badge>
            <Button
              size="md"
              onClick={() => void sync()}
              disabled={!queue.some((q) => q.state === 'pending') || progress !== null}
              data-testid="offline-sync"
            >
              {t.send}
            </Button>
          </Group>
        </Group>
        {progress ? (
          <Stack gap={4} mt="sm" role="status">
            <Text size="sm">{fill(t.sending, progress)}</Text>
            <Progress value={progress.total ? (100 * progress.done) / progress.total : 0} />
          </Stack>
        ) : null}
      </Card>
      {report}
      {queue
        .filter((q) => q.state !== 'pending')
        .map((q) => (
          <Alert
            key={q.n}
            color="red"
            title={fill(q.state === 'conflict' ? t.conflictTitle : t.rejectedTitle, { id: q.householdId })}
            data-testid={`offline-${q.state}`}
          >
            <Stack gap="xs">
              {q.state === 'rejected' && q.error ? (
                <Text size="sm">{lang === 'en' ? q.error.messageEn : q.error.message}</Text>
              ) : null}
              <Group>
                {q.state === 'conflict' ? (
                  <Button variant="light" onClick={() => setOpen({ kind: 'conflict', n: q.n })}>
                    {t.resolve}
                  </Button>
                ) : (
                  <>
                    <Button
                      variant="light"
                      onClick={() => {
                        const entry = index.find((e) => e.n === q.n);
                        if (entry) setOpen({ kind: 'household', entry });
                      }}
                    >
                      {t.edit}
                    </Button>
                    {q.error?.code === 'HOUSEHOLD_DUPLICATE_SUSPECTED' ? (
                      <Button
                        variant="light"
                        onClick={() =>
                          void store
                            .putQueued({
                              ...q,
                              state: 'pending',
                              error: null,
                              confirmDuplicates: true,
                              clientId: newClientId(),
                            })
                            .then(reload)
                        }
                      >
                        {t.confirmDuplicates}
                      </Button>
                    ) : null}
                  </>
                )}
              </Group>
            </Stack>
          </Alert>
        ))}
      <Group justify="space-between" wrap="wrap">
        <Button
          size="md"
          variant="light"
          onClick={() => setOpen({ kind: 'new', n: Math.max(-1, ...index.map((e) => e.n)) + 1 })}
          data-testid="offline-add"
        >
          {t.addHousehold}
        </Button>
        <Button variant="subtle" onClick={onRefresh} disabled={!navigator.onLine}>
          {t.refresh}
        </Button>
      </Group>
      <TextInput
        label={t.search}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        size="md"
        data-testid="offline-search"
      />
      <Table striped highlightOnHover aria-label={t.households}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.colHead}</Table.Th>
            <Table.Th>{t.colId}</Table.Th>
            <Table.Th>{t.colVillage}</Table.Th>
            <Table.Th>{t.colLast}</Table.Th>
            <Table.Th>{t.colState}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((e) => {
            const q = queued.get(e.n);
            return (
              <Table.Tr key={e.n} data-testid="offline-row">
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    ta="left"
                    onClick={() => setOpen({ kind: 'household', entry: e })}
                  >
                    {e.headName}
                  </Anchor>
                </Table.Td>
                {/* A code is read whole: not broken at its hyphen on a tablet. */}
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.householdId}</Table.Td>
                <Table.Td>{e.villageId !== null ? (villages.get(e.villageId) ?? t.none) : t.none}</Table.Td>
                <Table.Td>{e.lastClass ? wordOfCode('classification', e.lastClass, lang) : t.none}</Table.Td>
                <Table.Td>
                  {q ? (
                    <Badge color={q.state === 'pending' ? 'orange' : 'red'}>
                      {q.state === 'pending' ? t.queued : q.state === 'conflict' ? t.conflict : t.rejected}
                    </Badge>
                  ) : e.version === null ? (
                    <Badge color="blue">{t.newHousehold}</Badge>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {matches.length > shown.length ? (
        <Text size="sm" c="dimmed">
          {fill(t.shown, { shown: shown.length, total: matches.length })}
        </Text>
      ) : null}
    </Stack>
  );
}

function headOf(survey: Record<string, unknown>): string | null {
  const members = Array.isArray(survey.members) ? (survey.members as Record<string, unknown>[]) : [];
  const head = members.find((x) => x.relation === 'head') ?? members[0];
  return typeof head?.name === 'string' ? head.name : null;
}

function membersOf(survey: Record<string, unknown>): StoredHousehold['members'] {
  const members = Array.isArray(survey.members) ? (survey.members as Record<string, unknown>[]) : [];
  return members.map((x) => ({
    name: String(x.name ?? ''),
    idNumber: typeof x.idNumber === 'string' ? x.idNumber : null,
    birthDate: String(x.birthDate ?? ''),
    sex: String(x.sex ?? ''),
    relation: String(x.relation ?? ''),
  }));
}

// ── one household's survey ──────────────────────────────────────────────────────────────────

function HouseholdForm({
  t,
  store,
  rules,
  n,
  entry,
  queued,
  onSaved,
  onClose,
}: {
  t: T;
  store: OfflineStore;
  rules: Contents['rules'];
  n: number;
  entry: IndexEntry | null;
  queued: QueueItem | null;
  onSaved: (item: QueueItem, household: StoredHousehold | null) => Promise<void>;
  onClose: () => void;
}) {
  const { lang } = useLang();
  const [household, setHousehold] = useState<StoredHousehold | null>(null);
  const [survey, setSurvey] = useState<Survey | null>(null);
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const [result, setResult] = useState<OfflineClass | null>(null);
  const [photo, setPhoto] = useState<{ url: string; w: number; h: number } | null>(null);
  const [photoError, setPhotoError] = useState(false);
  const [position, setPosition] = useState<QueueItem['position']>(queued?.position ?? null);
  const [positionError, setPositionError] = useState(false);
  const classifier = useMemo(
    () =>
      offlineClassifier({
        standards: rules.standards as never,
        periodStandard: rules.periodStandard,
        units: rules.units,
      }),
    [rules],
  );
  const resultRef = useRef<HTMLDivElement>(null);
  // From opening to the form drawn with its answers (`offline-open`: React has put it in the page),
  // and to the first frame painted with it (`offline-open-painted`: style, layout and paint too):
  // `npm run bench -- offline` reads both measures.
  const openedAt = useRef(performance.now());
  const today = todayVn();
  const unit = rules.assignment.unitCode;
  useEffect(() => {
    void (async () => {
      const h = entry ? await store.household(n) : null;
      setHousehold(h);
      if (queued) {
        setSurvey({ ...queued.survey, ...(queued.address ? { address: queued.address } : {}) });
        return;
      }
      const last = h?.last?.answers as Survey | undefined;
      // An existing household starts from its last answers, surveyed today in today's commune; a
      // new one from nothing answered, with a provisional code the officer may change.
      setSurvey(
        last
          ? {
              ...last,
              unitCode: unit,
              surveyDate: today,
              ...(h?.address ? { address: h.address } : {}),
            }
          : {
              ...emptySurvey(),
              householdId: `MOI-${newClientId().slice(0, 8).toUpperCase()}`,
              unitCode: unit,
              surveyDate: today,
            },
      );
    })();
  }, [entry, n, queued, store, today, unit]);
  useEffect(() => {
    if (result) resultRef.current?.scrollIntoView({ block: 'start' });
  }, [result]);
  const drawn = survey !== null;
  useEffect(() => {
    if (!drawn) return;
    performance.measure('offline-open', { start: openedAt.current });
    // A task queued from the next animation frame runs once that frame is painted.
    requestAnimationFrame(() =>
      setTimeout(() => performance.measure('offline-open-painted', { start: openedAt.current }), 0),
    );
  }, [drawn]);
  if (!survey) return <Text>{t.loading}</Text>;
  const communes = rules.units
    .filter((u) => u.code === unit && (u.validFrom ?? '') <= today && (u.validTo ?? '9999') >= today)
    .map((u) => ({ code: u.code, name: u.name }));

  const save = async () => {
    const record = recordOf(survey);
    const problems = clientFieldErrors(record, lang);
    setErrors(problems);
    setResult(null);
    if (problems.size > 0) return;
    const t0 = performance.now();
    const out = classifier.classify(record);
    performance.measure('offline-classify', { start: t0 });
    if (!out.ok) {
      setErrors(clientErrorsOf(out.errors, lang));
      return;
    }
    const address = typeof survey.address === 'string' && survey.address ? survey.address : null;
    const item: QueueItem = {
      n,
      seq: Date.now(),
      clientId: newClientId(),
      householdId: String(record.householdId),
      // A household added on the device (version 0 locally) has no server version yet.
      baseVersion: household && household.version > 0 ? household.version : (queued?.baseVersion ?? null),
      survey: record,
      address,
      villageId: household?.villageId ?? null,
      photo: photo?.url ?? queued?.photo ?? null,
      position,
      provisional: out.result.classification,
      state: 'pending',
      error: null,
      server: null,
      savedAt: new Date().toISOString(),
    };
    // A household added on the device joins the list at once (no server version yet).
    const added: StoredHousehold | null = entry
      ? null
      : {
          householdId: item.householdId,
          communeCode: unit,
          villageId: null,
          headName: headOf(record) ?? item.householdId,
          address,
          version: 0,
          members: membersOf(record),
          last: null,
        };
    await onSaved(item, added);
    setResult(out.result);
  };

  const title = entry ? fill(t.formTitle, { name: entry.headName }) : t.formNew;
  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{title}</Title>
        <Button variant="subtle" onClick={onClose} data-testid="offline-close">
          {t.close}
        </Button>
      </Group>
      {household?.last ? (
        <Text>
          {fill(t.last, {
            period: household.last.period,
            cls: wordOfCode('classification', household.last.classification, lang),
          })}
        </Text>
      ) : null}
      {result ? (
        <div ref={resultRef}>
          <Provisional t={t} result={result} lang={lang} />
        </div>
      ) : null}
      {errors.size > 0 ? (
        <Alert color="red" role="alert">
          {fill(t.fix, { n: errors.size })}
        </Alert>
      ) : null}
      <SurveyFields
        value={survey}
        onChange={setSurvey}
        errors={errors}
        scopeCode={unit}
        householdIdLocked={entry !== null}
        communes={communes}
      />
      <Card withBorder>
        <Stack>
          <FileInput
            label={t.photo}
            description={t.photoHelp}
            accept="image/*"
            size="md"
            clearable
            onChange={(file) => {
              setPhotoError(false);
              if (!file) return setPhoto(null);
              resizePhoto(file)
                .then(setPhoto)
                .catch(() => setPhotoError(true));
            }}
            error={photoError ? t.photoFailed : null}
          />
          {photo ? (
            <Text size="sm" data-testid="offline-photo">
              {fill(t.photoKept, {
                w: photo.w,
                h: photo.h,
                kb: Math.round((photo.url.length * 3) / 4 / 1024),
              })}
            </Text>
          ) : null}
          <Group>
            <Button
              variant="light"
              onClick={() => {
                setPositionError(false);
                navigator.geolocation.getCurrentPosition(
                  (p) =>
                    setPosition({
                      lat: p.coords.latitude,
                      lon: p.coords.longitude,
                      accuracy: Math.round(p.coords.accuracy),
                      at: new Date(p.timestamp).toISOString(),
                    }),
                  () => setPositionError(true),
                  { enableHighAccuracy: true, timeout: 15_000 },
                );
              }}
            >
              {t.position}
            </Button>
            {position ? <Text size="sm">{fill(t.positionKept, { m: position.accuracy })}</Text> : null}
            {positionError ? <Text size="sm">{t.positionFailed}</Text> : null}
          </Group>
        </Stack>
      </Card>
      <Group>
        <Button size="md" onClick={() => void save()} data-testid="offline-save">
          {t.save}
        </Button>
      </Group>
    </Stack>
  );
}

function clientErrorsOf(errors: { field: string; message: string; messageEn: string }[], lang: Lang) {
  const out: FieldErrors = new Map();
  for (const e of errors) if (!out.has(e.field)) out.set(e.field, lang === 'en' ? e.messageEn : e.message);
  return out;
}

function Provisional({ t, result, lang }: { t: T; result: OfflineClass; lang: Lang }) {
  const deprived = result.explanation.indicators.filter((i) => i.deprived);
  return (
    <Alert color="blue" role="status" data-testid="offline-provisional" title={t.savedLocal}>
      <Stack gap={6}>
        <Text fw={700} size="lg">
          {fill(t.provisional, { cls: wordOfCode('classification', result.classification, lang) })}
        </Text>
        <Text>{result.explanation.income[lang]}</Text>
        {deprived.length ? (
          <>
            <Text>{t.deprived}</Text>
            <List size="sm">
              {deprived.map((i) => (
                // The sentence names its indicator already ("Trình độ giáo dục của người lớn: …").
                <List.Item key={i.indicator}>{i[lang]}</List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text>{t.noDeprivation}</Text>
        )}
        <Text size="sm" c="dimmed">
          {fill(t.provisionalNote, { standard: wordOfCode('standard', result.standard, lang) })}
        </Text>
      </Stack>
    </Alert>
  );
}

// ── a conflict: both versions side by side ──────────────────────────────────────────────────

type Server = { version?: number; updatedAt?: string; answers?: Record<string, unknown> | null };

function shownValue(path: string, value: unknown, lang: Lang, t: T): string {
  if (value === undefined || value === null || value === '') return t.none;
  if (path === 'members' && Array.isArray(value)) {
    const names = value.map((x) => String((x as Record<string, unknown>).name ?? '')).filter(Boolean);
    return `${fill(t.members, { n: value.length })}: ${names.join(', ')}`;
  }
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  const field = surveyField(path);
  if (Array.isArray(value))
    return value.map((v) => (field?.words ? wordOfCode(field.words, String(v), lang) : String(v))).join(', ');
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabel(`${path}.${k}`, lang) ?? k}: ${shownValue(`${path}.${k}`, v, lang, t)}`)
      .join('; ');
  if (field?.words) return wordOfCode(field.words, String(value), lang);
  if (field?.type === 'money') return formatVnd(Number(value));
  if (field?.type === 'date') return formatDateVn(String(value));
  return String(value);
}

/** A question's label; an object of answers (housing) by its section's name. */
function labelOf(key: string, lang: Lang): string {
  const own = fieldLabel(key, lang);
  if (own) return own;
  const inside = SURVEY_FIELDS.find((f) => f.path.startsWith(`${key}.`));
  return inside ? SURVEY_SECTION_LABELS[inside.section][lang] : key;
}

function ConflictView({
  t,
  item,
  onDone,
  onCancel,
}: {
  t: T;
  item: QueueItem;
  onDone: (next: { kind: 'queue'; item: QueueItem } | { kind: 'server'; server: Server }) => Promise<void>;
  onCancel: () => void;
}) {
  const { lang } = useLang();
  const server = (item.server ?? {}) as Server;
  const theirs = server.answers ?? {};
  const mine = item.survey;
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].filter(
    (k) => k !== 'householdId' && JSON.stringify(mine[k]) !== JSON.stringify(theirs[k]),
  );
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>(
    Object.fromEntries(keys.map((k) => [k, 'mine'])),
  );
  const requeue = (survey: Record<string, unknown>) =>
    onDone({
      kind: 'queue',
      item: {
        ...item,
        survey,
        state: 'pending',
        server: null,
        error: null,
        clientId: newClientId(),
        baseVersion: server.version ?? item.baseVersion,
      },
    });
  return (
    <Stack gap="md" data-testid="offline-conflict-screen">
      <Title order={2}>{fill(t.conflictTitle, { id: item.householdId })}</Title>
      <Text>
        {fill(t.conflictLead, {
          v: server.version ?? t.none,
          at: server.updatedAt ? formatInstantVn(server.updatedAt) : t.none,
        })}
      </Text>
      <Table withTableBorder withColumnBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.field}</Table.Th>
            <Table.Th>{t.mine}</Table.Th>
            <Table.Th>{t.theirs}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => (
            <Table.Tr key={k} data-testid="offline-conflict-row">
              <Table.Td>{labelOf(k, lang)}</Table.Td>
              {(['mine', 'theirs'] as const).map((side) => (
                <Table.Td key={side}>
                  <Radio
                    name={`conflict-${k}`}
                    checked={choice[k] === side}
                    onChange={() => setChoice({ ...choice, [k]: side })}
                    label={shownValue(k, side === 'mine' ? mine[k] : theirs[k], lang, t)}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button onClick={() => void requeue(mine)} data-testid="offline-keep-mine">
          {t.keepMine}
        </Button>
        <Button
          variant="light"
          onClick={() => void onDone({ kind: 'server', server })}
          data-testid="offline-keep-theirs"
        >
          {t.keepTheirs}
        </Button>
        <Button
          variant="light"
          onClick={() =>
            void requeue({
              ...mine,
              ...Object.fromEntries(keys.map((k) => [k, choice[k] === 'theirs' ? theirs[k] : mine[k]])),
            })
          }
          data-testid="offline-merge"
        >
          {t.merge}
        </Button>
        <Button variant="subtle" onClick={onCancel}>
          {t.close}
        </Button>
      </Group>
    </Stack>
  );
}
