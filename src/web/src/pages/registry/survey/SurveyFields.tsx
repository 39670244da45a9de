// The one survey form of the web app, drawn from the survey field catalogue through ./model.ts:
// the sections of Phiếu B in order, one task per section (a titled card), the members' own answers
// asked member by member inside the section they belong to, every answer with its label and help
// from the catalogue and its error right beside it. Used by the survey page (a new or an edited
// household) and by the campaign's re-survey (SurveyFormPage.tsx, ResurveyForm.tsx).
// On a tablet (below 75em) the form is paged: one section per screen, a list of the sections to
// move between (each saying how many errors it holds), previous/next, and a last review step
// summing up where the errors are. On a wider screen every section is shown, one below the other.
// A section is whatever the catalogue's rows say: a field added to the catalogue appears in its
// section with no change here.
import { useEffect, useRef, useState } from 'react';
import { useMediaQuery } from '@mantine/hooks';
import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DateField } from '../../../components/DateField';
import { defineMessages, fill, useLang, useMessages, type Lang } from '../../../i18n';
import { CommuneSelect } from './CommuneSelect';
import {
  emptyMember,
  errorsBySection,
  foldForSearch,
  FORM_SECTIONS,
  pathOf,
  valueAt,
  withValue,
  type Control,
  type FormSection,
  type Survey,
} from './model';
import { wordOfCode } from '../../../../../domain/words/catalogue';

const m = defineMessages({
  vi: {
    member: 'Thành viên {n}',
    addMember: 'Thêm thành viên',
    remove: 'Bỏ thành viên {n}',
    noDevice: 'Không có phương tiện nào',
    noneOfThese: 'Không có mục nào kể trên',
    choose: 'Chọn',
    sections: 'Các phần của phiếu',
    progress: 'Phần {i}/{n}',
    errorsIn: '{n} lỗi',
    previous: 'Phần trước',
    next: 'Phần tiếp',
    review: 'Kiểm tra lại',
    reviewLead:
      'Xem lại từng phần trước khi bấm «Lưu và phân loại». Lỗi được ghi cạnh từng ô của phần chứa nó.',
    noErrors: 'Chưa thấy lỗi',
    goTo: 'Mở phần',
    whereErrors: 'Các phần còn lỗi:',
  },
  en: {
    member: 'Member {n}',
    addMember: 'Add a member',
    remove: 'Remove member {n}',
    noDevice: 'None of these devices',
    noneOfThese: 'None of the above',
    choose: 'Choose',
    sections: 'Sections of the survey',
    progress: 'Section {i} of {n}',
    errorsIn: 'errors: {n}',
    previous: 'Previous section',
    next: 'Next section',
    review: 'Review',
    reviewLead:
      'Look over each section before pressing «Save and classify». Each error is written beside its field, in its section.',
    noErrors: 'No error found',
    goTo: 'Open section',
    whereErrors: 'Sections with errors:',
  },
});

export interface SurveyFieldsProps {
  value: Survey;
  onChange: (next: Survey) => void;
  /** Problems by form path (`members[2].sex`), each shown beside its input. */
  errors: ReadonlyMap<string, string>;
  /** The officer's scope unit: the communes offered for the survey. */
  scopeCode: string | null;
  /** An edited household keeps its code. */
  householdIdLocked?: boolean;
  /** Paths the form shows but does not let change here (the re-survey keeps the commune). */
  locked?: ReadonlySet<string>;
  /**
   * The communes to choose from, given by the page (the offline survey's assignment): no request
   * is made for them, so the form works without a connection.
   */
  communes?: readonly { code: string; name: string }[];
}

const NONE = '__none__';

/**
 * A choice's list is drawn when it is opened, not kept hidden in the page: Mantine's Combobox
 * keeps every closed dropdown mounted by default, so a form of some forty choices drew all their
 * options (the 54 ethnic groups once per member) and placed each hidden dropdown under its field
 * on every draw — most of the time it took to open a household (`npm run bench -- offline`).
 */
const COMBOBOX = { withinPortal: true, keepMounted: false } as const;

