// Phiếu khảo sát: the survey of one household (Phiếu B answers, contracts/survey-record.md) on a
// tablet, drawn by the shared survey form (./survey/SurveyFields.tsx) from the survey field
// catalogue. A new survey starts empty — every required answer must be given — and an edited
// household starts from its last survey. Possible duplicates are shown before saving; a stale
// version shows the stored one. Every problem shows beside its own input, nested ones included
// (`members[2].birthDate`), found first by the contract's own validator in the browser, else from
// the server's answer; the first is scrolled to and focused. After a save the result — the class
// before → after, and what the save did to the result's status — is shown at the top and focused.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useHousehold, useSaveHousehold, type HouseholdPage, type SaveOutcome } from '../../api/registry';
import { useUser } from '../../auth/session';
import { ErrorPanel } from '../../components/ErrorPanel';
import { defineMessages, fill, useLang, useMessages, type Lang } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { formatInstantVn } from '../../format';
import { clientFieldErrors, fieldLabel, serverFieldErrors, type FieldErrors } from './fieldErrors';
import { SurveyFields } from './survey/SurveyFields';
import { emptySurvey, formPaths, recordOf, type Survey } from './survey/model';
import { wordOf, wordOfCode } from '../../../../domain/words/catalogue';
import type { Role } from '../../api/types';
import { rolesWith } from '../../../../domain/access/permissions';

const m = defineMessages({
  vi: {
    title: 'Phiếu khảo sát hộ gia đình',
    lead: 'Điền theo Phiếu B: thông tin chung, thành viên, B1 thu nhập, B2 các chiều thiếu hụt. Câu nào có dấu * phải trả lời.',
    save: 'Lưu và phân loại',
    saved: 'Đã lưu phiên bản {v} của hộ {id}',
    classed: 'Kết quả phân loại kỳ {p}: {before} → {after}',
    noBefore: 'chưa có kết quả',
    draftNew:
      'Kết quả được lưu ở trạng thái «{draft}». Kết quả chỉ có hiệu lực khi Chủ tịch UBND xã công nhận.',
    wasApproved:
      'Kết quả kỳ {p} của hộ này đã được duyệt; lần lưu này đưa kết quả về trạng thái «{draft}». Cần Chủ tịch UBND xã công nhận lại: {who} ghi quyết định công nhận ở bước «{step}» trên trang Rà soát.',
    stillDraft: 'Kết quả vẫn ở trạng thái «{draft}», chờ Chủ tịch UBND xã công nhận.',
    or: ' hoặc ',
    open: 'Xem hộ {id}',
    regular: 'Kết quả kỳ này đã được công nhận: đã mở hồ sơ rà soát thường xuyên cho hộ {id}.',
    duplicates: 'Có thể trùng với hộ đã có',
    confirm: 'Đã kiểm tra, vẫn lưu',
    conflict: 'Người khác đã sửa hộ này trong khi bạn nhập phiếu.',
    theirs: 'Phiên bản đang lưu: {v}, lưu lúc {at}. Tải phiên bản mới nhất rồi nhập lại thay đổi của bạn.',
    reload: 'Tải phiên bản mới nhất',
    fix: 'Phiếu còn {n} lỗi, xem bên cạnh từng ô:',
  },
  en: {
    title: 'Household survey',
    lead: 'Fill in as on form B: identification, members, B1 income, B2 deprivations. Questions marked * must be answered.',
    save: 'Save and classify',
    saved: 'Saved version {v} of household {id}',
    classed: 'Classification for {p}: {before} → {after}',
    noBefore: 'no result yet',
    draftNew: 'The result is saved as «{draft}». It takes effect when the commune chair recognises it.',
    wasApproved:
      'The {p} result of this household was approved; this save turned it back into «{draft}». The commune chair must recognise it again: {who} records the recognition at the step «{step}» on the review campaign page.',
    stillDraft: 'The result stays «{draft}», awaiting recognition by the commune chair.',
    or: ' or ',
    open: 'Open household {id}',
    regular: 'This period is recognised: a regular-review case was opened for household {id}.',
    duplicates: 'May duplicate an existing household',
    confirm: 'Checked — save anyway',
    conflict: 'Someone else changed this household while you were entering the survey.',
    theirs: 'Stored version: {v}, saved at {at}. Load the latest version, then enter your changes again.',
    reload: 'Load the latest version',
    fix: 'The survey has {n} problems, shown beside each field:',
  },
});

/**
 * Who records a recognition (the campaign step that approves results): the roles the permission
 * table lets move a campaign on, the administrator aside (it may do everything, it is nobody's
 * daily work), the commune's own officers first.
 */
const APPROVERS: readonly Role[] = rolesWith('campaign.decide')
  .filter((r) => r !== 'admin')
  .sort((a, b) => Number(b === 'commune-officer') - Number(a === 'commune-officer'));

type Before = { classification: string; status: string } | null;

/** The result of the period a save writes (the survey date's year), before the save. */
function resultBefore(page: HouseholdPage | undefined, surveyDate: unknown): Before {
  if (!page || typeof surveyDate !== 'string') return null;
  const period = Number(surveyDate.slice(0, 4));
  const r = page.results.find((x) => x.period === period);
  return r ? { classification: r.classification, status: r.status } : null;
}

