// The projects suggested for one household of the registry, ranked, with the reasons the rules give.
import { useState } from 'react';
import { Badge, Group, List, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useHouseholdMatch } from '../../api/finance';
import { ErrorPanel } from '../../components/ErrorPanel';
import { UnitName } from '../../components/UnitSearch';
import { wordOfCode } from '../../../../domain/words/catalogue';
import { defineMessages, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';

const m = defineMessages({
  vi: {
    title: 'Dự án phù hợp với hộ',
    key: 'Mã hộ',
    period: 'Năm rà soát',
    suggested: 'Gợi ý (xếp theo mức phù hợp)',
    none: 'Không có gợi ý.',
    eligible: 'Được thụ hưởng',
    excluded: 'Không phù hợp',
  },
  en: {
    title: 'Projects that fit the household',
    key: 'Household id',
    period: 'Review year',
    suggested: 'Suggestions (best first)',
    none: 'No suggestion.',
    eligible: 'Eligible for',
    excluded: 'Not suitable',
  },
});

export default function HouseholdProjectsPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const [params, setParams] = useSearchParams();
  const [key, setKey] = useState(params.get('household') ?? '');
  // Without a period in the address the server answers from the household's newest result.
  const asked = params.get('period');
  const q = useHouseholdMatch(params.get('household') ?? '', asked ? Number(asked) : undefined);
  const r = q.data;
  const period = asked ? Number(asked) : (r?.period ?? null);
  return (
    <Stack gap="md">
      <Title order={1}>{t.title}</Title>
      <Group
        align="flex-end"
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ household: key }, { replace: true });
        }}
      >
        <TextInput label={t.key} value={key} onChange={(e) => setKey(e.currentTarget.value.trim())} />
        <NumberInput
          label={t.period}
          value={period ?? ''}
          w={110}
          onChange={(v) =>
            typeof v === 'number' && setParams({ household: key, period: String(v) }, { replace: true })
          }
        />
      </Group>
      {q.error ? <ErrorPanel error={q.error} /> : null}
      {r ? (
        <>
          <Text>
            {r.headName} · <UnitName code={r.unitCode} /> ·{' '}
            {wordOfCode('classification', r.classification, lang)}
          </Text>
          <Title order={2}>{t.suggested}</Title>
          {r.suggestions.length === 0 ? <Text>{t.none}</Text> : null}
          {r.suggestions.map((s, i) => (
            <Paper p="md" key={s.code} data-testid="suggestion">
              <Group gap="xs">
                <Badge>{i + 1}</Badge>
                <Text fw={600}>
                  <span className="gn-code">{s.code === 'social-protection' ? '' : s.code}</span>{' '}
                  {lang === 'en' ? s.nameEn : s.name}
                </Text>
              </Group>
              <List size="sm" mt={4}>
                {s.reasons.map((x) => (
                  <List.Item key={x.ruleId}>{lang === 'en' ? x.en : x.vi}</List.Item>
                ))}
              </List>
            </Paper>
          ))}
          <Text size="sm">
            {t.eligible}: {r.eligible.join(', ') || '—'}
          </Text>
          {r.excluded.length > 0 ? (
            <Text size="sm">
              {t.excluded}: {r.excluded.map((e) => e.code).join(', ')} (
              {lang === 'en' ? r.excluded[0]!.reasons[0]?.en : r.excluded[0]!.reasons[0]?.vi})
            </Text>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
