// Rà soát: the campaign of a commune for a period — current step, the next allowed actions each
// with its own small form, villages and complaints, and the audited timeline. The regular-review
// cases of the commune (one household each) are listed with their household and village, and open
// in the same view. A re-survey (village sent back, accepted complaint, a case) is entered or
// uploaded with its step, and the class it gets is shown.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import {
  useCampaign,
  useCampaignList,
  useTransition,
  type CampaignListItem,
  type CampaignView,
} from '../../api/registry';
import { useUser } from '../../auth/session';
import { DateField } from '../../components/DateField';
import { ErrorPanel } from '../../components/ErrorPanel';
import { DownloadButton } from '../../components/DownloadButton';
import { formatCount, formatDateVn, formatDateTimeVn, formatVnd } from '../../format';
import { defineMessages, fill, useBilingual, useLang, useMessages, type Bilingual } from '../../i18n';
import { wordOfCode } from '../../../../domain/words/catalogue';
import { CommuneSelect, communesOf } from './survey/CommuneSelect';
import { usePageTitle } from '../../layout/usePageTitle';
import { CLASS_LABELS } from './labels';
import { ResurveyForm, type Survey } from './ResurveyForm';
// Who may print certificates (they name every member): the same rule as the server.
import { can } from '../../../../domain/access/permissions';

const m = defineMessages({
  vi: {
    title: 'Rà soát hộ nghèo, cận nghèo',
    commune: 'Xã, phường',
    chooseCommune: 'Chọn xã, phường',
    progress: 'Tiến độ',
    surveyed: 'Hộ đã rà soát',
    surveyedOf: '{n} / {total} hộ',
    surveyDates: 'Điều tra từ {from} đến {to}',
    meetingsHeld: 'Cuộc họp thôn đã tổ chức',
    villagesAgreed: '{agreed} / {villages} thôn đã thống nhất',
    complaintsOpen: 'Khiếu nại đang giải quyết',
    complaintsOf: '{open} / {total} khiếu nại',
    enteredAt: 'nhập lúc {at} bởi {who}',
    system: 'hệ thống',
    period: 'Kỳ rà soát',
    step: 'Bước hiện tại: {s}',
    next: 'Việc tiếp theo',
    none: 'Đợt rà soát đã hoàn tất.',
    villages: 'Các thôn',
    meetings: '{n} cuộc họp',
    posting: 'Niêm yết từ {from}, nhận khiếu nại đến hết {to} ({n} ngày làm việc)',
    complaints: 'Khiếu nại',
    timeline: 'Dòng thời gian',
    submit: 'Thực hiện',
    steps: 'Điều tra|Họp dân|Niêm yết|Khiếu nại|Công nhận|Báo cáo',
    cases: 'Hồ sơ rà soát thường xuyên',
    caseHousehold: 'Mã hộ',
    caseHead: 'Chủ hộ',
    caseVillage: 'Thôn, tổ dân phố',
    caseStep: 'Bước',
    caseOpen: 'Xem hồ sơ',
    requestLabel: 'Hộ đề nghị rà soát (mã hộ)',
    request: 'Mở hồ sơ theo đề nghị của hộ',
    viewingCase: 'Hồ sơ rà soát thường xuyên của hộ {id}',
    backToPeriodic: 'Về đợt rà soát định kỳ',
    pending: 'Phiếu chờ công nhận: ngày {date}, thu nhập {income}/người/tháng.',
    pendingDated: 'Phiếu chờ công nhận: ngày {date}.',
    noPending: 'Hồ sơ chưa có phiếu khảo sát: đính kèm phiếu khi bắt đầu họp dân hoặc khi rà soát lại.',
    classified: 'Kết quả phân loại phiếu: {list}',
    certificates: 'In Giấy chứng nhận hộ nghèo, cận nghèo (Mẫu số 03)',
    caseCertificate: 'In Giấy chứng nhận của hộ (Mẫu số 03)',
    recognisedList: 'Danh sách được công nhận (Excel)',
  },
  en: {
    title: 'Poverty review campaign',
    commune: 'Commune or ward',
    chooseCommune: 'Choose a commune or ward',
    progress: 'Progress',
    surveyed: 'Households surveyed',
    surveyedOf: '{n} / {total} households',
    surveyDates: 'Surveyed from {from} to {to}',
    meetingsHeld: 'Village meetings held',
    villagesAgreed: '{agreed} / {villages} villages agreed',
    complaintsOpen: 'Complaints being handled',
    complaintsOf: '{open} / {total} complaints',
    enteredAt: 'entered {at} by {who}',
    system: 'the system',
    period: 'Review period',
    step: 'Current step: {s}',
    next: 'Next',
    none: 'The campaign is complete.',
    villages: 'Villages',
    meetings: '{n} meetings',
    posting: 'Posted from {from}; complaints until the end of {to} ({n} working days)',
    complaints: 'Complaints',
    timeline: 'Timeline',
    submit: 'Apply',
    steps: 'Survey|Meetings|Posting|Complaints|Recognition|Report',
    cases: 'Regular-review cases',
    caseHousehold: 'Household',
    caseHead: 'Head of household',
    caseVillage: 'Village',
    caseStep: 'Step',
    caseOpen: 'Open the case',
    requestLabel: 'Household asking for a review (id)',
    request: "Open a case at the household's request",
    viewingCase: 'Regular-review case of household {id}',
    backToPeriodic: 'Back to the periodic review',
    pending: 'Survey awaiting recognition: dated {date}, income {income} per person per month.',
    pendingDated: 'Survey awaiting recognition: dated {date}.',
    noPending: 'The case has no survey yet: attach it when starting the meeting or with the re-survey.',
    classified: 'Classes of the surveys: {list}',
    certificates: 'Print the certificates (Mẫu số 03)',
    caseCertificate: "Print the household's certificate (Mẫu số 03)",
    recognisedList: 'Recognised lists (Excel)',
  },
});

