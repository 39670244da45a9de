// Đơn vị hành chính: look a code up on a date. Units are periodised — a code names different
// units before and after 01/07/2025 — so the answer shows the unit in force on that date, the
// units it came from and the units it went to, each a link to that unit on its own dates.
import { useEffect, useState, type FormEvent } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useUnit, unitNotFoundData } from '../../api/units';
import type { UnitDetail } from '../../api/types';
import { DateField } from '../../components/DateField';
import { ErrorPanel, useErrorText } from '../../components/ErrorPanel';
import { formatDateVn, isIsoDate, todayVn } from '../../format';
import { wordOfUnitType } from '../../../../domain/words/catalogue';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { common } from '../../i18n/common';
import { usePageTitle } from '../../layout/usePageTitle';

const m = defineMessages({
  vi: {
    title: 'Đơn vị hành chính',
    lead: 'Tra cứu một mã đơn vị tại một ngày. Sau ngày 01/07/2025 nhiều mã được dùng lại cho đơn vị khác, nên luôn cần ngày.',
    code: 'Mã đơn vị',
    codeHint: '2 chữ số (tỉnh), 3 chữ số (huyện) hoặc 5 chữ số (xã), ví dụ 16516',
    codeInvalid: 'Mã đơn vị gồm 2 đến 5 chữ số.',
    on: 'Tại ngày',
    dateRequired: 'Chọn hoặc nhập ngày dạng dd/mm/yyyy.',
    submit: 'Tra cứu',
    predecessors: 'Đơn vị tiền thân',
    predecessorsNone: 'Không có đơn vị tiền thân được ghi nhận.',
    successors: 'Đơn vị kế thừa',
    successorsNone: 'Đơn vị còn hiệu lực, chưa có đơn vị kế thừa.',
    until: 'Đến ngày',
    from: 'Từ ngày',
    versions: 'Mã {code} đã được dùng cho',
    wentTo: 'Mã này đã chuyển sang',
    parentOf: 'Đơn vị cấp trên',
    level: 'Cấp',
    examples: 'Ví dụ:',
    fromTo: 'từ {from} đến {to}',
    untilDate: 'đến {to}',
    now: 'nay',
  },
  en: {
    title: 'Administrative units',
    lead: 'Look a unit code up on a date. After 01/07/2025 many codes were reused for other units, so a date is always needed.',
    code: 'Unit code',
    codeHint: '2 digits (province), 3 (district) or 5 (commune), e.g. 16516',
    codeInvalid: 'A unit code has 2 to 5 digits.',
    on: 'On date',
    dateRequired: 'Pick or type a date as dd/mm/yyyy.',
    submit: 'Look up',
    predecessors: 'Predecessor units',
    predecessorsNone: 'No predecessor unit is recorded.',
    successors: 'Successor units',
    successorsNone: 'The unit is still in force; it has no successor.',
    until: 'Until',
    from: 'From',
    versions: 'The code {code} has named',
    wentTo: 'This code went to',
    parentOf: 'Parent unit',
    level: 'Level',
    examples: 'Examples:',
    fromTo: 'from {from} until {to}',
    untilDate: 'until {to}',
    now: 'now',
  },
});

const CODE = /^[0-9]{2,5}$/;

