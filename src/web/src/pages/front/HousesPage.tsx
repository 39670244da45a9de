// Nhà Đại đoàn kết: the houses within scope with their stage, dates, costs and what the next
// survey said of the household's housing; the Front moves a house to its next stage. The report
// per unit downloads as XLSX/PDF. On a narrow screen (a tablet held upright, under 62em) the
// table folds into four columns — the household with its place and kind, the stage with its dates,
// the money, the next stage — so nothing scrolls sideways and the button stays in view.
import { useState } from 'react';
import { Anchor, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { useUser } from '../../auth/session';
import { can } from '../../../../domain/access/permissions';
import { wordOfCode } from '../../../../domain/words/catalogue';
import { useHouses, type House } from '../../api/front';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateVn, formatVnd } from '../../format';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { NEXT_STAGE, NewHouseForm, StageForm } from './house-forms';

const m = defineMessages({
  vi: {
    title: 'Nhà Đại đoàn kết',
    lead: 'Nhà xây mới, sửa chữa cho hộ nghèo: các bước đã duyệt, đang xây dựng, đã bàn giao; kết quả về nhà ở ở lần khảo sát kế tiếp.',
    household: 'Hộ',
    commune: 'Xã, phường',
    kind: 'Loại',
    stage: 'Bước',
    dates: 'Duyệt / khởi công / bàn giao',
    estimated: 'Dự toán',
    actual: 'Thực tế',
    outcome: 'Nhà ở sau bàn giao',
    none: 'Chưa có nhà nào trong phạm vi của bạn.',
    next: 'Chuyển bước',
    nextTo: 'Chuyển sang "{stage}"',
    date: 'Ngày',
    actualCost: 'Chi phí thực tế (đồng)',
    xlsx: 'Tải báo cáo theo đơn vị (Excel)',
    pdf: 'Tải báo cáo theo đơn vị (PDF)',
    photos: '{n} ảnh',
    newHouse: 'Duyệt nhà mới',
    stageDates: 'Bước, ngày',
    money: 'Kinh phí',
    approvedOn: 'Duyệt: {date}',
    startedOn: 'Khởi công: {date}',
    handedOverOn: 'Bàn giao: {date}',
    estimatedIs: 'Dự toán: {amount}',
    actualIs: 'Thực tế: {amount}',
    outcomeIs: 'Nhà ở sau bàn giao: {outcome}',
  },
  en: {
    title: 'Great Solidarity houses',
    lead: 'Houses built or repaired for poor households: approved, under construction, handed over; what the next survey said of their housing.',
    household: 'Household',
    commune: 'Commune or ward',
    kind: 'Kind',
    stage: 'Stage',
    dates: 'Approved / started / handed over',
    estimated: 'Estimated',
    actual: 'Actual',
    outcome: 'Housing after the hand-over',
    none: 'No house within your scope yet.',
    next: 'Next stage',
    nextTo: 'Move to "{stage}"',
    date: 'Date',
    actualCost: 'Actual cost (đồng)',
    xlsx: 'Download the report per unit (Excel)',
    pdf: 'Download the report per unit (PDF)',
    photos: '{n} photos',
    newHouse: 'Approve a house',
    stageDates: 'Stage, dates',
    money: 'Cost',
    approvedOn: 'Approved: {date}',
    startedOn: 'Started: {date}',
    handedOverOn: 'Handed over: {date}',
    estimatedIs: 'Estimated: {amount}',
    actualIs: 'Actual: {amount}',
    outcomeIs: 'Housing after the hand-over: {outcome}',
  },
});