const STEPS = ['survey', 'meetings', 'posting', 'complaints', 'recognised', 'reported'];

type Field = {
  name: string;
  label: Bilingual;
  kind: 'text' | 'date' | 'number' | 'village' | 'complaint' | 'outcome';
};
const FIELDS: Record<string, Field[]> = {
  'open-meetings': [],
  'record-meeting': [
    { name: 'villageId', label: { vi: 'Thôn', en: 'Village' }, kind: 'village' },
    { name: 'date', label: { vi: 'Ngày họp', en: 'Date' }, kind: 'date' },
    { name: 'chair', label: { vi: 'Chủ trì', en: 'Chair' }, kind: 'text' },
    {
      name: 'supervisor',
      label: { vi: 'Đại diện MTTQ giám sát', en: 'Fatherland Front supervisor' },
      kind: 'text',
    },
    { name: 'present', label: { vi: 'Số người dự', en: 'Present' }, kind: 'number' },
    { name: 'agreeing', label: { vi: 'Số người đồng ý', en: 'Agreeing' }, kind: 'number' },
    { name: 'minutesCopies', label: { vi: 'Số bản biên bản', en: 'Minutes copies' }, kind: 'number' },
  ],
  'record-resurvey': [
    { name: 'villageId', label: { vi: 'Thôn', en: 'Village' }, kind: 'village' },
    { name: 'date', label: { vi: 'Ngày thôn rà soát lại', en: 'Village re-survey date' }, kind: 'date' },
  ],
  'start-posting': [
    { name: 'startDate', label: { vi: 'Ngày bắt đầu niêm yết', en: 'Start date' }, kind: 'date' },
  ],
  'file-complaint': [
    { name: 'householdKey', label: { vi: 'Mã hộ', en: 'Household code' }, kind: 'text' },
    { name: 'complainant', label: { vi: 'Người khiếu nại', en: 'Complainant' }, kind: 'text' },
    { name: 'receivedOn', label: { vi: 'Ngày nhận', en: 'Received on' }, kind: 'date' },
    { name: 'text', label: { vi: 'Nội dung', en: 'Text' }, kind: 'text' },
  ],
  'close-posting': [
    { name: 'on', label: { vi: 'Ngày kết thúc niêm yết', en: 'Posting closed on' }, kind: 'date' },
  ],
  'resolve-complaint': [
    { name: 'complaintId', label: { vi: 'Khiếu nại', en: 'Complaint' }, kind: 'complaint' },
    { name: 'outcome', label: { vi: 'Kết quả', en: 'Outcome' }, kind: 'outcome' },
    { name: 'reason', label: { vi: 'Lý do', en: 'Reason' }, kind: 'text' },
    { name: 'resolvedOn', label: { vi: 'Ngày giải quyết', en: 'Resolved on' }, kind: 'date' },
  ],
  recognise: [
    { name: 'decisionNumber', label: { vi: 'Số quyết định', en: 'Decision number' }, kind: 'text' },
    { name: 'decisionDate', label: { vi: 'Ngày quyết định', en: 'Decision date' }, kind: 'date' },
    { name: 'signer', label: { vi: 'Người ký', en: 'Signer' }, kind: 'text' },
  ],
  report: [
    { name: 'reportedOn', label: { vi: 'Ngày báo cáo', en: 'Reported on' }, kind: 'date' },
    { name: 'to', label: { vi: 'Nơi nhận', en: 'To' }, kind: 'text' },
  ],
};