/** "Thành viên 2: Nguyễn Thị Mai (Vợ/chồng)": whom the member answers are for. */
function memberTitle(member: Survey | undefined, i: number, lang: Lang, t: Record<'member', string>): string {
  const n = fill(t.member, { n: i + 1 });
  const name = typeof member?.name === 'string' && member.name.trim() ? member.name.trim() : '';
  const relation = typeof member?.relation === 'string' ? wordOfCode('relation', member.relation, lang) : '';
  return [n, name ? `: ${name}` : '', relation ? ` (${relation})` : ''].join('');
}

function Input({ control, path, props }: { control: Control; path: string; props: SurveyFieldsProps }) {
  const { lang } = useLang();
  const t = useMessages(m);
  const { value: survey, onChange, errors } = props;
  const v = valueAt(survey, path);
  const set = (next: unknown) => onChange(withValue(survey, path, next));
  const common = {
    label: control.label[lang],
    description: control.field.help[lang],
    error: errors.get(path),
    required: control.field.required,
    size: 'md' as const,
  };
  const disabled =
    props.locked?.has(path) === true || (path === 'householdId' && props.householdIdLocked === true);
  switch (control.kind) {
    case 'text':
    case 'citizen-id':
      return (
        <TextInput
          {...common}
          value={typeof v === 'string' ? v : ''}
          onChange={(e) => set(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
          disabled={disabled}
          {...(control.kind === 'citizen-id' ? { inputMode: 'numeric' as const, maxLength: 12 } : {})}
        />
      );
    case 'unit':
      if (props.communes)
        return (
          <Select
            {...common}
            data={props.communes.map((u) => ({ value: u.code, label: u.name }))}
            value={typeof v === 'string' ? v : null}
            onChange={(code) => set(code ?? undefined)}
            disabled={disabled}
            placeholder={t.choose}
            comboboxProps={COMBOBOX}
          />
        );
      return (
        <CommuneSelect
          {...common}
          scopeCode={props.scopeCode}
          on={
            typeof survey.surveyDate === 'string' ? survey.surveyDate : new Date().toISOString().slice(0, 10)
          }
          value={typeof v === 'string' ? v : null}
          onChange={(code) => set(code ?? undefined)}
          disabled={disabled}
          placeholder={t.choose}
        />
      );
    case 'date':
      return (
        <DateField
          {...common}
          value={typeof v === 'string' ? v : null}
          onChange={(d) => set(d ?? undefined)}
          disabled={disabled}
          // Erasing the text takes the answer away (then reported as missing), as in any other field.
          allowDeselect
        />
      );
    case 'amount':
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof v === 'number' ? v : ''}
          onChange={(n) => set(typeof n === 'number' ? n : undefined)}
          thousandSeparator="."
          decimalSeparator=","
          allowDecimal={control.kind === 'number'}
          allowNegative={false}
          inputMode={control.kind === 'amount' ? 'numeric' : 'decimal'}
          disabled={disabled}
        />
      );
    case 'choice':
      return (
        <Select
          {...common}
          data={control.options.map((o) => ({ value: o.value, label: o.label[lang] }))}
          value={typeof v === 'string' ? v : null}
          onChange={(c) => set(c ?? undefined)}
          clearable={!control.field.required}
          allowDeselect={!control.field.required}
          placeholder={t.choose}
          disabled={disabled}
          searchable={control.searchable}
          // "muong" finds "Mường": the typed text and each name are compared without accents.
          filter={({ options, search }) =>
            options.filter((o) => 'label' in o && foldForSearch(o.label).includes(foldForSearch(search)))
          }
          comboboxProps={COMBOBOX}
          // Long answers ("Không tham gia lực lượng lao động") wrap in the list instead of being cut.
          styles={{ option: { whiteSpace: 'normal', lineHeight: 1.35 } }}
        />
      );
    case 'yes-no':
      return (
        <Radio.Group
          {...common}
          value={v === true ? 'true' : v === false ? 'false' : null}
          onChange={(c) => set(c === 'true')}
        >
          <Group gap="xl" mt={6}>
            {control.options.map((o) => (
              <Radio
                key={o.value}
                value={o.value}
                label={o.label[lang]}
                size="md"
                disabled={disabled}
                aria-invalid={common.error ? true : undefined}
              />
            ))}
          </Group>
        </Radio.Group>
      );
    case 'choices': {
      // A required list (the information devices) is unanswered until something is ticked, so its
      // answer "an empty list" needs a box of its own, worded for that list. An optional list (the
      // causes of poverty, the support needed: "để trống nếu không có") left empty is already
      // that answer: no such box, which would read "no device" under causes and needs.
      const withNone = control.field.required;
      const list = Array.isArray(v) ? (v as string[]) : undefined;
      const ticked = list === undefined ? [] : list.length === 0 && withNone ? [NONE] : list;
      return (
        <Checkbox.Group
          {...common}
          value={ticked}
          onChange={(next) => {
            const none = next.includes(NONE) && !ticked.includes(NONE);
            const rest = next.filter((x) => x !== NONE);
            set(none ? [] : rest.length > 0 ? rest : undefined);
          }}
        >
          <Stack gap="xs" mt={6}>
            {control.options.map((o, i) => (
              <Checkbox
                key={o.value}
                value={o.value}
                label={o.label[lang]}
                size="md"
                disabled={disabled}
                aria-invalid={common.error && i === 0 ? true : undefined}
              />
            ))}
            {withNone ? (
              <Checkbox
                value={NONE}
                label={control.field.path === 'infoDevices' ? t.noDevice : t.noneOfThese}
                size="md"
                disabled={disabled}
              />
            ) : null}
          </Stack>
        </Checkbox.Group>
      );
    }
  }
}

