// Báo cáo › Giấy tờ, sổ đơn, kỳ báo cáo (issue 12 part 2): the papers of a commune's review
// (the Mẫu 02 decision with its four lists, the posted lists, the village meeting minutes, the
// posting notice) as XLSX and PDF; the applications register of regular review with the 15-day
// clock, where the commune officer enters an application and records the decision or the refusal;
// the reporting round's board (who has submitted, who is late) with the submit button.
import { useEffect, useState } from 'react';
import {
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { can } from '../../../../domain/access/permissions';
import { WORDS } from '../../../../domain/words/catalogue';
import { useUser } from '../../auth/session';
import {
  useBoard,
  useDecideApplication,
  usePaperUnits,
  useReceiveApplication,
  useRegister,
  useSubmitReport,
  type Application,
} from '../../api/paperwork';
import { DownloadButton } from '../../components/DownloadButton';
import { UnitSearch, scopeWithin } from '../../components/UnitSearch';
import { ErrorPanel, useErrorText } from '../../components/ErrorPanel';
import { formatDateVn, todayVn } from '../../format';
import { defineMessages, useBilingual, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';

const m = defineMessages({
  vi: {
    title: 'Giấy tờ rà soát, sổ đơn, kỳ báo cáo',
    papers: 'Giấy tờ rà soát',
    register: 'Sổ đơn đề nghị',
    round: 'Kỳ báo cáo',
    commune: 'Mã xã, phường',
    unit: 'Đơn vị',
    chooseUnit: 'Chọn đơn vị để xem giấy tờ, sổ đơn và kỳ báo cáo.',
    period: 'Kỳ rà soát',
    year: 'Năm',
    from: 'Nhận từ ngày',
    to: 'Đến ngày',
    xlsx: 'Tải Excel',
    pdf: 'Tải PDF',
    papersLead:
      'Lập từ số liệu của đợt rà soát: quyết định chỉ có khi đã công nhận; danh sách niêm yết và thông báo từ khi niêm yết.',
    form: 'Mẫu đơn',
    applicant: 'Người đề nghị',
    household: 'Mã hộ (nếu có)',
    address: 'Địa chỉ',
    reason: 'Lý do đề nghị',
    receivedOn: 'Ngày nhận đơn',
    deadline: 'Hạn quyết định',
    status: 'Tình trạng',
    clock: 'Thời hạn 15 ngày',
    result: 'Kết quả',
    add: 'Vào sổ',
    addTitle: 'Vào sổ đơn mới',
    recognise: 'Công nhận',
    refuse: 'Từ chối',
    outcomeClass: 'Công nhận là',
    decisionNumber: 'Số quyết định',
    decidedOn: 'Ngày quyết định',
    refusalReason: 'Lý do từ chối (gửi hộ bằng văn bản)',
    save: 'Ghi',
    cancel: 'Hủy',
    empty: 'Chưa có đơn nào trong khoảng ngày này.',
    totals:
      'Tổng: {received} đơn; công nhận {recognised}; từ chối {refused}; chưa quyết định {open}, trong đó quá hạn {overdue}.',
    report: 'Báo cáo',
    due: 'Hạn nộp',
    name: 'Đơn vị',
    versions: 'Bản đã nộp',
    submit: 'Nộp báo cáo',
    version: 'Bản {n}',
    month: 'tháng {n}',
    noUnits: 'Đơn vị này không nộp báo cáo này.',
    days: '{n} ngày',
    formNo: 'Mẫu số {n}',
    unconfirmedMark: 'chưa xác nhận',
    noReviewTag: 'chưa có đợt rà soát',
    until: 'đến {d}',
    noReview:
      '{name} chưa có đợt rà soát năm {period}: chưa mở đợt rà soát định kỳ và chưa nhập kết quả nào. Sổ đơn và kỳ báo cáo vẫn xem được.',
    ownEnded:
      '{name} kết thúc ngày {date}. Đợt rà soát năm {period} (ngày {on}) do các xã, phường tiếp nhận địa bàn thực hiện: chọn một đơn vị trong danh sách.',
    noneInScope: 'Không có xã, phường nào trong phạm vi của bạn vào ngày {on}.',
    roundNotes: 'Ghi chú về hạn nộp và mẫu báo cáo',
  },
  en: {
    title: 'Review papers, applications register, reporting round',
    papers: 'Review papers',
    register: 'Applications register',
    round: 'Reporting round',
    commune: 'Commune or ward code',
    unit: 'Unit',
    chooseUnit: 'Choose a unit to see its papers, applications and reporting round.',
    period: 'Review period',
    year: 'Year',
    from: 'Received from',
    to: 'To',
    xlsx: 'Download Excel',
    pdf: 'Download PDF',
    papersLead:
      'Built from the review’s data: the decision exists once the review is recognised; the posted lists and the notice from the posting on.',
    form: 'Form',
    applicant: 'Applicant',
    household: 'Household ID (if any)',
    address: 'Address',
    reason: 'Reason given',
    receivedOn: 'Received on',
    deadline: 'Decision due',
    status: 'Status',
    clock: '15-day clock',
    result: 'Result',
    add: 'Enter',
    addTitle: 'Enter a new application',
    recognise: 'Recognise',
    refuse: 'Refuse',
    outcomeClass: 'Recognised as',
    decisionNumber: 'Decision number',
    decidedOn: 'Decision date',
    refusalReason: 'Reasons for the refusal (sent in writing)',
    save: 'Save',
    cancel: 'Cancel',
    empty: 'No application received in these dates.',
    totals:
      'Total: {received} applications; {recognised} recognised; {refused} refused; {open} awaiting a decision, {overdue} of them overdue.',
    unconfirmedMark: 'unconfirmed',
    noReviewTag: 'no review yet',
    until: 'until {d}',
    noReview:
      '{name} holds no review for {period}: no periodic review opened and no result entered. The register and the reporting round still show.',
    ownEnded:
      '{name} ended on {date}. The {period} review (on {on}) is held by the communes and wards that took over its area: choose one in the list.',
    noneInScope: 'No commune or ward lies within your scope on {on}.',
    roundNotes: 'Notes on the dates and the report layouts',
    report: 'Report',
    due: 'Due',
    name: 'Unit',
    versions: 'Submitted versions',
    submit: 'Submit',
    version: 'Version {n}',
    month: 'month {n}',
    noUnits: 'This unit does not submit this report.',
    days: '{n} days',
    formNo: 'Form {n}',
  },
});

const PAPER_KINDS = ['decision', 'posted-lists', 'minutes', 'posting-notice'] as const;
const OUTCOMES: Record<string, string[]> = {
  '01': ['POOR', 'NEAR_POOR'],
  '04': ['NEAR_POOR', 'AVERAGE', 'NONE'],
};
const fill = (s: string, p: Record<string, unknown>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));

function PapersTab({ commune, period }: { commune: string; period: number }) {
  const t = useMessages(m);
  const b = useBilingual();
  const q = new URLSearchParams({ commune, period: String(period) }).toString();
  return (
    <Stack>
      <Text c="dimmed">{t.papersLead}</Text>
      <Table withTableBorder aria-label={t.papers}>
        <Table.Tbody>
          {PAPER_KINDS.map((k) => (
            <Table.Tr key={k}>
              <Table.Td>{b(WORDS.reviewPaper[k])}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <DownloadButton
                    href={`/api/v1/reports/review-papers/${k}/xlsx?${q}`}
                    fileName={`${k}.xlsx`}
                    variant="default"
                    size="xs"
                  >
                    {t.xlsx}
                  </DownloadButton>
                  <DownloadButton
                    href={`/api/v1/reports/review-papers/${k}/pdf?${q}`}
                    fileName={`${k}.pdf`}
                    variant="default"
                    size="xs"
                  >
                    {t.pdf}
                  </DownloadButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function DecideForm({ a, onDone }: { a: Application; onDone: () => void }) {
  const t = useMessages(m);
  const b = useBilingual();
  const errorText = useErrorText();
  const decide = useDecideApplication(a.id ?? 0);
  const [outcome, setOutcome] = useState<'recognised' | 'refused'>('recognised');
  const [cls, setCls] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [on, setOn] = useState(todayVn());
  const submit = () =>
    decide.mutate(
      {
        expectedVersion: a.version ?? 1,
        outcome,
        decidedOn: on,
        ...(outcome === 'recognised'
          ? { ...(cls ? { outcomeClass: cls as 'POOR' } : {}), ...(number ? { decisionNumber: number } : {}) }
          : { ...(reason ? { refusalReason: reason } : {}), ...(number ? { decisionNumber: number } : {}) }),
      },
      { onSuccess: onDone },
    );
  return (
    <Stack gap="xs" p="xs">
      <Group>
        <Button
          size="xs"
          variant={outcome === 'recognised' ? 'filled' : 'default'}
          onClick={() => setOutcome('recognised')}
        >
          {t.recognise}
        </Button>
        <Button
          size="xs"
          variant={outcome === 'refused' ? 'filled' : 'default'}
          onClick={() => setOutcome('refused')}
        >
          {t.refuse}
        </Button>
      </Group>
      {outcome === 'recognised' ? (
        <Group align="end">
          <Select
            label={t.outcomeClass}
            data={(OUTCOMES[a.form ?? '01'] ?? []).map((c) => ({
              value: c,
              label: b(WORDS.classification[c as keyof typeof WORDS.classification]),
            }))}
            value={cls}
            onChange={setCls}
            w={200}
          />
          <TextInput
            label={t.decisionNumber}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            w={160}
          />
        </Group>
      ) : (
        <Textarea
          label={t.refusalReason}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
        />
      )}
      <Group align="end">
        <TextInput
          label={t.decidedOn}
          type="date"
          value={on}
          onChange={(e) => setOn(e.currentTarget.value)}
          w={170}
        />
        <Button size="xs" onClick={submit} loading={decide.isPending}>
          {t.save}
        </Button>
        <Button size="xs" variant="subtle" onClick={onDone}>
          {t.cancel}
        </Button>
      </Group>
      {decide.isError ? (
        <Text c="red" size="sm">
          {errorText(decide.error)}
        </Text>
      ) : null}
    </Stack>
  );
}

function AddForm({ commune }: { commune: string }) {
  const t = useMessages(m);
  const b = useBilingual();
  const errorText = useErrorText();
  const add = useReceiveApplication();
  const [form, setForm] = useState<'01' | '04'>('01');
  const [name, setName] = useState('');
  const [household, setHousehold] = useState('');
  const [reason, setReason] = useState('');
  const [received, setReceived] = useState(todayVn());
  return (
    <Stack gap="xs">
      <Title order={3}>{t.addTitle}</Title>
      <Group align="end" wrap="wrap">
        <Select
          label={t.form}
          data={(['01', '04'] as const).map((f) => ({ value: f, label: b(WORDS.applicationForm[f]) }))}
          value={form}
          onChange={(v) => v && setForm(v as '01' | '04')}
          w={420}
          allowDeselect={false}
        />
        <TextInput
          label={t.applicant}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={220}
        />
        <TextInput
          label={t.household}
          value={household}
          onChange={(e) => setHousehold(e.currentTarget.value.trim())}
          w={160}
        />
        <TextInput
          label={t.receivedOn}
          type="date"
          value={received}
          onChange={(e) => setReceived(e.currentTarget.value)}
          w={170}
        />
      </Group>
      <Textarea
        label={t.reason}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Group>
        <Button
          onClick={() =>
            add.mutate(
              {
                commune,
                form,
                applicantName: name,
                reason,
                receivedOn: received,
                ...(household ? { householdKey: household } : {}),
              },
              {
                onSuccess: () => {
                  setName('');
                  setHousehold('');
                  setReason('');
                },
              },
            )
          }
          loading={add.isPending}
        >
          {t.add}
        </Button>
        {add.isError ? (
          <Text c="red" size="sm">
            {errorText(add.error)}
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}

/** The register of the chosen year (received from 1/1 to 31/12), narrowed by the dates. */
function RegisterTab({ unit, year }: { unit: string; year: number }) {
  const t = useMessages(m);
  const b = useBilingual();
  const user = useUser();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [deciding, setDeciding] = useState<number | null>(null);
  const reg = useRegister(unit, from, to);
  const manage = can(user.role, 'applications.manage');
  const q = new URLSearchParams({ unit, from, to }).toString();
  return (
    <Stack>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t.from}
          type="date"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          w={170}
        />
        <TextInput
          label={t.to}
          type="date"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          w={170}
        />
        <DownloadButton
          href={`/api/v1/reports/applications.xlsx?${q}`}
          fileName="so-don.xlsx"
          variant="default"
        >
          {t.xlsx}
        </DownloadButton>
        <DownloadButton
          href={`/api/v1/reports/applications.pdf?${q}`}
          fileName="so-don.pdf"
          variant="default"
        >
          {t.pdf}
        </DownloadButton>
      </Group>
      {reg.isPending ? (
        <Skeleton h={160} />
      ) : reg.isError ? (
        <ErrorPanel error={reg.error} onRetry={() => void reg.refetch()} />
      ) : (
        <>
          <Text size="sm">{fill(t.totals, reg.data.totals ?? {})}</Text>
          <Table.ScrollContainer minWidth={1000}>
            <Table striped withTableBorder aria-label={t.register}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.form}</Table.Th>
                  <Table.Th>{t.applicant}</Table.Th>
                  <Table.Th>{t.household}</Table.Th>
                  <Table.Th>{t.receivedOn}</Table.Th>
                  <Table.Th>{t.deadline}</Table.Th>
                  <Table.Th>{t.status}</Table.Th>
                  <Table.Th>{t.clock}</Table.Th>
                  <Table.Th>{t.result}</Table.Th>
                  {manage ? <Table.Th /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(reg.data.rows ?? []).length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={9}>{t.empty}</Table.Td>
                  </Table.Tr>
                ) : (
                  (reg.data.rows ?? []).map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>{fill(t.formNo, { n: a.form })}</Table.Td>
                      <Table.Td>{a.applicantName}</Table.Td>
                      <Table.Td>{a.householdKey ?? '—'}</Table.Td>
                      <Table.Td>{formatDateVn(a.receivedOn ?? '')}</Table.Td>
                      <Table.Td>{formatDateVn(a.deadline ?? '')}</Table.Td>
                      <Table.Td>
                        {a.statusLabel ? b(a.statusLabel as { vi: string; en: string }) : ''}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          color={a.clock?.kind === 'overdue' ? 'red' : a.clock?.late ? 'orange' : 'gray'}
                          variant="light"
                        >
                          {a.clockLabel ? b(a.clockLabel as { vi: string; en: string }) : ''}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {a.outcomeClass
                          ? `${b(WORDS.classification[a.outcomeClass as keyof typeof WORDS.classification])}${a.decisionNumber ? ` — ${a.decisionNumber}` : ''}`
                          : (a.refusalReason ?? '')}
                      </Table.Td>
                      {manage ? (
                        <Table.Td>
                          {a.status === 'received' && deciding !== a.id ? (
                            <Button size="xs" variant="light" onClick={() => setDeciding(a.id ?? null)}>
                              {t.recognise} / {t.refuse}
                            </Button>
                          ) : null}
                          {deciding === a.id ? <DecideForm a={a} onDone={() => setDeciding(null)} /> : null}
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      {manage && unit.length === 5 ? <AddForm commune={unit} /> : null}
    </Stack>
  );
}

function RoundTab({ unit, period }: { unit: string; period: number }) {
  const t = useMessages(m);
  const b = useBilingual();
  const user = useUser();
  const errorText = useErrorText();
  const board = useBoard(unit, period);
  const submit = useSubmitReport();
  const mayAct = (code: string) =>
    can(user.role, 'reports.submit') && (user.role === 'admin' || user.unitCode === code);
  const q = new URLSearchParams({ unit, period: String(period) }).toString();
  return (
    <Stack>
      <Group>
        <DownloadButton
          href={`/api/v1/reports/round/board.xlsx?${q}`}
          fileName="nop-bao-cao.xlsx"
          variant="default"
        >
          {t.xlsx}
        </DownloadButton>
        <DownloadButton
          href={`/api/v1/reports/round/board.pdf?${q}`}
          fileName="nop-bao-cao.pdf"
          variant="default"
        >
          {t.pdf}
        </DownloadButton>
      </Group>
      {submit.isError ? <Text c="red">{errorText(submit.error)}</Text> : null}
      {board.isPending ? (
        <Skeleton h={200} />
      ) : board.isError ? (
        <ErrorPanel error={board.error} onRetry={() => void board.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder aria-label={t.round}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.report}</Table.Th>
                <Table.Th>{t.due}</Table.Th>
                <Table.Th>{t.name}</Table.Th>
                <Table.Th>{t.status}</Table.Th>
                <Table.Th>{t.versions}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(board.data.reports ?? []).flatMap((r) => {
                const label = `${r.roundLabel ? b(r.roundLabel as { vi: string; en: string }) : ''}${r.month ? ` — ${fill(t.month, { n: r.month })}` : ''}`;
                const units = r.units ?? [];
                if (units.length === 0)
                  return [
                    <Table.Tr key={`${r.round}-${r.month}`}>
                      <Table.Td>{label}</Table.Td>
                      <Table.Td>{formatDateVn(r.due ?? '')}</Table.Td>
                      <Table.Td colSpan={4}>
                        <Text size="sm" c="dimmed">
                          {t.noUnits}
                        </Text>
                      </Table.Td>
                    </Table.Tr>,
                  ];
                return units.map((u) => (
                  <Table.Tr key={`${r.round}-${r.month}-${u.unit?.code}`}>
                    <Table.Td>{label}</Table.Td>
                    <Table.Td>
                      {formatDateVn(r.due ?? '')}
                      {r.facts?.dueSource === 'province-plan' ? (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          ({t.unconfirmedMark})
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {u.unit?.name} ({u.unit?.code})
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={
                          u.status?.kind === 'late'
                            ? 'red'
                            : u.status?.kind === 'submitted-late'
                              ? 'orange'
                              : u.status?.kind === 'on-time'
                                ? 'green'
                                : 'gray'
                        }
                      >
                        {u.statusLabel ? b(u.statusLabel as { vi: string; en: string }) : ''}
                        {u.status?.daysLate ? ` (${fill(t.days, { n: u.status.daysLate })})` : ''}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {(u.versions ?? []).map((v) => (
                          <DownloadButton
                            key={v.id}
                            href={`/api/v1/reports/round/submissions/${v.id}/xlsx`}
                            fileName={`bao-cao-v${v.version}.xlsx`}
                            variant="subtle"
                            size="compact-xs"
                          >
                            {fill(t.version, { n: v.version ?? 0 })} · {formatDateVn(v.submittedOn ?? '')}
                          </DownloadButton>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {u.unit?.code && mayAct(u.unit.code) && u.status?.kind !== 'not-due' ? (
                        <Button
                          size="xs"
                          variant="light"
                          loading={submit.isPending}
                          onClick={() =>
                            submit.mutate({
                              unit: u.unit!.code!,
                              round: r.round as 'monthly',
                              period,
                              ...(r.month ? { month: r.month } : {}),
                            })
                          }
                        >
                          {t.submit}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ));
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {board.data ? <RoundNotes reports={board.data.reports ?? []} /> : null}
    </Stack>
  );
}

/** One line per round of the board: where its date comes from and how sure its columns are. */
function RoundNotes({ reports }: { reports: NonNullable<ReturnType<typeof useBoard>['data']>['reports'] }) {
  const t = useMessages(m);
  const b = useBilingual();
  const seen = new Set<string>();
  const rounds = (reports ?? []).filter((r) => r.round && !seen.has(r.round) && seen.add(r.round));
  return (
    <Stack gap={2} data-testid="round-notes">
      <Text size="sm" fw={600}>
        {t.roundNotes}
      </Text>
      {rounds.map((r) => (
        <Text size="xs" c="dimmed" key={r.round}>
          {r.roundLabel ? b(r.roundLabel as { vi: string; en: string }) : ''}:{' '}
          {r.facts?.due ? b(r.facts.due as { vi: string; en: string }) : ''}.{' '}
          {r.facts?.layoutText ? b(r.facts.layoutText as { vi: string; en: string }) : ''}.
        </Text>
      ))}
    </Stack>
  );
}

/**
 * The unit picker: for an account with a scope, the units the server says hold the period's review
 * within it (after the 2025 mergers the successor wards, not a city that ended), each marked when it
 * holds none; a national account searches every unit by name.
 */
function UnitPicker(props: { unit: string; period: number; onChange: (code: string) => void }) {
  const t = useMessages(m);
  const user = useUser();
  const national = !user.unitCode;
  const units = usePaperUnits(props.period, !national);
  const items = units.data?.items ?? [];
  const { unit, onChange } = props;
  // A period whose units do not hold the chosen one: the first unit holding a review, else the first.
  useEffect(() => {
    if (national || !units.data || items.some((u) => u.code === unit)) return;
    const next = items.find((u) => u.review === 'campaign' || u.review === 'results') ?? items[0];
    onChange(next?.code ?? '');
  }, [national, units.data, items, unit, onChange]);
  if (national)
    return (
      <UnitSearch
        label={t.unit}
        value={unit}
        // Units as they stood at the end of the review's year.
        on={`${props.period}-12-31`}
        within={scopeWithin(user.unitCode)}
        onChange={(code) => {
          if (code) onChange(code);
        }}
        w={460}
        data-testid="paperwork-unit"
      />
    );
  const labelOf = (u: (typeof items)[number]) =>
    [
      u.name,
      u.parentName,
      u.validTo && u.validTo < (units.data?.on ?? '') ? fill(t.until, { d: formatDateVn(u.validTo) }) : null,
      u.review === 'none' ? t.noReviewTag : null,
    ]
      .filter(Boolean)
      .join(' – ');
  return (
    <Select
      label={t.unit}
      data={items.map((u) => ({ value: u.code, label: labelOf(u) }))}
      value={items.some((u) => u.code === unit) ? unit : null}
      onChange={(code) => code && onChange(code)}
      searchable
      disabled={units.isPending}
      comboboxProps={{ withinPortal: true }}
      w={{ base: '100%', sm: 460 }}
      data-testid="paperwork-unit"
    />
  );
}

/** Why the chosen unit (or the user's own) holds nothing of the period, in words. */
function UnitNotes({ unit, period }: { unit: string; period: number }) {
  const t = useMessages(m);
  const user = useUser();
  const units = usePaperUnits(period, Boolean(user.unitCode));
  const d = units.data;
  if (!d) return null;
  const chosen = d.items.find((u) => u.code === unit);
  const notes: string[] = [];
  if (d.own && !d.own.inForceOnReview && d.own.validTo)
    notes.push(
      fill(t.ownEnded, {
        name: d.own.name,
        date: formatDateVn(d.own.validTo),
        period,
        on: formatDateVn(d.on),
      }),
    );
  if (!d.items.some((u) => u.level === 'commune'))
    notes.push(fill(t.noneInScope, { on: formatDateVn(d.on) }));
  if (chosen?.review === 'none') notes.push(fill(t.noReview, { name: chosen.name, period }));
  return notes.length ? (
    <Stack gap={4} data-testid="paperwork-unit-notes">
      {notes.map((n) => (
        <Text size="sm" c="orange.8" key={n}>
          {n}
        </Text>
      ))}
    </Stack>
  ) : null;
}

export default function PaperworkPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const user = useUser();
  const [unit, setUnit] = useState(user.unitCode ?? '');
  const [period, setPeriod] = useState<number>(Number(todayVn().slice(0, 4)) - 1);
  return (
    <Stack>
      <Title order={1}>{t.title}</Title>
      <Group align="end" wrap="wrap">
        <UnitPicker unit={unit} period={period} onChange={setUnit} />
        <NumberInput
          label={t.period}
          value={period}
          min={2021}
          max={2030}
          onChange={(v) => typeof v === 'number' && setPeriod(v)}
          w={120}
        />
      </Group>
      <UnitNotes unit={unit} period={period} />
      {unit === '' ? <Text>{t.chooseUnit}</Text> : null}
      <Tabs defaultValue="papers" keepMounted={false} hidden={unit === ''}>
        <Tabs.List>
          <Tabs.Tab value="papers">{t.papers}</Tabs.Tab>
          <Tabs.Tab value="register">{t.register}</Tabs.Tab>
          {can(user.role, 'reports.board') ? <Tabs.Tab value="round">{t.round}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="papers" pt="md">
          <PapersTab commune={unit} period={period} />
        </Tabs.Panel>
        <Tabs.Panel value="register" pt="md">
          <RegisterTab key={period} unit={unit} year={period} />
        </Tabs.Panel>
        <Tabs.Panel value="round" pt="md">
          <RoundTab unit={unit} period={period} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
