// Nhật ký truy cập: who read or exported which household or list (issue 17). The administrator
// sees every unit, a commune officer their own commune (the server applies the scope). Filters by
// household, person, what was read and dates; the selection downloads as Excel or CSV.
import { useState } from 'react';
import { Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { optionsOf, wordOfCode } from '../../../../domain/words/catalogue';
import { DateField } from '../../components/DateField';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatCount, formatDateTimeVn } from '../../format';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';

const m = defineMessages({
  vi: {
    title: 'Nhật ký truy cập dữ liệu cá nhân',
    intro:
      'Ai đã xem hoặc xuất hồ sơ hộ, danh sách hộ, giấy chứng nhận của đơn vị, qua đâu và khi nào. Nhật ký này tách khỏi lịch sử thay đổi.',
    household: 'Mã hộ',
    actor: 'Người truy cập (tên đăng nhập)',
    action: 'Việc',
    any: 'Tất cả',
    from: 'Từ ngày',
    to: 'Đến ngày',
    at: 'Thời điểm',
    role: 'Vai trò',
    unit: 'Đơn vị',
    what: 'Hộ hoặc danh sách',
    channel: 'Qua',
    web: 'Ứng dụng, API',
    cli: 'Dòng lệnh',
    households: '{n} hộ',
    total: '{n} lượt truy cập',
    none: 'Không có lượt truy cập nào khớp bộ lọc.',
    more: 'Xem các lượt cũ hơn',
    first: 'Về các lượt mới nhất',
    xlsx: 'Tải Excel',
    csv: 'Tải CSV',
  },
  en: {
    title: 'Personal data access record',
    intro:
      'Who read or exported a household page, a household list or certificates of the unit, through what and when. Kept apart from the change history.',
    household: 'Household ID',
    actor: 'Accessed by (username)',
    action: 'What',
    any: 'All',
    from: 'From',
    to: 'To',
    at: 'When',
    role: 'Role',
    unit: 'Unit',
    what: 'Household or list',
    channel: 'Through',
    web: 'Web app, API',
    cli: 'Command line',
    households: '{n} households',
    total: '{n} accesses',
    none: 'No access matches the filters.',
    more: 'Older accesses',
    first: 'Back to the newest',
    xlsx: 'Download Excel',
    csv: 'Download CSV',
  },
});

interface AccessItem {
  id: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  actionWord: { vi: string; en: string };
  route: string;
  unitCode: string | null;
  householdId: string | null;
  households: number;
}

export default function AccessLogPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const [household, setHousehold] = useState('');
  const [actor, setActor] = useState('');
  const [action, setAction] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [before, setBefore] = useState<number | undefined>(undefined);
  const filter: Record<string, string> = {
    ...(household.trim() ? { household: household.trim() } : {}),
    ...(actor.trim() ? { actor: actor.trim() } : {}),
    ...(action ? { action } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const q = useQuery({
    queryKey: ['access-log', filter, before],
    queryFn: ({ signal }) =>
      api.get<{ total: number; items: AccessItem[]; next: number | null }>(
        '/access-log',
        { ...filter, ...(before ? { before: String(before) } : {}) },
        signal,
      ),
    placeholderData: (prev) => prev,
  });
  const search = new URLSearchParams(filter).toString();
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setBefore(undefined);
      set(v);
    };
  return (
    <Stack>
      <Title order={1}>{t.title}</Title>
      <Text c="dimmed">{t.intro}</Text>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t.household}
          value={household}
          onChange={(e) => changed(setHousehold)(e.currentTarget.value)}
          w={140}
        />
        <TextInput
          label={t.actor}
          value={actor}
          onChange={(e) => changed(setActor)(e.currentTarget.value)}
          w={220}
        />
        <Select
          label={t.action}
          placeholder={t.any}
          clearable
          data={optionsOf('accessAction', lang)}
          value={action}
          onChange={changed(setAction)}
          w={300}
        />
        <DateField label={t.from} value={from} onChange={changed(setFrom)} w={140} />
        <DateField label={t.to} value={to} onChange={changed(setTo)} w={140} />
      </Group>
      <Group>
        <DownloadButton
          variant="default"
          href={`/api/v1/access-log/export?${search}&format=xlsx`}
          fileName="nhat-ky-truy-cap.xlsx"
        >
          {t.xlsx}
        </DownloadButton>
        <DownloadButton
          variant="default"
          href={`/api/v1/access-log/export?${search}&format=csv`}
          fileName="nhat-ky-truy-cap.csv"
        >
          {t.csv}
        </DownloadButton>
      </Group>
      {q.error ? <ErrorPanel error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <>
          <Text>{fill(t.total, { n: formatCount(q.data.total) })}</Text>
          {q.data.items.length === 0 ? (
            <Text>{t.none}</Text>
          ) : (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.at}</Table.Th>
                  <Table.Th>{t.actor}</Table.Th>
                  <Table.Th>{t.role}</Table.Th>
                  <Table.Th>{t.action}</Table.Th>
                  <Table.Th>{t.unit}</Table.Th>
                  <Table.Th>{t.what}</Table.Th>
                  <Table.Th>{t.channel}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td className="gn-num">{formatDateTimeVn(i.at)}</Table.Td>
                    <Table.Td>{i.actor}</Table.Td>
                    <Table.Td>{i.role ? wordOfCode('role', i.role, lang) : t.cli}</Table.Td>
                    <Table.Td>{i.actionWord[lang]}</Table.Td>
                    <Table.Td className="gn-num">{i.unitCode ?? '—'}</Table.Td>
                    <Table.Td>
                      {i.householdId ?? fill(t.households, { n: formatCount(i.households) })}
                    </Table.Td>
                    <Table.Td>{i.route.startsWith('cli') ? t.cli : t.web}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group>
            {before !== undefined ? (
              <Button variant="subtle" onClick={() => setBefore(undefined)}>
                {t.first}
              </Button>
            ) : null}
            {q.data.next !== null ? (
              <Button variant="default" onClick={() => setBefore(q.data.next ?? undefined)}>
                {t.more}
              </Button>
            ) : null}
          </Group>
        </>
      ) : null}
    </Stack>
  );
}
