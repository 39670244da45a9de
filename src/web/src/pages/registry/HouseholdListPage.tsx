// Hộ gia đình: the registry of a commune (or a district/province for their officers) with filters
// by village, class and movement, an accent-insensitive search, and pages of 25.
import { useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { CLASSES, MOVEMENTS, useHouseholds } from '../../api/registry';
import { useVillages } from '../../api/villages';
import { useUser } from '../../auth/session';
import { can } from '../../../../domain/access/permissions';
import { UnitSearch, scopeWithin } from '../../components/UnitSearch';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateVn } from '../../format';
import { defineMessages, fill, useBilingual, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { CLASS_COLORS, CLASS_LABELS, MOVEMENT_LABELS } from './labels';

const m = defineMessages({
  vi: {
    title: 'Hộ gia đình',
    unit: 'Đơn vị',
    period: 'Kỳ rà soát',
    village: 'Thôn / tổ dân phố',
    all: 'Tất cả',
    class: 'Phân loại',
    movement: 'Biến động',
    search: 'Tìm theo tên, mã hộ, địa chỉ (gõ không dấu được)',
    total: '{n} hộ',
    id: 'Mã hộ',
    head: 'Chủ hộ',
    birth: 'Ngày sinh',
    members: 'Nhân khẩu',
    deprivations: 'Thiếu hụt',
    noLabour: 'Không có khả năng lao động',
    none: 'Không có hộ nào phù hợp.',
    add: 'Nhập phiếu khảo sát',
    import: 'Nhập từ tệp',
    export: 'Xuất Excel (theo bộ lọc)',
  },
  en: {
    title: 'Households',
    unit: 'Unit',
    period: 'Review period',
    village: 'Village',
    all: 'All',
    class: 'Class',
    movement: 'Movement',
    search: 'Search by name, household id, address (accents optional)',
    total: '{n} households',
    id: 'Household id',
    head: 'Head',
    birth: 'Born',
    members: 'Members',
    deprivations: 'Deprivations',
    noLabour: 'No labour capacity',
    none: 'No household matches.',
    add: 'Enter a survey',
    import: 'Import a file',
    export: 'Export to Excel (with these filters)',
  },
});

export default function HouseholdListPage() {
  const t = useMessages(m);
  const b = useBilingual();
  usePageTitle(t.title);
  const user = useUser();
  // A link (e.g. a figure of the Reports screen) may set the first filters: ?unit=&period=&class=&movement=
  const [params] = useSearchParams();
  const [unit, setUnit] = useState(
    params.get('unit') ?? (user.unitCode && user.unitCode.length === 5 ? user.unitCode : '14830'),
  );
  const [period, setPeriod] = useState<number>(Number(params.get('period')) || 2024);
  const [village, setVillage] = useState<string | null>(null);
  const [cls, setCls] = useState<string | null>(params.get('class'));
  const [movement, setMovement] = useState<string | null>(params.get('movement'));
  const [q, setQ] = useState('');
  // The list is asked for once the officer pauses typing, not at every keystroke: each answer
  // that shows households is a line of the access record (decision 0038).
  const [searched] = useDebouncedValue(q.trim(), 400);
  const [page, setPage] = useState(1);
  const villages = useVillages(unit, `${period}-10-15`);
  const list = useHouseholds({
    unit,
    period,
    page,
    pageSize: 25,
    ...(village ? { village: Number(village) } : {}),
    ...(cls ? { class: cls } : {}),
    ...(movement ? { movement } : {}),
    ...(searched ? { q: searched } : {}),
  });
  // The export takes the same filters as the list (every page, not only this one).
  const exportQuery = new URLSearchParams({
    unit,
    period: String(period),
    ...(village ? { village } : {}),
    ...(cls ? { class: cls } : {}),
    ...(movement ? { movement } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
  });
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t.title}</Title>
        <Group>
          {can(user.role, 'registry.write') ? (
            <>
              <Button component={Link} to="/registry/survey" variant="light">
                {t.add}
              </Button>
              <Button component={Link} to="/registry/import" variant="default">
                {t.import}
              </Button>
            </>
          ) : null}
          <Button
            component="a"
            href={`/api/v1/registry/households/export.xlsx?${exportQuery.toString()}`}
            download
            variant="default"
          >
            {t.export}
          </Button>
        </Group>
      </Group>
      <Group align="end" wrap="wrap">
        <UnitSearch
          label={t.unit}
          value={unit}
          within={scopeWithin(user.unitCode)}
          onChange={(code) => code && reset(setUnit)(code)}
          data-testid="unit-filter"
        />
        <NumberInput
          label={t.period}
          value={period}
          onChange={(v) => reset(setPeriod)(Number(v) || 2024)}
          min={2022}
          max={2030}
          w={110}
        />
        <Select
          label={t.village}
          placeholder={t.all}
          clearable
          data={(villages.data ?? []).map((v) => ({ value: String(v.id), label: v.name }))}
          value={village}
          onChange={reset(setVillage)}
          w={180}
        />
        <Select
          label={t.class}
          placeholder={t.all}
          clearable
          data={CLASSES.map((c) => ({ value: c, label: b(CLASS_LABELS[c]!) }))}
          value={cls}
          onChange={reset(setCls)}
          w={200}
        />
        <Select
          label={t.movement}
          placeholder={t.all}
          clearable
          data={MOVEMENTS.map((c) => ({ value: c, label: b(MOVEMENT_LABELS[c]!) }))}
          value={movement}
          onChange={reset(setMovement)}
          w={200}
        />
        <TextInput
          label={t.search}
          value={q}
          onChange={(e) => reset(setQ)(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 240 }}
          type="search"
        />
      </Group>
      {list.error ? <ErrorPanel error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <Text c="dimmed">
            {fill(t.total, {
              n: `${list.data.total.toLocaleString('vi-VN')}${list.data.totalCapped ? '+' : ''}`,
            })}
          </Text>
          <Table striped highlightOnHover stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.id}</Table.Th>
                <Table.Th>{t.head}</Table.Th>
                <Table.Th>{t.birth}</Table.Th>
                <Table.Th ta="right">{t.members}</Table.Th>
                <Table.Th>{t.class}</Table.Th>
                <Table.Th ta="right">{t.deprivations}</Table.Th>
                <Table.Th>{t.movement}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((h) => (
                <Table.Tr key={h.householdId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/registry/households/${encodeURIComponent(h.householdId)}`}>
                      {h.householdId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {h.headName}
                    {h.noLabourCapacity &&
                    (h.classification === 'POOR' || h.classification === 'NEAR_POOR') ? (
                      <Badge ml="xs" size="xs" variant="outline">
                        {t.noLabour}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{h.headBirthDate ? formatDateVn(h.headBirthDate) : '—'}</Table.Td>
                  <Table.Td ta="right">{h.memberCount}</Table.Td>
                  <Table.Td>
                    {h.classification ? (
                      <Badge color={CLASS_COLORS[h.classification]}>
                        {b(CLASS_LABELS[h.classification]!)}
                      </Badge>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{h.deprivationCount ?? '—'}</Table.Td>
                  <Table.Td>
                    {h.movement ? b(MOVEMENT_LABELS[h.movement] ?? { vi: h.movement, en: h.movement }) : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.data.items.length === 0 ? <Text>{t.none}</Text> : null}
          <Pagination
            total={Math.max(1, Math.ceil(list.data.total / list.data.pageSize))}
            value={page}
            onChange={setPage}
          />
        </>
      ) : null}
    </Stack>
  );
}