function SavedPanel({
  outcome,
  before,
  period,
  lang,
}: {
  outcome: Extract<SaveOutcome, { saved: true }>;
  before: Before;
  period: number;
  lang: Lang;
}) {
  const t = useMessages(m);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The result stays in view: at the top of the page, scrolled to and read out.
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [outcome]);
  const draft = wordOf('reviewStatus', 'draft', lang);
  const status =
    before?.status === 'approved'
      ? fill(t.wasApproved, {
          p: period,
          draft,
          who: APPROVERS.map((r) => wordOfCode('role', r, lang)).join(t.or),
          step: wordOf('campaignStep', 'recognised', lang),
        })
      : before
        ? fill(t.stillDraft, { draft })
        : fill(t.draftNew, { draft });
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      role="status"
      color={before?.status === 'approved' ? 'orange' : 'green'}
      title={fill(t.saved, { v: outcome.version, id: outcome.householdId })}
      data-testid="survey-saved"
      style={{ position: 'sticky', top: 64, zIndex: 5, scrollMarginTop: 64 }}
    >
      <Stack gap={6}>
        <Text fw={600} size="lg">
          {fill(t.classed, {
            p: period,
            before: before ? wordOfCode('classification', before.classification, lang) : t.noBefore,
            after: wordOfCode('classification', outcome.classification, lang),
          })}
        </Text>
        <Text>{status}</Text>
        <Anchor component={Link} to={`/registry/households/${encodeURIComponent(outcome.householdId)}`}>
          {fill(t.open, { id: outcome.householdId })}
        </Anchor>
      </Stack>
    </Alert>
  );
}

export default function SurveyFormPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const user = useUser();
  usePageTitle(t.title);
  const [params] = useSearchParams();
  const existingId = params.get('household');
  const existing = useHousehold(existingId ?? '');
  const [survey, setSurvey] = useState<Survey>(emptySurvey);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const [saved, setSaved] = useState<{ before: Before; period: number } | null>(null);
  const save = useSaveHousehold();
  const loaded = useRef(false);
  useEffect(() => {
    // An edited household starts from its last survey (once: a save refreshes the data, not the form).
    if (!existingId || !existing.data || loaded.current) return;
    loaded.current = true;
    const last = existing.data.results.at(-1);
    setSurvey({
      ...(last?.answers ?? emptySurvey()),
      householdId: existing.data.householdId,
      ...(existing.data.address ? { address: existing.data.address } : {}),
    });
    setVersion(existing.data.version);
  }, [existingId, existing.data]);

  const err = save.error;
  // Problems found in the browser (nothing sent), else those of the server's last answer.
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const errors = useMemo(() => clientErrors ?? serverFieldErrors(err, lang), [clientErrors, err, lang]);
  const members = Array.isArray(survey.members) ? survey.members.length : 0;
  const inputs = formPaths(members);
  inputs.add('members');
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
    const record = recordOf(survey);
    const problems = clientFieldErrors(record, lang);
    if (problems.size > 0) {
      save.reset();
      setClientErrors(problems);
      return;
    }
    setClientErrors(null);
    const before = resultBefore(existing.data, record.surveyDate);
    const period = Number(String(record.surveyDate).slice(0, 4));
    save.mutate(
      {
        survey: record,
        ...(version !== undefined ? { expectedVersion: version } : {}),
        address: typeof survey.address === 'string' && survey.address ? survey.address : null,
        confirmDuplicates,
      },
      {
        onSuccess: (r) => {
          setOutcome(r);
          setSaved({ before, period });
          if (r.saved) setVersion(r.version);
        },
      },
    );
  };
  const theirs = (x: unknown) => {
    const v = (x ?? {}) as { version?: number; updatedAt?: string };
    return fill(t.theirs, { v: v.version ?? '—', at: v.updatedAt ? formatInstantVn(v.updatedAt) : '—' });
  };
  const summary = (list: [string, string][]) =>
    list.map(([field, message]) => {
      const label = field ? fieldLabel(field, lang) : null;
      return (
        <List.Item key={field}>
          {label ? `${label}: ` : ''}
          {message}
        </List.Item>
      );
    });
  return (
    <Stack maw={1100} ref={formRef} gap="lg">
      <Title order={1}>{t.title}</Title>
      {outcome?.saved && saved ? (
        <SavedPanel outcome={outcome} before={saved.before} period={saved.period} lang={lang} />
      ) : null}
      <Text c="dimmed">{t.lead}</Text>
      {clientErrors && clientErrors.size > 0 ? (
        <Alert color="red" role="alert" title={fill(t.fix, { n: clientErrors.size })}>
          {elsewhere.length > 0 ? <List size="sm">{summary(elsewhere)}</List> : null}
        </Alert>
      ) : null}
      <SurveyFields
        value={survey}
        onChange={setSurvey}
        errors={errors}
        scopeCode={user.unitCode}
        householdIdLocked={!!existingId}
      />
      <Group>
        <Button size="md" onClick={() => submit(false)} loading={save.isPending}>
          {t.save}
        </Button>
      </Group>
      {!clientErrors && elsewhere.length > 0 && isApiError(err) && Array.isArray(err.details.errors) ? (
        <Alert color="red" role="alert">
          <List size="sm">{summary(elsewhere)}</List>
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
          <Text size="sm">{theirs(err.details.theirs)}</Text>
          <Button
            mt="xs"
            variant="light"
            onClick={() => {
              loaded.current = false;
              void existing.refetch();
            }}
          >
            {t.reload}
          </Button>
        </Alert>
      ) : err ? (
        <ErrorPanel error={err} />
      ) : null}
      {outcome && !outcome.saved ? (
        <Alert color="blue" role="status">
          <Link
            to={`/campaign?${new URLSearchParams({
              commune: outcome.regularReview.communeCode,
              period: String(outcome.regularReview.period),
              case: outcome.regularReview.caseKey,
            }).toString()}`}
          >
            {fill(t.regular, { id: outcome.regularReview.caseKey })}
          </Link>
        </Alert>
      ) : null}
    </Stack>
  );
}