/** Actions that may carry a re-survey (for a regular-review case, the survey the household asked for too). */
const TAKES_SURVEYS = new Set(['record-resurvey', 'resolve-complaint']);

/** The classes the server gave the surveys of the last step ("EX-01: Hộ nghèo"). */
function classifiedOf(view: CampaignView): { householdId: string; classification: string }[] {
  const payload = view.timeline.at(-1)?.payload as { surveys?: unknown } | undefined;
  return Array.isArray(payload?.surveys)
    ? (payload.surveys as { householdId: string; classification: string }[])
    : [];
}

function ActionForm({
  action,
  campaign,
  onDone,
}: {
  action: string;
  campaign: CampaignView;
  onDone: (view: CampaignView) => void;
}) {
  const b = useBilingual();
  const { lang } = useLang();
  const t = useMessages(m);
  const [values, setValues] = useState<Record<string, unknown>>({
    minutesCopies: 2,
    agreedHouseholds: [],
    villages: [],
  });
  const [surveys, setSurveys] = useState<Survey[]>([]);
  const run = useTransition(campaign.communeCode, campaign.period);
  const fields = FIELDS[action] ?? [];
  const set = (k: string, v: unknown) => setValues((s) => ({ ...s, [k]: v }));
  const caseKey = campaign.caseKey;
  const takesSurveys =
    TAKES_SURVEYS.has(action) && (action !== 'resolve-complaint' || values.outcome === 'accepted')
      ? true
      : caseKey !== null && action === 'open-meetings';
  const complaint = campaign.state.complaints.find((c) => c.id === values.complaintId);
  const hint = caseKey ?? complaint?.householdKey ?? null;
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        {wordOfCode('campaignAction', action, lang)}
      </Title>
      <Group align="end" wrap="wrap" mt="xs">
        {fields.map((f) =>
          f.kind === 'village' ? (
            <Select
              key={f.name}
              label={b(f.label)}
              data={campaign.state.villages.map((v) => ({
                value: String(v.villageId),
                label: `${v.name} (${wordOfCode('villageStatus', v.status, lang)})`,
              }))}
              onChange={(v) => set(f.name, Number(v))}
            />
          ) : f.kind === 'complaint' ? (
            <Select
              key={f.name}
              label={b(f.label)}
              data={campaign.state.complaints
                .filter((c) => c.status === 'open')
                .map((c) => ({ value: String(c.id), label: `#${c.id} ${c.householdKey}` }))}
              onChange={(v) => set(f.name, Number(v))}
            />
          ) : f.kind === 'outcome' ? (
            <Select
              key={f.name}
              label={b(f.label)}
              data={(['accepted', 'rejected'] as const).map((o) => ({
                value: o,
                label: wordOfCode('complaintStatus', o, lang),
              }))}
              onChange={(v) => set(f.name, v)}
            />
          ) : f.kind === 'number' ? (
            <NumberInput
              key={f.name}
              label={b(f.label)}
              value={values[f.name] as number | undefined}
              onChange={(v) => set(f.name, Number(v))}
              min={0}
              w={160}
            />
          ) : f.kind === 'date' ? (
            // dd/mm/yyyy in the Vietnamese locale, whatever the browser's language.
            <DateField
              key={f.name}
              label={b(f.label)}
              value={(values[f.name] as string | undefined) ?? null}
              onChange={(v) => set(f.name, v ?? '')}
              w={180}
            />
          ) : (
            <TextInput key={f.name} label={b(f.label)} onChange={(e) => set(f.name, e.currentTarget.value)} />
          ),
        )}
        <Button
          onClick={() =>
            run.mutate(
              {
                action: {
                  type: action,
                  ...values,
                  // The households the village re-surveyed are those of the attached surveys.
                  ...(action === 'record-resurvey'
                    ? { households: surveys.map((s) => String(s.householdId)) }
                    : {}),
                },
                expectedVersion: campaign.version,
                ...(takesSurveys && surveys.length > 0 ? { surveys } : {}),
                ...(caseKey ? { caseKey } : {}),
              },
              {
                onSuccess: (view) => {
                  setSurveys([]);
                  onDone(view);
                },
              },
            )
          }
          loading={run.isPending}
        >
          {t.submit}
        </Button>
      </Group>
      {takesSurveys ? (
        <ResurveyForm
          key={hint ?? ''}
          period={campaign.period}
          householdHint={hint}
          surveys={surveys}
          onChange={setSurveys}
        />
      ) : null}
      {run.error ? <ErrorPanel error={run.error} /> : null}
    </Card>
  );
}

