// Báo cáo: the year's balance of the recognised poor and near-poor lists per unit and its child
// units (start − exited + new + returned + moved in − moved out = end), with the end's ratio to the
// resident households, downloadable as the official XLSX and PDF (written by the server). For
// officers, every figure that a household-list filter can show links to that list.
import { useState } from 'react';
import { Anchor, Group, NumberInput, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useUser } from '../../auth/session';
import { useBalance, type BalanceTerms } from '../../api/reports';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorPanel } from '../../components/ErrorPanel';
import { UnitSearch, scopeWithin } from '../../components/UnitSearch';
import { formatCount, formatPercent } from '../../format';
import { defineMessages, useBilingual, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { WORDS } from '../../../../domain/words/catalogue';
import { ReportTabs } from './ReportTabs';

const m = defineMessages({
  vi: {
    title: 'Báo cáo diễn biến hộ nghèo, hộ cận nghèo',
    lead: 'Cân đối trong năm của danh sách đã công nhận: cuối kỳ = đầu kỳ − thoát + phát sinh + tái + chuyển đến − chuyển đi.',
    unit: 'Đơn vị',
    chooseUnit: 'Chọn đơn vị để xem báo cáo.',
    period: 'Kỳ rà soát',
    name: 'Đơn vị',
    residents: 'Tổng số hộ dân cư',
    poor: 'Hộ nghèo',
    nearPoor: 'Hộ cận nghèo',
    ratio: 'Tỷ lệ cuối kỳ',
    total: 'Tổng cộng',
    noResidents: 'chưa có số hộ dân cư',
    xlsx: 'Tải Excel',
    pdf: 'Tải PDF',
    empty: 'Không có đơn vị nào.',
  },
  en: {
    title: 'Poor and near-poor households over the year',
    lead: 'The year’s balance of the recognised lists: end = start − exited + new + returned + moved in − moved out.',
    unit: 'Unit',
    chooseUnit: 'Choose a unit to see its report.',
    period: 'Review period',
    name: 'Unit',
    residents: 'Resident households',
    poor: 'Poor households',
    nearPoor: 'Near-poor households',
    ratio: 'End ratio',
    total: 'Total',
    noResidents: 'no resident-household figure yet',
    xlsx: 'Download Excel',
    pdf: 'Download PDF',
    empty: 'No unit.',
  },
});

const TERMS = Object.keys(WORDS.balanceTerm) as (keyof BalanceTerms)[];
const OFFICERS = ['province-officer', 'commune-officer', 'admin'];
/** The household-list filter showing the households behind a term (where the list can). */
const LIST_FILTER: Record<'poor' | 'nearPoor', Partial<Record<keyof BalanceTerms, (p: number) => string>>> = {
  poor: {
    start: (p) => `period=${p - 1}&class=POOR`,
    end: (p) => `period=${p}&class=POOR`,
    exited: (p) => `period=${p}&movement=thoat-ngheo`,
    new: (p) => `period=${p}&movement=ngheo-phat-sinh`,
    returned: (p) => `period=${p}&movement=tai-ngheo`,
  },
  nearPoor: {
    start: (p) => `period=${p - 1}&class=NEAR_POOR`,
    end: (p) => `period=${p}&class=NEAR_POOR`,
    exited: (p) => `period=${p}&movement=thoat-can-ngheo`,
    new: (p) => `period=${p}&movement=can-ngheo-phat-sinh`,
    returned: (p) => `period=${p}&movement=tai-can-ngheo`,
  },
};

export default function BalancePage() {
  const t = useMessages(m);
  const b = useBilingual();
  usePageTitle(t.title);
  const user = useUser();
  // The account's own unit; a national account chooses one (no unit is a default for everyone).
  const [unit, setUnit] = useState(user.unitCode ?? '');
  const [period, setPeriod] = useState<number>(2024);
  const balance = useBalance(unit, period);
  const officer = OFFICERS.includes(user.role);
  const query = new URLSearchParams({ unit, period: String(period) }).toString();

  const figure = (n: number, code: string, cls: 'poor' | 'nearPoor', term: keyof BalanceTerms) => {
    const filter = LIST_FILTER[cls][term];
    const text = formatCount(n);
    if (!officer || !filter || code.length !== 5 || n === 0) return text;
    return (
      <Anchor component={Link} to={`/registry?unit=${code}&${filter(period)}`}>
        {text}
      </Anchor>
    );
  };
  const ratio = (n: number, residents: number | null) =>
    residents === null || residents <= 0 ? (
      <Text span size="xs" c="dimmed">
        {t.noResidents}
      </Text>
    ) : (
      formatPercent(n / residents)
    );
  const cells = (code: string, residents: number | null, poor: BalanceTerms, near: BalanceTerms) => (
    <>
      <Table.Td ta="right">{residents === null ? '—' : formatCount(residents)}</Table.Td>
      {TERMS.map((k) => (
        <Table.Td key={`p-${k}`} ta="right">
          {figure(poor[k], code, 'poor', k)}
        </Table.Td>
      ))}
      <Table.Td ta="right">{ratio(poor.end, residents)}</Table.Td>
      {TERMS.map((k) => (
        <Table.Td key={`n-${k}`} ta="right">
          {figure(near[k], code, 'nearPoor', k)}
        </Table.Td>
      ))}
      <Table.Td ta="right">{ratio(near.end, residents)}</Table.Td>
    </>
  );

  return (
    <Stack>
      <ReportTabs />
      <Title order={1}>{t.title}</Title>
      <Text c="dimmed">{t.lead}</Text>
      <Group align="end" wrap="wrap">
        <UnitSearch
          label={t.unit}
          value={unit}
          // Units as they stood at the end of the review's year.
          on={`${period}-12-31`}
          within={scopeWithin(user.unitCode)}
          onChange={(code) => {
            if (code) setUnit(code);
          }}
          w={460}
          data-testid="report-unit"
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
          href={`/api/v1/reports/balance.xlsx?${query}`}
          fileName="can-doi.xlsx"
          variant="default"
        >
          {t.xlsx}
        </DownloadButton>
        <DownloadButton
          href={`/api/v1/reports/balance.pdf?${query}`}
          fileName="can-doi.pdf"
          variant="default"
        >
          {t.pdf}
        </DownloadButton>
      </Group>
      {unit === '' ? (
        <Text>{t.chooseUnit}</Text>
      ) : balance.isPending ? (
        <Skeleton h={240} />
      ) : balance.isError ? (
        <ErrorPanel error={balance.error} onRetry={() => void balance.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={1100}>
          <Table striped withTableBorder withColumnBorders aria-label={t.title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th rowSpan={2}>{t.name}</Table.Th>
                <Table.Th rowSpan={2}>{t.residents}</Table.Th>
                <Table.Th colSpan={8} ta="center">
                  {t.poor}
                </Table.Th>
                <Table.Th colSpan={8} ta="center">
                  {t.nearPoor}
                </Table.Th>
              </Table.Tr>
              <Table.Tr>
                {[0, 1].flatMap((g) => [
                  ...TERMS.map((k) => <Table.Th key={`${g}-${k}`}>{b(WORDS.balanceTerm[k])}</Table.Th>),
                  <Table.Th key={`${g}-ratio`}>{t.ratio}</Table.Th>,
                ])}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {balance.data.rows.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={18}>{t.empty}</Table.Td>
                </Table.Tr>
              ) : (
                balance.data.rows.map((r) => (
                  <Table.Tr key={r.unit.code}>
                    <Table.Td>{r.unit.name}</Table.Td>
                    {cells(r.unit.code, r.residentHouseholds, r.poor, r.nearPoor)}
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Td>{t.total}</Table.Td>
                {cells(
                  balance.data.unit.code,
                  balance.data.total.residentHouseholds,
                  balance.data.total.poor,
                  balance.data.total.nearPoor,
                )}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