export default function HousesPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const user = useUser();
  const houses = useHouses();
  const writer = can(user.role, 'front.write');
  const [open, setOpen] = useState<House | null>(null);
  const [adding, setAdding] = useState(false);
  const d = (v: string | null) => (v ? formatDateVn(v) : '—');
  /** "Chuyển sang …" for a house with a next stage; on a narrow table its words wrap. */
  const nextStageButton = (h: House, wrap: boolean) =>
    NEXT_STAGE[h.stage] ? (
      <Button
        size="xs"
        variant="light"
        onClick={() => setOpen(h)}
        {...(wrap
          ? {
              h: 'auto',
              py: 6,
              styles: { label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.3 } },
            }
          : {})}
      >
        {fill(t.nextTo, { stage: wordOfCode('houseStage', NEXT_STAGE[h.stage], lang) })}
      </Button>
    ) : null;
  // Below the shell's own fold (62em): the four-column table.
  const narrow = useMediaQuery('(max-width: 61.99em)', false, { getInitialValueInEffect: false }) === true;
  return (
    <Stack>
      <Title order={1}>{t.title}</Title>
      <Text c="dimmed">{t.lead}</Text>
      <Group>
        {writer && !adding && <Button onClick={() => setAdding(true)}>{t.newHouse}</Button>}
        <DownloadButton
          href="/api/v1/front/houses/report.xlsx"
          fileName="nha-dai-doan-ket.xlsx"
          variant="default"
        >
          {t.xlsx}
        </DownloadButton>
        <DownloadButton
          href="/api/v1/front/houses/report.pdf"
          fileName="nha-dai-doan-ket.pdf"
          variant="default"
        >
          {t.pdf}
        </DownloadButton>
      </Group>
      {adding && <NewHouseForm onDone={() => setAdding(false)} />}
      {houses.isPending ? (
        <Skeleton h={240} />
      ) : houses.isError ? (
        <ErrorPanel error={houses.error} onRetry={() => void houses.refetch()} />
      ) : houses.data.items.length === 0 ? (
        <Text>{t.none}</Text>
      ) : narrow ? (
        <Table striped withTableBorder aria-label={t.title} verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.household}</Table.Th>
              <Table.Th>{t.stageDates}</Table.Th>
              <Table.Th ta="right">{t.money}</Table.Th>
              {writer && <Table.Th>{t.next}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {houses.data.items.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/front/houses/${h.id}`} fw={600}>
                    {h.headName} <span style={{ whiteSpace: 'nowrap' }}>({h.householdKey})</span>
                  </Anchor>
                  <Text size="sm">
                    {h.communeName}
                    {h.village ? ` – ${h.village}` : ''}
                  </Text>
                  <Text size="sm">{wordOfCode('houseKind', h.kind, lang)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {wordOfCode('houseStage', h.stage, lang)}
                  </Text>
                  <Text size="sm">{fill(t.approvedOn, { date: d(h.approvedOn) })}</Text>
                  {h.startedOn && <Text size="sm">{fill(t.startedOn, { date: d(h.startedOn) })}</Text>}
                  {h.handedOverOn && (
                    <Text size="sm">{fill(t.handedOverOn, { date: d(h.handedOverOn) })}</Text>
                  )}
                  {h.photos.length > 0 && <Text size="sm">{fill(t.photos, { n: h.photos.length })}</Text>}
                  {h.outcome && (
                    <Text size="sm">
                      {fill(t.outcomeIs, { outcome: wordOfCode('housingOutcome', h.outcome, lang) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="gn-num">
                  <Text size="sm">{fill(t.estimatedIs, { amount: formatVnd(h.estimatedCost) })}</Text>
                  {h.actualCost !== null && (
                    <Text size="sm">{fill(t.actualIs, { amount: formatVnd(h.actualCost) })}</Text>
                  )}
                </Table.Td>
                {writer && <Table.Td w={170}>{nextStageButton(h, true)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped withTableBorder aria-label={t.title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.household}</Table.Th>
                <Table.Th>{t.commune}</Table.Th>
                <Table.Th>{t.kind}</Table.Th>
                <Table.Th>{t.stage}</Table.Th>
                <Table.Th>{t.dates}</Table.Th>
                <Table.Th ta="right">{t.estimated}</Table.Th>
                <Table.Th ta="right">{t.actual}</Table.Th>
                <Table.Th>{t.outcome}</Table.Th>
                {writer && <Table.Th>{t.next}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {houses.data.items.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/front/houses/${h.id}`}>
                      {h.headName} <span style={{ whiteSpace: 'nowrap' }}>({h.householdKey})</span>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {h.communeName}
                    {h.village ? ` – ${h.village}` : ''}
                  </Table.Td>
                  <Table.Td>{wordOfCode('houseKind', h.kind, lang)}</Table.Td>
                  <Table.Td>{wordOfCode('houseStage', h.stage, lang)}</Table.Td>
                  <Table.Td>
                    {d(h.approvedOn)} / {d(h.startedOn)} / {d(h.handedOverOn)}
                    {h.photos.length > 0 ? ` · ${fill(t.photos, { n: h.photos.length })}` : ''}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {formatVnd(h.estimatedCost)}
                  </Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {h.actualCost === null ? '—' : formatVnd(h.actualCost)}
                  </Table.Td>
                  <Table.Td>{h.outcome ? wordOfCode('housingOutcome', h.outcome, lang) : '—'}</Table.Td>
                  {writer && <Table.Td>{nextStageButton(h, false)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {open && <StageForm house={open} onDone={() => setOpen(null)} />}
    </Stack>
  );
}