/**
 * Controls on a tablet: one column below 48em, two beside each other above it. One page-wide rule
 * (`.gn-survey-grid`, theme/global.css): a SimpleGrid writes a <style> element of its own into the
 * page for each of the form's grids, and each one makes the browser restyle the whole page.
 */
function Grid({ children }: { children: React.ReactNode }) {
  return <div className="gn-survey-grid">{children}</div>;
}

function SectionCard({ section, props }: { section: FormSection; props: SurveyFieldsProps }) {
  const { lang } = useLang();
  const t = useMessages(m);
  const { value: survey, onChange, errors } = props;
  const members = Array.isArray(survey.members) ? (survey.members as Survey[]) : [];
  return (
    <Card withBorder component="section" aria-labelledby={`survey-${section.id}`}>
      <Stack gap="md">
        <Title order={2} size="h3" id={`survey-${section.id}`}>
          {section.label[lang]}
        </Title>
        {section.household.length > 0 ? (
          <Grid>
            {section.household.map((c) => (
              <Input key={c.field.path} control={c} path={pathOf(c)} props={props} />
            ))}
          </Grid>
        ) : null}
        {section.id === 'members' && errors.get('members') ? (
          <Text c="red" size="sm" role="alert" id="survey-members-error">
            {errors.get('members')}
          </Text>
        ) : null}
        {section.member.length > 0
          ? members.map((mem, i) => (
              <Card key={i} withBorder bg="var(--mantine-color-gray-0)" p="md">
                <Stack gap="sm">
                  <Title order={3} size="h5">
                    {memberTitle(mem, i, lang, t)}
                  </Title>
                  <Grid>
                    {section.member.map((c) => (
                      <Input key={c.field.path} control={c} path={pathOf(c, i)} props={props} />
                    ))}
                  </Grid>
                  {section.id === 'members' && members.length > 1 ? (
                    <Button
                      variant="subtle"
                      color="red"
                      w="fit-content"
                      onClick={() =>
                        onChange(
                          withValue(
                            survey,
                            'members',
                            members.filter((_, j) => j !== i),
                          ),
                        )
                      }
                    >
                      {fill(t.remove, { n: i + 1 })}
                    </Button>
                  ) : null}
                </Stack>
              </Card>
            ))
          : null}
        {section.id === 'members' ? (
          <Button
            size="md"
            variant="default"
            w="fit-content"
            onClick={() => onChange(withValue(survey, 'members', [...members, emptyMember()]))}
          >
            {t.addMember}
          </Button>
        ) : null}
      </Stack>
    </Card>
  );
}

/** Wide screens show every section; a tablet one at a time. */
const ALL_AT_ONCE = '(min-width: 75em)';