export default function CampaignPage() {
  const t = useMessages(m);
  const b = useBilingual();
  const { lang } = useLang();
  usePageTitle(t.title);
  const user = useUser();
  // ?commune=…&period=…&case=… opens a campaign or a regular-review case directly (the survey form
  // links to the case it opened).
  const [params] = useSearchParams();
  const [chosen, setCommune] = useState(
    params.get('commune') ?? (user.unitCode && user.unitCode.length === 5 ? user.unitCode : ''),
  );
  const [period, setPeriod] = useState(Number(params.get('period')) || 2024);
  // The units as they stood at the end of the review's year (the scope carried over the 2025
  // reform when it ended): a city or province account opens on the first commune of its scope by
  // name; a national account chooses the province and the commune.
  const on = `${period}-12-31`;
  const scopeCommunes = useQuery({
    queryKey: ['units', 'survey-communes', user.unitCode, on],
    queryFn: () => communesOf(user.unitCode, on),
    enabled: chosen === '' && user.unitCode !== null,
    staleTime: 60 * 60 * 1000,
  });
  const commune = chosen || (scopeCommunes.data?.[0]?.code ?? '');
  const [caseKey, setCaseKey] = useState<string | null>(params.get('case'));
  const [request, setRequest] = useState('');
  const [last, setLast] = useState<CampaignView | null>(null);
  const c = useCampaign(commune, period, caseKey ?? undefined);
  const list = useCampaignList(commune);
  const cases: CampaignListItem[] = (list.data?.items ?? []).filter(
    (x) => x.kind === 'regular' && x.period === period,
  );
  const open = (key: string | null) => {
    setCaseKey(key);
    setLast(null);
  };
  const classified = last ? classifiedOf(last) : [];
  const pending = c.data?.pending as { surveyDate?: string; incomePerCapitaMonthly?: number } | null;
  const stepNames = t.steps.split('|');
  return (
    <Stack>
      <Title order={1}>{t.title}</Title>
      <Group>
        <CommuneSelect
          label={t.commune}
          scopeCode={user.unitCode}
          on={on}
          value={commune || null}
          onChange={(code) => {
            if (!code) return;
            setCommune(code);
            open(null);
          }}
          placeholder={t.chooseCommune}
          w={{ base: '100%', sm: 320 }}
          data-testid="commune-picker"
        />
        <NumberInput
          label={t.period}
          value={period}
          onChange={(v) => {
            setPeriod(Number(v) || 2024);
            open(null);
          }}
          w={120}
        />
      </Group>
      {cases.length > 0 ? (
        <>
          <Title order={2}>{t.cases}</Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.caseHousehold}</Table.Th>
                <Table.Th>{t.caseHead}</Table.Th>
                <Table.Th>{t.caseVillage}</Table.Th>
                <Table.Th>{t.caseStep}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td>{k.caseKey}</Table.Td>
                  <Table.Td>{k.headName ?? '—'}</Table.Td>
                  <Table.Td>{k.village?.name ?? '—'}</Table.Td>
                  <Table.Td>{b(k.stepLabel)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant={caseKey === k.caseKey ? 'filled' : 'light'}
                      onClick={() => open(k.caseKey)}
                      aria-label={`${t.caseOpen} ${k.caseKey ?? ''}`}
                    >
                      {t.caseOpen}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
      <Group align="end">
        <TextInput
          label={t.requestLabel}
          value={request}
          onChange={(e) => setRequest(e.currentTarget.value.trim())}
          w={220}
        />
        <Button variant="default" disabled={!request} onClick={() => open(request)}>
          {t.request}
        </Button>
      </Group>
      {caseKey ? (
        <Alert variant="light" color="blue" title={fill(t.viewingCase, { id: caseKey })}>
          <Stack gap="xs">
            <Text size="sm">
              {/* A reader without personal-data rights gets the pending survey without its answers. */}
              {pending?.surveyDate
                ? pending.incomePerCapitaMonthly === undefined
                  ? fill(t.pendingDated, { date: formatDateVn(pending.surveyDate) })
                  : fill(t.pending, {
                      date: formatDateVn(pending.surveyDate),
                      income: formatVnd(Number(pending.incomePerCapitaMonthly)),
                    })
                : t.noPending}
            </Text>
            <Button size="xs" variant="default" w="fit-content" onClick={() => open(null)}>
              {t.backToPeriodic}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {classified.length > 0 ? (
        <Alert color="green" role="status">
          {fill(t.classified, {
            list: classified
              .map(
                (x) =>
                  `${x.householdId}: ${CLASS_LABELS[x.classification] ? b(CLASS_LABELS[x.classification]!) : x.classification}`,
              )
              .join('; '),
          })}
        </Alert>
      ) : null}
      {c.error ? <ErrorPanel error={c.error} onRetry={() => void c.refetch()} /> : null}
      {c.data ? (
        <>
          <Stepper
            active={STEPS.indexOf(c.data.step) + (c.data.step === 'reported' ? 1 : 0)}
            size="sm"
            allowNextStepsSelect={false}
          >
            {stepNames.map((s) => (
              <Stepper.Step key={s} label={s} />
            ))}
          </Stepper>
          <Text>{fill(t.step, { s: b(c.data.stepLabel) })}</Text>
          {c.data.kind === 'periodic' ? (
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" data-testid="campaign-progress">
              <Paper p="sm" withBorder>
                <Text size="sm" c="dimmed">
                  {t.surveyed}
                </Text>
                <Text fw={700} className="gn-num">
                  {fill(t.surveyedOf, {
                    n: formatCount(c.data.progress.surveyed),
                    total: formatCount(c.data.progress.households),
                  })}
                </Text>
                {c.data.progress.firstSurvey && c.data.progress.lastSurvey ? (
                  <Text size="xs" c="dimmed">
                    {fill(t.surveyDates, {
                      from: formatDateVn(c.data.progress.firstSurvey),
                      to: formatDateVn(c.data.progress.lastSurvey),
                    })}
                  </Text>
                ) : null}
              </Paper>
              <Paper p="sm" withBorder>
                <Text size="sm" c="dimmed">
                  {t.meetingsHeld}
                </Text>
                <Text fw={700} className="gn-num">
                  {formatCount(c.data.progress.meetingsHeld)}
                </Text>
                <Text size="xs" c="dimmed">
                  {fill(t.villagesAgreed, {
                    agreed: c.data.progress.villagesAgreed,
                    villages: c.data.progress.villages,
                  })}
                </Text>
              </Paper>
              <Paper p="sm" withBorder>
                <Text size="sm" c="dimmed">
                  {t.complaintsOpen}
                </Text>
                <Text fw={700} className="gn-num">
                  {fill(t.complaintsOf, {
                    open: c.data.progress.complaintsOpen,
                    total: c.data.progress.complaints,
                  })}
                </Text>
              </Paper>
            </SimpleGrid>
          ) : null}
          {c.data.step === 'recognised' || c.data.step === 'reported' ? (
            <Group>
              {can(user.role, 'registry.personal-data') ? (
                <DownloadButton
                  fileName="giay-chung-nhan.pdf"
                  href={
                    caseKey
                      ? `/api/v1/registry/households/${encodeURIComponent(caseKey)}/periods/${period}/certificate.pdf`
                      : `/api/v1/registry/campaigns/${commune}/${period}/certificates.pdf`
                  }
                >
                  {caseKey ? t.caseCertificate : t.certificates}
                </DownloadButton>
              ) : null}
              {caseKey ? null : (
                <DownloadButton
                  fileName="danh-sach-ho-ngheo-can-ngheo.xlsx"
                  variant="default"
                  href={`/api/v1/registry/campaigns/${commune}/${period}/recognised.xlsx`}
                >
                  {t.recognisedList}
                </DownloadButton>
              )}
            </Group>
          ) : null}
          {c.data.state.posting ? (
            <Alert variant="light">
              {fill(t.posting, {
                from: formatDateVn(c.data.state.posting.startDate),
                to: formatDateVn(c.data.state.posting.deadline),
                n: c.data.state.posting.workingDays,
              })}
            </Alert>
          ) : null}
          {/* The next steps (meetings, complaints, end of posting…) are forms for those who
              decide; a finance officer or supervisor follows the campaign without them. */}
          {can(user.role, 'campaign.decide') ? (
            <>
              <Title order={2}>{t.next}</Title>
              {c.data.allowedActions.length === 0 ? (
                <Text>{t.none}</Text>
              ) : (
                c.data.allowedActions.map((a) => (
                  <ActionForm key={`${caseKey ?? ''}|${a}`} action={a} campaign={c.data} onDone={setLast} />
                ))
              )}
            </>
          ) : null}
          {c.data.state.villages.length > 0 ? (
            <>
              <Title order={2}>{t.villages}</Title>
              <Table>
                <Table.Tbody>
                  {c.data.state.villages.map((v) => (
                    <Table.Tr key={v.villageId}>
                      <Table.Td>{v.name}</Table.Td>
                      <Table.Td>
                        <Badge
                          color={v.status === 'agreed' ? 'green' : v.status === 'resurvey' ? 'red' : 'gray'}
                        >
                          {wordOfCode('villageStatus', v.status, lang)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{fill(t.meetings, { n: v.meetings.length })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          ) : null}
          {c.data.state.complaints.length > 0 ? (
            <>
              <Title order={2}>{t.complaints}</Title>
              <Table>
                <Table.Tbody>
                  {c.data.state.complaints.map((k) => (
                    <Table.Tr key={k.id}>
                      <Table.Td>#{k.id}</Table.Td>
                      <Table.Td>{k.householdKey}</Table.Td>
                      <Table.Td>{formatDateVn(k.receivedOn)}</Table.Td>
                      {/* The citizen's own words, as received (in Vietnamese): data, not interface. */}
                      <Table.Td lang="vi">{k.text}</Table.Td>
                      <Table.Td>
                        {wordOfCode('complaintStatus', k.status, lang)}
                        {k.newClassification ? ` → ${b(CLASS_LABELS[k.newClassification]!)}` : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          ) : null}
          <Title order={2}>{t.timeline}</Title>
          <Timeline bulletSize={14} data-testid="campaign-timeline">
            {c.data.timeline.map((e, i) => (
              <Timeline.Item
                key={i}
                title={`${e.on ? `${formatDateVn(e.on)} · ` : ''}${wordOfCode('campaignAction', e.action, lang)}`}
              >
                {e.action === 'open-meetings' && c.data.progress.firstSurvey && c.data.progress.lastSurvey ? (
                  <Text size="sm">
                    {fill(t.surveyDates, {
                      from: formatDateVn(c.data.progress.firstSurvey),
                      to: formatDateVn(c.data.progress.lastSurvey),
                    })}
                  </Text>
                ) : null}
                {e.from !== e.to ? (
                  <Text size="sm">
                    {wordOfCode('campaignStep', e.from, lang)} → {wordOfCode('campaignStep', e.to, lang)}
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed">
                  {fill(t.enteredAt, {
                    at: formatDateTimeVn(e.at),
                    who: e.actor === 'system' ? t.system : e.actor,
                  })}
                </Text>
                {e.payload && Array.isArray(e.payload.surveys)
                  ? (e.payload.surveys as { householdId: string; classification: string }[]).map((x) => (
                      <Text key={x.householdId} size="xs">
                        {x.householdId}:{' '}
                        {CLASS_LABELS[x.classification]
                          ? b(CLASS_LABELS[x.classification]!)
                          : x.classification}
                      </Text>
                    ))
                  : null}
              </Timeline.Item>
            ))}
          </Timeline>
        </>
      ) : null}
    </Stack>
  );
}
