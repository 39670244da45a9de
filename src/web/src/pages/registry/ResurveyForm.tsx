// The re-survey attached to a campaign step (a village sent back by its meeting, an accepted
// complaint, a regular-review case): start from the household's latest survey and change what the
// re-survey found, or upload survey records (JSON / JSONL, the import contract). Each record is
// checked by the contract's own validator before it is attached; the server classifies it when
// the step is applied.
import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  CloseButton,
  FileInput,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { api } from '../../api/client';
import type { HouseholdPage } from '../../api/registry';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateVn, formatVnd, todayVn } from '../../format';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { clientFieldErrors, type FieldErrors } from './fieldErrors';
import { INFO_DEVICES, LATRINES, WATER_SOURCES } from '../../../../domain/survey/record';

const m = defineMessages({
  vi: {
    title: 'Phiếu rà soát lại',
    householdId: 'Mã hộ rà soát lại',
    load: 'Lấy phiếu gần nhất của hộ',
    surveyDate: 'Ngày rà soát lại',
    income: 'Thu nhập bình quân (đồng/người/tháng)',
    floor: 'Diện tích nhà ở (m²)',
    water: 'Nguồn nước',
    latrine: 'Nhà tiêu',
    devices: 'Phương tiện tiếp cận thông tin',
    internet: 'Có thành viên dùng Internet',
    loudspeaker: 'Nghe được loa truyền thanh',
    members: 'Thành viên giữ như phiếu trước ({n} người); sửa thành viên trên trang Phiếu khảo sát.',
    attach: 'Đính kèm phiếu',
    upload: 'Hoặc tải tệp phiếu (.json, .jsonl)',
    attached: 'Phiếu đính kèm ({n}):',
    line: 'Tệp {file}, dòng {line}: {message}',
    remove: 'Bỏ phiếu',
  },
  en: {
    title: 'Re-survey',
    householdId: 'Household re-surveyed',
    load: "Load the household's latest survey",
    surveyDate: 'Re-survey date',
    income: 'Income per person per month (đồng)',
    floor: 'Floor area (m²)',
    water: 'Water source',
    latrine: 'Latrine',
    devices: 'Information devices',
    internet: 'A member uses the Internet',
    loudspeaker: 'Hears the loudspeaker system',
    members: 'Members kept as in the previous survey ({n}); edit members on the survey page.',
    attach: 'Attach the survey',
    upload: 'Or upload a survey file (.json, .jsonl)',
    attached: 'Attached surveys ({n}):',
    line: 'File {file}, line {line}: {message}',
    remove: 'Remove the survey',
  },
});

export type Survey = Record<string, unknown>;
const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

/** Survey records of an uploaded file: one JSON object, a JSON list, or one object per line. */
function recordsOf(text: string): { records: Survey[]; bad: { line: number; message: string }[] } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[')) {
    try {
      return { records: JSON.parse(trimmed) as Survey[], bad: [] };
    } catch (e) {
      return { records: [], bad: [{ line: 1, message: (e as Error).message }] };
    }
  }
  const records: Survey[] = [];
  const bad: { line: number; message: string }[] = [];
  trimmed.split(/\r?\n/).forEach((l, i) => {
    if (!l.trim()) return;
    try {
      records.push(JSON.parse(l) as Survey);
    } catch (e) {
      bad.push({ line: i + 1, message: (e as Error).message });
    }
  });
  return { records, bad };
}

