// The one survey form of the web app, drawn from the survey field catalogue through ./model.ts:
// the sections of Phiếu B in order, one task per section (a titled card), the members' own answers
// asked member by member inside the section they belong to, every answer with its label and help
// from the catalogue and its error right beside it. Used by the survey page (a new or an edited
// household) and by the campaign's re-survey (SurveyFormPage.tsx, ResurveyForm.tsx).
import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
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
  foldForSearch,
  FORM_SECTIONS,
  pathOf,
  valueAt,
  withValue,
  type Control,
  type Survey,
} from './model';
import { wordOfCode } from '../../../../../domain/words/catalogue';

const m = defineMessages({
  vi: {
    member: 'Thành viên {n}',
    addMember: 'Thêm thành viên',
    remove: 'Bỏ thành viên {n}',
    noDevice: 'Không có phương tiện nào',
    choose: 'Chọn',
  },
  en: {
    member: 'Member {n}',
    addMember: 'Add a member',
    remove: 'Remove member {n}',
    noDevice: 'None of these',
    choose: 'Choose',
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
}

const NONE = '__none__';

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
          comboboxProps={{ withinPortal: true }}
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
      // Unanswered until something is ticked; "none of these" is the answer "an empty list".
      const list = Array.isArray(v) ? (v as string[]) : undefined;
      const ticked = list === undefined ? [] : list.length === 0 ? [NONE] : list;
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
            <Checkbox value={NONE} label={t.noDevice} size="md" disabled={disabled} />
          </Stack>
        </Checkbox.Group>
      );
    }
  }
}

/** Controls on a tablet: one column below 48em, two beside each other above it. */
function Grid({ children }: { children: React.ReactNode }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="lg">
      {children}
    </SimpleGrid>
  );
}

export function SurveyFields(props: SurveyFieldsProps) {
  const { lang } = useLang();
  const t = useMessages(m);
  const { value: survey, onChange, errors } = props;
  const members = Array.isArray(survey.members) ? (survey.members as Survey[]) : [];
  return (
    <Stack gap="lg">
      {FORM_SECTIONS.map((section) => (
        <Card key={section.id} withBorder component="section" aria-labelledby={`survey-${section.id}`}>
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
      ))}
    </Stack>
  );
}