function Detail({ unit, on }: { unit: UnitDetail; on: string }) {
  const t = useMessages(m);
  const c = useMessages(common);
  const { lang } = useLang();
  const parent = useUnit(unit.parentCode, on);
  const rows: [string, React.ReactNode][] = [
    [c.code, <span className="gn-code">{unit.code}</span>],
    [c.type, wordOfUnitType(unit.type, lang)],
    [t.level, c[unit.level]],
    [c.area, unit.area ? c[unit.area] : c.none],
    [
      t.parentOf,
      unit.parentCode ? (
        <Anchor component={Link} to={`/units?code=${unit.parentCode}&on=${on}`}>
          {parent.data ? `${parent.data.name} (${unit.parentCode})` : unit.parentCode}
        </Anchor>
      ) : (
        c.none
      ),
    ],
    [c.validFrom, unit.validFrom ? formatDateVn(unit.validFrom) : c.none],
    [c.validTo, unit.validTo ? formatDateVn(unit.validTo) : c.none],
  ];
  return (
    <Stack gap="md" data-testid="unit-detail">
      <Paper p="md">
        <Group gap="xs" mb={6}>
          <Title order={2}>{unit.name}</Title>
          {unit.area ? (
            <Badge variant="light" color={unit.area === 'urban' ? 'indigo' : 'teal'}>
              {c[unit.area]}
            </Badge>
          ) : null}
        </Group>
        <Table variant="vertical" withRowBorders={false} striped={false} highlightOnHover={false} maw={640}>
          <Table.Tbody>
            {rows.map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Th w={180} fw={500} c="dimmed" bg="transparent">
                  {k}
                </Table.Th>
                <Table.Td>{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper p="md">
          <Title order={3} mb="xs">
            {t.predecessors}
          </Title>
          {unit.predecessors.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t.predecessorsNone}
            </Text>
          ) : (
            <Table data-testid="unit-predecessors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{c.code}</Table.Th>
                  <Table.Th>{c.name}</Table.Th>
                  <Table.Th>{t.until}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {unit.predecessors.map((p) => (
                  <Table.Tr key={p.code}>
                    <Table.Td className="gn-code">{p.code}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/units?code=${p.code}&on=${p.validTo}`}>
                        {p.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDateVn(p.validTo)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper p="md">
          <Title order={3} mb="xs">
            {t.successors}
          </Title>
          {unit.successors.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t.successorsNone}
            </Text>
          ) : (
            <Table data-testid="unit-successors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{c.code}</Table.Th>
                  <Table.Th>{c.name}</Table.Th>
                  <Table.Th>{t.from}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {unit.successors.map((s) => (
                  <Table.Tr key={s.code}>
                    <Table.Td className="gn-code">{s.code}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/units?code=${s.code}&on=${s.validFrom}`}>
                        {s.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDateVn(s.validFrom)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function NotFound({ error, code }: { error: unknown; code: string }) {
  const t = useMessages(m);
  const data = unitNotFoundData(error);
  return (
    <Stack gap="sm">
      <ErrorPanel error={error} />
      {data && data.successors.length > 0 ? (
        <Paper p="md">
          <Text fw={600} mb={4}>
            {t.wentTo}
          </Text>
          <List size="sm" data-testid="unit-went-to">
            {data.successors.map((s) => (
              <List.Item key={s.code}>
                <Anchor component={Link} to={`/units?code=${s.code}&on=${s.validFrom}`}>
                  {s.name} ({s.code})
                </Anchor>{' '}
                — {formatDateVn(s.validFrom)}
              </List.Item>
            ))}
          </List>
        </Paper>
      ) : null}
      {data && data.versions.length > 0 ? (
        <Paper p="md">
          <Text fw={600} mb={4}>
            {fill(t.versions, { code })}
          </Text>
          <List size="sm" data-testid="unit-versions">
            {data.versions.map((v) => {
              const date = v.validTo ?? v.validFrom ?? todayVn();
              return (
                <List.Item key={`${v.validFrom}-${v.validTo}`}>
                  <Anchor component={Link} to={`/units?code=${code}&on=${date}`}>
                    {v.name}
                  </Anchor>{' '}
                  {' — '}
                  {v.validFrom
                    ? fill(t.fromTo, {
                        from: formatDateVn(v.validFrom),
                        to: v.validTo ? formatDateVn(v.validTo) : t.now,
                      })
                    : fill(t.untilDate, { to: v.validTo ? formatDateVn(v.validTo) : t.now })}
                </List.Item>
              );
            })}
          </List>
        </Paper>
      ) : null}
    </Stack>
  );
}

export default function UnitLookupPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const qCode = params.get('code') ?? '';
  const qOn = params.get('on') ?? '';
  const asked = CODE.test(qCode) && isIsoDate(qOn);
  const [code, setCode] = useState(qCode);
  const [on, setOn] = useState<string | null>(isIsoDate(qOn) ? qOn : todayVn());
  const [errors, setErrors] = useState<{ code?: string; on?: string }>({});
  const result = useUnit(asked ? qCode : null, asked ? qOn : todayVn());

  // Following a link (predecessor, successor, parent) changes the address: show it in the form.
  useEffect(() => {
    setCode(qCode);
    if (isIsoDate(qOn)) setOn(qOn);
  }, [qCode, qOn]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!CODE.test(code.trim())) next.code = t.codeInvalid;
    if (!on || !isIsoDate(on)) next.on = t.dateRequired;
    setErrors(next);
    if (next.code || next.on) return;
    setParams({ code: code.trim(), on: on! });
  };

  // The API names the field it refuses (code, on): show its message under that field.
  const apiField =
    result.error && 'field' in result.error ? (result.error as { field?: string }).field : undefined;
  const notFound = unitNotFoundData(result.error) !== null;
  const onError = errors.on ?? (apiField === 'on' ? errorText(result.error) : undefined);

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t.title}</Title>
        <Text c="dimmed" size="sm" mt={4} maw={760}>
          {t.lead}
        </Text>
      </div>
      <Paper p="md" component="form" onSubmit={submit} noValidate aria-label={t.title}>
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput
            label={t.code}
            description={t.codeHint}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={errors.code}
            inputMode="numeric"
            maxLength={5}
            w={{ base: '100%', sm: 300 }}
            required
            withAsterisk={false}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          />
          <DateField
            label={t.on}
            description="dd/mm/yyyy"
            value={on}
            onChange={setOn}
            error={onError}
            w={{ base: '100%', sm: 180 }}
            required
            withAsterisk={false}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          />
          <Button type="submit" mt={{ base: 0, sm: 23 }} h={36}>
            {t.submit}
          </Button>
        </Group>
        <Group gap="xs" mt="sm">
          <Text size="xs" c="dimmed">
            {t.examples}
          </Text>
          {[
            { label: '16516 · 07/06/2024', code: '16516', on: '2024-06-07' },
            { label: '16516 · 01/07/2025', code: '16516', on: '2025-07-01' },
            { label: '14830 · 01/07/2025', code: '14830', on: '2025-07-01' },
          ].map((ex) => (
            <Anchor key={ex.label} component={Link} to={`/units?code=${ex.code}&on=${ex.on}`} fz="xs">
              {ex.label}
            </Anchor>
          ))}
        </Group>
      </Paper>
      {!asked ? null : result.isPending ? (
        <Skeleton h={220} />
      ) : result.data ? (
        <Detail unit={result.data} on={qOn} />
      ) : notFound ? (
        <NotFound error={result.error} code={qCode} />
      ) : apiField !== 'on' ? (
        <ErrorPanel error={result.error} onRetry={() => void result.refetch()} />
      ) : null}
    </Stack>
  );
}