export function ResurveyForm({
  period,
  householdHint,
  surveys,
  onChange,
}: {
  /** The review period: a re-survey is dated within it (today, or its last day for a past period). */
  period: number;
  /** The household the step concerns (the complaint's, the case's), when known. */
  householdHint?: string | null;
  surveys: Survey[];
  onChange: (surveys: Survey[]) => void;
}) {
  const t = useMessages(m);
  const { lang } = useLang();
  const [householdId, setHouseholdId] = useState(householdHint ?? '');
  const [draft, setDraft] = useState<Survey | null>(null);
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const [loadError, setLoadError] = useState<unknown>(null);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const [loading, setLoading] = useState(false);
  const id = householdId || householdHint || '';

  const load = async () => {
    setLoadError(null);
    setLoading(true);
    try {
      const page = await api.get<HouseholdPage>(`/registry/households/${encodeURIComponent(id)}`);
      const last = page.results.at(-1)?.answers ?? {};
      const today = todayVn();
      const end = `${period}-12-31`;
      setDraft({ ...last, householdId: page.householdId, surveyDate: today < end ? today : end });
      setErrors(new Map());
    } catch (e) {
      setLoadError(e);
    } finally {
      setLoading(false);
    }
  };
  const set = (key: string, value: unknown) => setDraft((d) => ({ ...d, [key]: value }));
  const housing = (draft?.housing ?? {}) as Record<string, unknown>;
  const attach = (records: Survey[]) => {
    // One survey per household: a newer one replaces the one attached before.
    const ids = new Set(records.map((r) => String(r.householdId)));
    onChange([...surveys.filter((s) => !ids.has(String(s.householdId))), ...records]);
  };
  const attachDraft = () => {
    if (!draft) return;
    const problems = clientFieldErrors(draft, lang);
    setErrors(problems);
    if (problems.size > 0) return;
    attach([draft]);
    setDraft(null);
  };
  const upload = async (file: File | null) => {
    setFileProblems([]);
    if (!file) return;
    const { records, bad } = recordsOf(await file.text());
    const problems = bad.map((b) => fill(t.line, { file: file.name, line: b.line, message: b.message }));
    records.forEach((r, i) => {
      for (const [, message] of clientFieldErrors(r, lang))
        problems.push(fill(t.line, { file: file.name, line: i + 1, message }));
    });
    setFileProblems(problems);
    if (problems.length === 0) attach(records);
  };
  const err = (field: string) => errors.get(field);

  return (
    <Card withBorder bg="var(--mantine-color-gray-0)">
      <Stack gap="xs">
        <Text fw={600}>{t.title}</Text>
        <Group align="end" wrap="wrap">
          <TextInput
            label={t.householdId}
            value={id}
            onChange={(e) => setHouseholdId(e.currentTarget.value.trim())}
            w={200}
          />
          <Button variant="light" onClick={() => void load()} loading={loading} disabled={!id}>
            {t.load}
          </Button>
        </Group>
        {loadError ? <ErrorPanel error={loadError} /> : null}
        {draft ? (
          <>
            <Group align="start" wrap="wrap">
              <TextInput
                type="date"
                label={t.surveyDate}
                value={String(draft.surveyDate ?? '')}
                onChange={(e) => set('surveyDate', e.currentTarget.value)}
                error={err('surveyDate')}
              />
              <NumberInput
                label={t.income}
                value={Number(draft.incomePerCapitaMonthly ?? 0)}
                onChange={(v) => set('incomePerCapitaMonthly', Number(v) || 0)}
                thousandSeparator="."
                decimalSeparator=","
                min={0}
                w={260}
                error={err('incomePerCapitaMonthly')}
              />
              <NumberInput
                label={t.floor}
                value={Number(housing.floorAreaM2 ?? 0)}
                onChange={(v) => set('housing', { ...housing, floorAreaM2: Number(v) || 0 })}
                min={0}
                w={160}
                error={err('housing.floorAreaM2')}
              />
              <Select
                label={t.water}
                data={opts(WATER_SOURCES)}
                value={draft.waterSource ? String(draft.waterSource) : null}
                onChange={(v) => set('waterSource', v)}
                allowDeselect={false}
                error={err('waterSource')}
              />
              <Select
                label={t.latrine}
                data={opts(LATRINES)}
                value={draft.latrine ? String(draft.latrine) : null}
                onChange={(v) => set('latrine', v)}
                allowDeselect={false}
                error={err('latrine')}
              />
              <MultiSelect
                label={t.devices}
                data={opts(INFO_DEVICES)}
                value={(draft.infoDevices as string[] | undefined) ?? []}
                onChange={(v) => set('infoDevices', v)}
                error={err('infoDevices')}
                miw={220}
              />
            </Group>
            <Group>
              <Checkbox
                label={t.internet}
                checked={draft.internetUse === true}
                onChange={(e) => set('internetUse', e.currentTarget.checked)}
              />
              <Checkbox
                label={t.loudspeaker}
                checked={draft.loudspeakerAccess === true}
                onChange={(e) => set('loudspeakerAccess', e.currentTarget.checked)}
              />
            </Group>
            <Text size="sm" c="dimmed">
              {fill(t.members, { n: Array.isArray(draft.members) ? draft.members.length : 0 })}
            </Text>
            {[...errors]
              .filter(([f]) => f.startsWith('members') || f === 'householdId' || f === 'unitCode' || f === '')
              .map(([f, message]) => (
                <Text key={f} c="red" size="sm">
                  {f ? `${f}: ` : ''}
                  {message}
                </Text>
              ))}
            <Button onClick={attachDraft} w="fit-content">
              {t.attach}
            </Button>
          </>
        ) : null}
        <FileInput
          label={t.upload}
          accept=".json,.jsonl,application/json"
          onChange={(f) => void upload(f)}
          clearable
          w={320}
        />
        {fileProblems.map((p) => (
          <Text key={p} c="red" size="sm">
            {p}
          </Text>
        ))}
        {surveys.length > 0 ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {fill(t.attached, { n: surveys.length })}
            </Text>
            {surveys.map((s) => (
              <Group key={String(s.householdId)} gap="xs">
                <Text size="sm">
                  {String(s.householdId)} · {formatDateVn(String(s.surveyDate))} ·{' '}
                  {formatVnd(Number(s.incomePerCapitaMonthly))}
                </Text>
                <CloseButton
                  size="sm"
                  aria-label={`${t.remove} ${String(s.householdId)}`}
                  onClick={() => onChange(surveys.filter((x) => x !== s))}
                />
              </Group>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
