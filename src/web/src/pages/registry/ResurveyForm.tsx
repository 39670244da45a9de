// The re-survey attached to a campaign step (a village sent back by its meeting, an accepted
// complaint, a regular-review case): start from the household's latest survey and change what the
// re-survey found in the shared survey form (./survey/SurveyFields.tsx, every answer, members
// included), or upload survey records (JSON / JSONL, the import contract). Each record is checked
// by the contract's own validator before it is attached; the server classifies it when the step is
// applied.
import { useState } from 'react';
import { Button, Card, CloseButton, FileInput, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { api } from '../../api/client';
import type { HouseholdPage } from '../../api/registry';
import { useUser } from '../../auth/session';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateVn, formatVnd, todayVn } from '../../format';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { clientFieldErrors, fieldLabel, type FieldErrors } from './fieldErrors';
import { SurveyFields } from './survey/SurveyFields';
import { formPaths, recordOf } from './survey/model';

const m = defineMessages({
  vi: {
    title: 'Phiếu rà soát lại',
    householdId: 'Mã hộ rà soát lại',
    load: 'Lấy phiếu gần nhất của hộ',
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
    attach: 'Attach the survey',
    upload: 'Or upload a survey file (.json, .jsonl)',
    attached: 'Attached surveys ({n}):',
    line: 'File {file}, line {line}: {message}',
    remove: 'Remove the survey',
  },
});

export type Survey = Record<string, unknown>;

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
  const user = useUser();
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
  const attach = (records: Survey[]) => {
    // One survey per household: a newer one replaces the one attached before.
    const ids = new Set(records.map((r) => String(r.householdId)));
    onChange([...surveys.filter((s) => !ids.has(String(s.householdId))), ...records]);
  };
  const attachDraft = () => {
    if (!draft) return;
    const record = recordOf(draft);
    const problems = clientFieldErrors(record, lang);
    setErrors(problems);
    if (problems.size > 0) return;
    attach([record]);
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
  const inputs = formPaths(Array.isArray(draft?.members) ? draft.members.length : 0);
  inputs.add('members');
  const elsewhere = [...errors].filter(([f]) => !inputs.has(f));

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
            <SurveyFields
              value={draft}
              onChange={setDraft}
              errors={errors}
              scopeCode={user.unitCode}
              householdIdLocked
              locked={new Set(['unitCode'])}
            />
            {elsewhere.length > 0 ? (
              <List size="sm" c="red">
                {elsewhere.map(([f, message]) => (
                  <List.Item key={f}>
                    {f && fieldLabel(f, lang) ? `${fieldLabel(f, lang)}: ` : ''}
                    {message}
                  </List.Item>
                ))}
              </List>
            ) : null}
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
