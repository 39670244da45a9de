// Báo cáo › Biểu Phụ lục VII: the recognised poor and near-poor households of a unit and its child
// units over the resident households — by urban/rural area, ethnic-minority households, household
// group, and per deprivation indicator — one table at a time, each downloadable as the official
// XLSX and PDF (written by the server). Every word comes from the catalogue; a rate without resident
// households says so.
import { useState, type ReactNode } from 'react';
import {
  Group,
  NumberInput,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useUser } from '../../auth/session';
import { useAnnex7, type Annex7, type Annex7Figures } from '../../api/reports';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatCount, formatPercent } from '../../format';
import { defineMessages, useBilingual, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { WORDS } from '../../../../domain/words/catalogue';
import { ANNEX7_GROUPS, ANNEX7_TABLES, type Annex7Table } from '../../../../domain/reports/annex7';
import { INDICATOR_KEYS } from '../../../../domain/standards/standard';
import { ReportTabs } from './ReportTabs';

const m = defineMessages({
  vi: {
    title: 'Biểu Phụ lục VII: hộ nghèo, hộ cận nghèo',
    lead: 'Số hộ đã được công nhận và tỷ lệ trên tổng số hộ dân cư. Bố cục theo mặc định: các cột của mẫu biểu chính thức chưa được xác nhận.',
    unit: 'Mã đơn vị',
    period: 'Kỳ rà soát',
    table: 'Biểu',
    name: 'Đơn vị',
    residents: 'Tổng số hộ dân cư',
    poor: 'Hộ nghèo',
    nearPoor: 'Hộ cận nghèo',
    households: 'Số hộ',
    rate: 'Tỷ lệ',
    ofWhich: 'Trong đó DTTS',
    deprived: 'Số hộ thiếu hụt',
    share: 'Tỷ lệ trong nhóm',
    indicator: 'Chỉ số thiếu hụt',
    total: 'Tổng cộng',
    noResidents: 'chưa có số hộ dân cư',
    xlsx: 'Tải Excel',
    pdf: 'Tải PDF',
  },
  en: {
    title: 'Annex VII tables: poor and near-poor households',
    lead: 'Recognised households and their rate over the resident households. Default layout: the official templates’ columns are not confirmed.',
    unit: 'Unit code',
    period: 'Review period',
    table: 'Table',
    name: 'Unit',
    residents: 'Resident households',
    poor: 'Poor households',
    nearPoor: 'Near-poor households',
    households: 'Households',
    rate: 'Rate',
    ofWhich: 'Of which ethnic minority',
    deprived: 'Deprived households',
    share: 'Share of the class',
    indicator: 'Deprivation indicator',
    total: 'Total',
    noResidents: 'no resident-household figure yet',
    xlsx: 'Download Excel',
    pdf: 'Download PDF',
  },
});

type Line = { key: string; label: string; f: Annex7Figures; bold: boolean };

export default function Annex7Page() {
  const t = useMessages(m);
  const b = useBilingual();
  usePageTitle(t.title);
  const user = useUser();
  const [unit, setUnit] = useState(user.unitCode ?? '382');
  const [period, setPeriod] = useState<number>(2024);
  const [table, setTable] = useState<Annex7Table>('area');
  const annex = useAnnex7(unit, period);
  const query = new URLSearchParams({ unit, period: String(period), table }).toString();

  const rate = (n: number, of: number | null) =>
    of === null || of <= 0 ? (
      <Text span size="xs" c="dimmed">
        {t.noResidents}
      </Text>
    ) : (
      formatPercent(n / of)
    );
  const share = (n: number, of: number) => (of > 0 ? formatPercent(n / of) : '—');
  const num = (n: number): ReactNode => formatCount(n);

  const lines = (a: Annex7): Line[] => [
    ...a.areas.map((x) => ({ key: `area-${x.area}`, label: b(WORDS.annex7Area[x.area]), f: x, bold: true })),
    ...a.rows.map((r) => ({ key: r.unit.code, label: `${r.unit.name} (${r.unit.code})`, f: r, bold: false })),
    { key: 'total', label: t.total, f: a.total, bold: true },
  ];

  /** The columns of a unit table after the unit and its resident households. */
  const unitColumns: Record<
    Exclude<Annex7Table, 'deprivation'>,
    { head: string[][]; cells: (f: Annex7Figures) => ReactNode[] }
  > = {
    area: {
      head: [
        [t.poor, t.nearPoor],
        [t.households, t.rate, t.households, t.rate],
      ],
      cells: (f) => [
        num(f.poor),
        rate(f.poor, f.residentHouseholds),
        num(f.nearPoor),
        rate(f.nearPoor, f.residentHouseholds),
      ],
    },
    ethnic: {
      head: [
        [t.poor, t.nearPoor],
        [t.households, t.ofWhich, t.rate, t.households, t.ofWhich, t.rate],
      ],
      cells: (f) => {
        const e = f.groups['ethnic-minority'] ?? { poor: 0, nearPoor: 0 };
        return [
          num(f.poor),
          num(e.poor),
          rate(e.poor, f.residentHouseholds),
          num(f.nearPoor),
          num(e.nearPoor),
          rate(e.nearPoor, f.residentHouseholds),
        ];
      },
    },
    groups: {
      head: [
        ANNEX7_GROUPS.map((g) => b(WORDS.householdGroup[g])),
        ANNEX7_GROUPS.flatMap(() => [t.poor, t.rate, t.nearPoor, t.rate]),
      ],
      cells: (f) =>
        ANNEX7_GROUPS.flatMap((g) => {
          const x = f.groups[g] ?? { poor: 0, nearPoor: 0 };
          return [
            num(x.poor),
            rate(x.poor, f.residentHouseholds),
            num(x.nearPoor),
            rate(x.nearPoor, f.residentHouseholds),
          ];
        }),
    },
  };

  const unitTable = (a: Annex7, kind: Exclude<Annex7Table, 'deprivation'>) => {
    const spec = unitColumns[kind];
    const [groupHead, subHead] = spec.head as [string[], string[]];
    const span = subHead.length / groupHead.length;
    return (
      <Table.ScrollContainer minWidth={kind === 'groups' ? 1700 : 900}>
        <Table striped withTableBorder withColumnBorders aria-label={b(WORDS.annex7Table[kind])}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2}>{t.name}</Table.Th>
              <Table.Th rowSpan={2}>{t.residents}</Table.Th>
              {groupHead.map((h) => (
                <Table.Th key={h} colSpan={span} ta="center">
                  {h}
                </Table.Th>
              ))}
            </Table.Tr>
            <Table.Tr>
              {subHead.map((h, i) => (
                <Table.Th key={i}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines(a).map((l) => (
              <Table.Tr key={l.key} fw={l.bold ? 700 : undefined}>
                <Table.Td>{l.label}</Table.Td>
                <Table.Td ta="right">
                  {l.f.residentHouseholds === null ? '—' : formatCount(l.f.residentHouseholds)}
                </Table.Td>
                {spec.cells(l.f).map((c, i) => (
                  <Table.Td key={i} ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {c}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  };

  const deprivationTable = (a: Annex7) => {
    const rows = [
      ...INDICATOR_KEYS.map((k) => ({ key: k, label: b(WORDS.indicator[k]), x: a.total.deprivations[k] })),
      { key: 'no-labour', label: b(WORDS.householdGroup['no-labour']), x: a.total.groups['no-labour'] },
    ];
    return (
      <Table striped withTableBorder withColumnBorders aria-label={b(WORDS.annex7Table.deprivation)}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th rowSpan={2}>{t.indicator}</Table.Th>
            <Table.Th colSpan={2} ta="center">
              {t.poor}
            </Table.Th>
            <Table.Th colSpan={2} ta="center">
              {t.nearPoor}
            </Table.Th>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t.deprived}</Table.Th>
            <Table.Th>{t.share}</Table.Th>
            <Table.Th>{t.deprived}</Table.Th>
            <Table.Th>{t.share}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const x = r.x ?? { poor: 0, nearPoor: 0 };
            return (
              <Table.Tr key={r.key}>
                <Table.Td>{r.label}</Table.Td>
                <Table.Td ta="right">{formatCount(x.poor)}</Table.Td>
                <Table.Td ta="right">{share(x.poor, a.total.poor)}</Table.Td>
                <Table.Td ta="right">{formatCount(x.nearPoor)}</Table.Td>
                <Table.Td ta="right">{share(x.nearPoor, a.total.nearPoor)}</Table.Td>
              </Table.Tr>
            );
          })}
          <Table.Tr fw={700}>
            <Table.Td>{t.total}</Table.Td>
            <Table.Td ta="right">{formatCount(a.total.poor)}</Table.Td>
            <Table.Td />
            <Table.Td ta="right">{formatCount(a.total.nearPoor)}</Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tbody>
      </Table>
    );
  };

  return (
    <Stack>
      <ReportTabs />
      <Title order={1}>{t.title}</Title>
      <Text c="dimmed">{t.lead}</Text>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t.unit}
          value={unit}
          onChange={(e) => setUnit(e.currentTarget.value.trim())}
          w={120}
        />
        <NumberInput
          label={t.period}
          value={period}
          min={2021}
          max={2030}
          onChange={(v) => typeof v === 'number' && setPeriod(v)}
          w={120}
        />
        <DownloadButton
          href={`/api/v1/reports/annex7.xlsx?${query}`}
          fileName={`phu-luc-vii-${table}.xlsx`}
          variant="default"
        >
          {t.xlsx}
        </DownloadButton>
        <DownloadButton
          href={`/api/v1/reports/annex7.pdf?${query}`}
          fileName={`phu-luc-vii-${table}.pdf`}
          variant="default"
        >
          {t.pdf}
        </DownloadButton>
      </Group>
      <SegmentedControl
        aria-label={t.table}
        value={table}
        onChange={(v) => setTable(v as Annex7Table)}
        data={ANNEX7_TABLES.map((k) => ({ value: k, label: b(WORDS.annex7Table[k]) }))}
      />
      {annex.isPending ? (
        <Skeleton h={240} />
      ) : annex.isError ? (
        <ErrorPanel error={annex.error} onRetry={() => void annex.refetch()} />
      ) : table === 'deprivation' ? (
        deprivationTable(annex.data)
      ) : (
        unitTable(annex.data, table)
      )}
    </Stack>
  );
}