export function SurveyFields(props: SurveyFieldsProps) {
  const { lang } = useLang();
  const t = useMessages(m);
  const paged = useMediaQuery(ALL_AT_ONCE, true, { getInitialValueInEffect: false }) !== true;
  const [active, setActive] = useState(0);
  const top = useRef<HTMLDivElement>(null);
  /** The section whose first error gets the focus once it is drawn (-1: none). */
  const focusError = useRef(-1);
  const counts = errorsBySection(props.errors.keys());
  const review = FORM_SECTIONS.length;
  const withErrors = FORM_SECTIONS.map((s, i) => ({ s, i, n: counts.get(s.id) ?? 0 })).filter((x) => x.n > 0);
  const firstError = withErrors[0]?.i ?? -1;

  // New errors (a save refused): open the first section holding one, and focus its first input.
  useEffect(() => {
    if (!paged || firstError < 0) return;
    focusError.current = firstError;
    setActive(firstError);
    // On new errors only (not on every move between sections): `firstError` follows from them.
  }, [props.errors, paged]);
  useEffect(() => {
    // Only once the section is drawn (setActive lands on the next render).
    if (focusError.current !== active) return;
    focusError.current = -1;
    const first = top.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) {
      first.scrollIntoView({ block: 'center' });
      first.focus({ preventScroll: true });
    }
  }, [active, props.errors]);

  if (!paged)
    return (
      <Stack gap="lg">
        {FORM_SECTIONS.map((section) => (
          <SectionCard key={section.id} section={section} props={props} />
        ))}
      </Stack>
    );

  const go = (i: number) => {
    setActive(i);
    top.current?.scrollIntoView({ block: 'start' });
  };
  const stepLabel = (i: number) => (i === review ? t.review : FORM_SECTIONS[i]!.label[lang]);
  return (
    <Stack gap="md" ref={top} style={{ scrollMarginTop: 72 }}>
      <nav aria-label={t.sections}>
        <Group gap={6} wrap="wrap">
          {[...FORM_SECTIONS.map((_, i) => i), review].map((i) => {
            const n = i === review ? 0 : (counts.get(FORM_SECTIONS[i]!.id) ?? 0);
            return (
              <Button
                key={i}
                size="compact-md"
                variant={i === active ? 'filled' : 'light'}
                color={n > 0 ? 'red' : undefined}
                aria-current={i === active ? 'step' : undefined}
                onClick={() => go(i)}
                styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                h="auto"
                py={4}
              >
                {stepLabel(i)}
                {n > 0 ? ` · ${fill(t.errorsIn, { n })}` : ''}
              </Button>
            );
          })}
        </Group>
      </nav>
      {withErrors.length > 0 && active !== review ? (
        <Text size="sm" c="red" data-testid="survey-error-sections">
          {t.whereErrors}{' '}
          {withErrors.map((x) => `${x.s.label[lang]} (${fill(t.errorsIn, { n: x.n })})`).join('; ')}
        </Text>
      ) : null}
      <Text size="sm" c="dimmed">
        {fill(t.progress, { i: active + 1, n: review + 1 })}
      </Text>
      {active < review ? (
        <SectionCard section={FORM_SECTIONS[active]!} props={props} />
      ) : (
        <Card withBorder component="section" aria-labelledby="survey-review">
          <Stack gap="sm">
            <Title order={2} size="h3" id="survey-review">
              {t.review}
            </Title>
            <Text>{t.reviewLead}</Text>
            {FORM_SECTIONS.map((section, i) => {
              const n = counts.get(section.id) ?? 0;
              return (
                <Group key={section.id} justify="space-between" wrap="nowrap" gap="sm">
                  <Text c={n > 0 ? 'red' : undefined} fw={n > 0 ? 600 : undefined}>
                    {section.label[lang]}: {n > 0 ? fill(t.errorsIn, { n }) : t.noErrors}
                  </Text>
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => go(i)}
                    aria-label={`${t.goTo} ${section.label[lang]}`}
                  >
                    {t.goTo}
                  </Button>
                </Group>
              );
            })}
          </Stack>
        </Card>
      )}
      <Group justify="space-between">
        <Button size="md" variant="default" disabled={active === 0} onClick={() => go(active - 1)}>
          {t.previous}
        </Button>
        {active < review ? (
          <Button size="md" variant="light" onClick={() => go(active + 1)}>
            {t.next}: {stepLabel(active + 1)}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
