// Phiếu khảo sát: the survey of one household (Form B answers, contracts/survey-record.md) on a
// tablet: large fields, one column on narrow screens, members added one by one. Possible
// duplicates are shown before saving; a stale version shows both versions side by side. Every
// problem shows beside its own input, nested ones included (`members[2].birthDate`), found first by
// the contract's own validator in the browser, else from the server's answer; the first is
// scrolled to and focused.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useHousehold, useSaveHousehold, type SaveOutcome } from '../../api/registry';
import { ErrorPanel } from '../../components/ErrorPanel';
import { defineMessages, useBilingual, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { CLASS_LABELS } from './labels';
import { clientFieldErrors, serverFieldErrors, type FieldErrors } from './fieldErrors';
// The value lists are the interchange contract's own (src/domain/survey/record.ts, pure).
import {
  DISABILITIES,
  EDUCATION_LEVELS,
  EMPLOYMENTS,
  HOUSING_STRUCTURES,
  INFO_DEVICES,
  LATRINES,
  RELATIONS,
  SCHOOLING,
  SEXES,
  WATER_SOURCES,
} from '../../../../domain/survey/record';

const m = defineMessages({
  vi: {
    title: 'Phiếu khảo sát hộ gia đình',
    household: 'Thông tin hộ',
    householdId: 'Mã hộ',
    unitCode: 'Mã xã/phường',
    surveyDate: 'Ngày điều tra',
    income: 'Thu nhập bình quân (đồng/người/tháng)',
    floor: 'Diện tích nhà ở (m²)',
    walls: 'Tường',
    columns: 'Cột',
    roof: 'Mái',
    water: 'Nguồn nước',
    latrine: 'Nhà tiêu',
    internet: 'Có thành viên dùng Internet',
    devices: 'Phương tiện tiếp cận thông tin',
    loudspeaker: 'Nghe được loa truyền thanh',
    address: 'Địa chỉ',
    members: 'Thành viên',
    addMember: 'Thêm thành viên',
    remove: 'Bỏ',
    name: 'Họ tên',
    idNumber: 'Số định danh (12 số)',
    birthDate: 'Ngày sinh',
    sex: 'Giới tính',
    relation: 'Quan hệ với chủ hộ',
    employment: 'Việc làm',
    education: 'Trình độ cao nhất',
    schooling: 'Đi học (3–15 tuổi)',
    disability: 'Khuyết tật',
    insurance: 'Có BHYT',
    inTraining: 'Đang đi học/đào tạo',
    stunted: 'Thấp còi',
    underweight: 'Nhẹ cân',
    allowance: 'Trợ cấp xã hội hằng tháng',
    save: 'Lưu và phân loại',
    saved: 'Đã lưu phiên bản {v}: {c}',
    regular: 'Kết quả kỳ này đã được công nhận: đã mở hồ sơ rà soát thường xuyên cho hộ {id}.',
    duplicates: 'Có thể trùng với hộ đã có',
    confirm: 'Đã kiểm tra, vẫn lưu',
    conflict: 'Người khác đã sửa hộ này. Phiên bản đang lưu:',
    reload: 'Tải phiên bản mới nhất',
    durable: 'Bền chắc',
    nonDurable: 'Không bền chắc',
    fix: 'Phiếu còn {n} lỗi, xem bên cạnh từng ô:',
  },
  en: {
    title: 'Household survey',
    household: 'Household',
    householdId: 'Household id',
    unitCode: 'Commune/ward code',
    surveyDate: 'Survey date',
    income: 'Income per person per month (đồng)',
    floor: 'Floor area (m²)',
    walls: 'Walls',
    columns: 'Columns',
    roof: 'Roof',
    water: 'Water source',
    latrine: 'Latrine',
    internet: 'A member uses the Internet',
    devices: 'Information devices',
    loudspeaker: 'Hears the loudspeaker system',
    address: 'Address',
    members: 'Members',
    addMember: 'Add a member',
    remove: 'Remove',
    name: 'Name',
    idNumber: 'Citizen ID (12 digits)',
    birthDate: 'Birth date',
    sex: 'Sex',
    relation: 'Relation to the head',
    employment: 'Employment',
    education: 'Highest education',
    schooling: 'Schooling (3–15)',
    disability: 'Disability',
    insurance: 'Health insurance',
    inTraining: 'In school or training',
    stunted: 'Stunted',
    underweight: 'Underweight',
    allowance: 'Monthly social allowance',
    save: 'Save and classify',
    saved: 'Saved version {v}: {c}',
    regular: 'This period is recognised: a regular-review case was opened for household {id}.',
    duplicates: 'May duplicate an existing household',
    confirm: 'Checked — save anyway',
    conflict: 'Someone else changed this household. The stored version:',
    reload: 'Load the latest version',
    durable: 'Durable',
    nonDurable: 'Non-durable',
    fix: 'The survey has {n} problems, shown beside each field:',
  },
});

type Member = Record<string, unknown>;
const emptyMember = (relation = 'head'): Member => ({
  name: '',
  idNumber: null,
  birthDate: '',
  sex: 'M',
  relation,
  employment: 'self-employed',
  healthInsurance: true,
  schooling: null,
  education: 'lower-secondary',
  inTraining: false,
  stunted: false,
  underweight: false,
  disability: 'none',
  monthlySocialAllowance: false,
});
const emptySurvey = (): Record<string, unknown> => ({
  householdId: '',
  unitCode: '',
  surveyDate: new Date().toISOString().slice(0, 10),
  incomePerCapitaMonthly: 0,
  housing: { floorAreaM2: 30, walls: 'durable', columns: 'durable', roof: 'durable' },
  waterSource: 'piped',
  latrine: 'septic',
  internetUse: true,
  infoDevices: ['tv', 'phone'],
  loudspeakerAccess: true,
  members: [emptyMember()],
});

const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

const MEMBER_INPUTS = [
  'name',
  'idNumber',
  'birthDate',
  'sex',
  'relation',
  'employment',
  'education',
  'schooling',
  'disability',
  'healthInsurance',
  'inTraining',
  'stunted',
  'underweight',
  'monthlySocialAllowance',
] as const;
const HOUSEHOLD_INPUTS = [
  'householdId',
  'unitCode',
  'surveyDate',
  'incomePerCapitaMonthly',
  'housing.floorAreaM2',
  ...HOUSING_STRUCTURES.map((k) => `housing.${k}`),
  'waterSource',
  'latrine',
  'infoDevices',
  'internetUse',
  'loudspeakerAccess',
];

export default function SurveyFormPage() {
  const t = useMessages(m);
  const b = useBilingual();
  const { lang } = useLang();
  usePageTitle(t.title);
  const [params] = useSearchParams();
  const existingId = params.get('household');
  const existing = useHousehold(existingId ?? '');
  const [survey, setSurvey] = useState<Record<string, unknown>>(emptySurvey);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [address, setAddress] = useState('');
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const save = useSaveHousehold();
  useEffect(() => {
    if (existingId && existing.data) {
      const last = existing.data.results.at(-1);
      if (last) setSurvey(last.answers);
      setVersion(existing.data.version);
      setAddress(existing.data.address ?? '');
    }
  }, [existingId, existing.data]);

  const set = (key: string, value: unknown) => setSurvey((s) => ({ ...s, [key]: value }));
  const housing = survey.housing as Record<string, unknown>;
  const setHousing = (key: string, value: unknown) => set('housing', { ...housing, [key]: value });
  const members = survey.members as Member[];
  const setMember = (i: number, key: string, value: unknown) =>
    set(
      'members',
      members.map((mm, j) => (j === i ? { ...mm, [key]: value } : mm)),
    );
  const err = save.error;
  // Problems found in the browser (nothing sent), else those of the server's last answer.
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const errors = useMemo(() => clientErrors ?? serverFieldErrors(err, lang), [clientErrors, err, lang]);
  const fieldError = (field: string) => errors.get(field);
  const inputs = new Set([
    ...HOUSEHOLD_INPUTS,
    ...members.flatMap((_, i) => MEMBER_INPUTS.map((k) => `members[${i}].${k}`)),
  ]);
  const elsewhere = [...errors].filter(([field]) => !inputs.has(field));
  const formRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.size === 0) return;
    // The first problem in the order of the form: scrolled into view and focused.
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) {
      first.scrollIntoView({ block: 'center' });
      first.focus({ preventScroll: true });
    }
  }, [errors]);
  const submit = (confirmDuplicates = false) => {
    setOutcome(null);
    const problems = clientFieldErrors(survey, lang);
    if (problems.size > 0) {
      save.reset();
      setClientErrors(problems);
      return;
    }
    setClientErrors(null);
    save.mutate(
      {
        survey,
        ...(version !== undefined ? { expectedVersion: version } : {}),
        address: address || null,
        confirmDuplicates,
      },
      {
        onSuccess: (r) => {
          setOutcome(r);
          if (r.saved) setVersion(r.version);
        },
      },
    );
  };
  const durability = [
    { value: 'durable', label: t.durable },
    { value: 'non-durable', label: t.nonDurable },
  ];
  return (
    <Stack maw={1100} ref={formRef}>
      <Title order={1}>{t.title}</Title>
      <Card withBorder>
        <Title order={2} size="h3">
          {t.household}
        </Title>
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              size="md"
              label={t.householdId}
              value={String(survey.householdId)}
              onChange={(e) => set('householdId', e.currentTarget.value)}
              error={fieldError('householdId')}
              disabled={!!existingId}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              size="md"
              label={t.unitCode}
              value={String(survey.unitCode)}
              onChange={(e) => set('unitCode', e.currentTarget.value)}
              error={fieldError('unitCode')}
              inputMode="numeric"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              size="md"
              type="date"
              label={t.surveyDate}
              value={String(survey.surveyDate)}
              onChange={(e) => set('surveyDate', e.currentTarget.value)}
              error={fieldError('surveyDate')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NumberInput
              size="md"
              label={t.income}
              value={Number(survey.incomePerCapitaMonthly)}
              onChange={(v) => set('incomePerCapitaMonthly', Number(v) || 0)}
              thousandSeparator="."
              decimalSeparator=","
              min={0}
              error={fieldError('incomePerCapitaMonthly')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              size="md"
              label={t.address}
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <NumberInput
              size="md"
              label={t.floor}
              value={Number(housing.floorAreaM2)}
              onChange={(v) => setHousing('floorAreaM2', Number(v) || 0)}
              min={1}
              error={fieldError('housing.floorAreaM2')}
            />
          </Grid.Col>
          {HOUSING_STRUCTURES.map((k) => (
            <Grid.Col key={k} span={{ base: 12, sm: 3 }}>
              <Select
                size="md"
                label={t[k]}
                data={durability}
                value={String(housing[k])}
                onChange={(v) => setHousing(k, v)}
                allowDeselect={false}
                error={fieldError(`housing.${k}`)}
              />
            </Grid.Col>
          ))}
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              size="md"
              label={t.water}
              data={opts(WATER_SOURCES)}
              value={String(survey.waterSource)}
              onChange={(v) => set('waterSource', v)}
              allowDeselect={false}
              error={fieldError('waterSource')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              size="md"
              label={t.latrine}
              data={opts(LATRINES)}
              value={String(survey.latrine)}
              onChange={(v) => set('latrine', v)}
              allowDeselect={false}
              error={fieldError('latrine')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <MultiSelect
              size="md"
              label={t.devices}
              data={opts(INFO_DEVICES)}
              value={survey.infoDevices as string[]}
              onChange={(v) => set('infoDevices', v)}
              error={fieldError('infoDevices')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Checkbox
              size="md"
              label={t.internet}
              checked={survey.internetUse === true}
              onChange={(e) => set('internetUse', e.currentTarget.checked)}
              error={fieldError('internetUse')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Checkbox
              size="md"
              label={t.loudspeaker}
              checked={survey.loudspeakerAccess === true}
              onChange={(e) => set('loudspeakerAccess', e.currentTarget.checked)}
              error={fieldError('loudspeakerAccess')}
            />
          </Grid.Col>
        </Grid>
      </Card>
      <Title order={2} size="h3">
        {t.members}
      </Title>
      {members.map((mem, i) => (
        <Card key={i} withBorder>
          <Grid>
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <TextInput
                size="md"
                label={t.name}
                value={String(mem.name)}
                onChange={(e) => setMember(i, 'name', e.currentTarget.value)}
                error={fieldError(`members[${i}].name`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                size="md"
                label={t.idNumber}
                value={mem.idNumber ? String(mem.idNumber) : ''}
                onChange={(e) => setMember(i, 'idNumber', e.currentTarget.value || null)}
                inputMode="numeric"
                error={fieldError(`members[${i}].idNumber`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <TextInput
                size="md"
                type="date"
                label={t.birthDate}
                value={String(mem.birthDate)}
                onChange={(e) => setMember(i, 'birthDate', e.currentTarget.value)}
                error={fieldError(`members[${i}].birthDate`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 2 }}>
              <Select
                size="md"
                label={t.sex}
                data={opts(SEXES)}
                value={String(mem.sex)}
                onChange={(v) => setMember(i, 'sex', v)}
                allowDeselect={false}
                error={fieldError(`members[${i}].sex`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <Select
                size="md"
                label={t.relation}
                data={opts(RELATIONS)}
                value={String(mem.relation)}
                onChange={(v) => setMember(i, 'relation', v)}
                allowDeselect={false}
                error={fieldError(`members[${i}].relation`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <Select
                size="md"
                label={t.employment}
                data={opts(EMPLOYMENTS)}
                value={String(mem.employment)}
                onChange={(v) => setMember(i, 'employment', v)}
                allowDeselect={false}
                error={fieldError(`members[${i}].employment`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                size="md"
                label={t.education}
                data={opts(EDUCATION_LEVELS)}
                value={String(mem.education)}
                onChange={(v) => setMember(i, 'education', v)}
                allowDeselect={false}
                error={fieldError(`members[${i}].education`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <Select
                size="md"
                label={t.schooling}
                clearable
                data={opts(SCHOOLING)}
                value={mem.schooling ? String(mem.schooling) : null}
                onChange={(v) => setMember(i, 'schooling', v)}
                error={fieldError(`members[${i}].schooling`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <Select
                size="md"
                label={t.disability}
                data={opts(DISABILITIES)}
                value={String(mem.disability)}
                onChange={(v) => setMember(i, 'disability', v)}
                allowDeselect={false}
                error={fieldError(`members[${i}].disability`)}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Group>
                {(
                  [
                    ['healthInsurance', t.insurance],
                    ['inTraining', t.inTraining],
                    ['stunted', t.stunted],
                    ['underweight', t.underweight],
                    ['monthlySocialAllowance', t.allowance],
                  ] as const
                ).map(([k, label]) => (
                  <Checkbox
                    key={k}
                    size="md"
                    label={label}
                    checked={mem[k] === true}
                    onChange={(e) => setMember(i, k, e.currentTarget.checked)}
                    error={fieldError(`members[${i}].${k}`)}
                  />
                ))}
                {members.length > 1 ? (
                  <Button
                    variant="subtle"
                    color="red"
                    onClick={() =>
                      set(
                        'members',
                        members.filter((_, j) => j !== i),
                      )
                    }
                  >
                    {t.remove}
                  </Button>
                ) : null}
              </Group>
            </Grid.Col>
          </Grid>
        </Card>
      ))}
      <Group>
        <Button
          size="md"
          variant="default"
          onClick={() => set('members', [...members, emptyMember('child')])}
        >
          {t.addMember}
        </Button>
        <Button size="md" onClick={() => submit(false)} loading={save.isPending}>
          {t.save}
        </Button>
      </Group>
      {clientErrors && clientErrors.size > 0 ? (
        <Alert color="red" role="alert" title={t.fix.replace('{n}', String(clientErrors.size))}>
          {elsewhere.map(([field, message]) => (
            <Text key={field} size="sm">
              {field ? `${field}: ` : ''}
              {message}
            </Text>
          ))}
        </Alert>
      ) : !clientErrors && elsewhere.length > 0 && isApiError(err) && Array.isArray(err.details.errors) ? (
        <Alert color="red" role="alert">
          {elsewhere.map(([field, message]) => (
            <Text key={field} size="sm">
              {field ? `${field}: ` : ''}
              {message}
            </Text>
          ))}
        </Alert>
      ) : null}
      {isApiError(err) && err.code === 'HOUSEHOLD_DUPLICATE_SUSPECTED' ? (
        <Alert color="yellow" title={t.duplicates}>
          <Stack gap="xs">
            {(
              (err.details.duplicates as {
                householdId: string | null;
                detail: string;
                detailEn: string;
              }[]) ?? []
            ).map((d) =>
              // A household of another commune is only "in another commune": no link, no ID.
              d.householdId ? (
                <Text key={d.householdId + d.detail}>
                  <Link to={`/registry/households/${encodeURIComponent(d.householdId)}`}>
                    {d.householdId}
                  </Link>
                  : {d.detail}
                </Text>
              ) : (
                <Text key={d.detail}>{lang === 'en' ? d.detailEn : d.detail}</Text>
              ),
            )}
            <Button variant="light" onClick={() => submit(true)} w="fit-content">
              {t.confirm}
            </Button>
          </Stack>
        </Alert>
      ) : isApiError(err) && err.code === 'CONFLICT' ? (
        <Alert color="red" title={t.conflict}>
          <Text size="xs" style={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}>
            {JSON.stringify(err.details.theirs, null, 1)}
          </Text>
          <Button mt="xs" variant="light" onClick={() => void existing.refetch()}>
            {t.reload}
          </Button>
        </Alert>
      ) : err ? (
        <ErrorPanel error={err} />
      ) : null}
      {outcome?.saved ? (
        <Alert color="green">
          {t.saved
            .replace('{v}', String(outcome.version))
            .replace('{c}', b(CLASS_LABELS[outcome.classification]!))}{' '}
          ·{' '}
          <Link to={`/registry/households/${encodeURIComponent(outcome.householdId)}`}>
            {outcome.householdId}
          </Link>
        </Alert>
      ) : outcome && !outcome.saved ? (
        <Alert color="blue">
          <Link
            to={`/campaign?${new URLSearchParams({
              commune: outcome.regularReview.communeCode,
              period: String(outcome.regularReview.period),
              case: outcome.regularReview.caseKey,
            }).toString()}`}
          >
            {t.regular.replace('{id}', outcome.regularReview.caseKey)}
          </Link>
        </Alert>
      ) : null}
    </Stack>
  );
}
