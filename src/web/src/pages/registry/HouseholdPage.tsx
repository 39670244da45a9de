// Hồ sơ hộ: members, the result of each review period with the explanation of each deprivation,
// what the offline survey recorded at the door (the house photo, the position), and the history
// of changes (who, when, before → after).
import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Image,
  List,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useHousehold, type FieldChange, type HouseholdPage as Page } from '../../api/registry';
import { wordOfCode } from '../../../../domain/words/catalogue';
import { useUser } from '../../auth/session';
import { ErrorPanel } from '../../components/ErrorPanel';
import { DownloadButton } from '../../components/DownloadButton';
import { formatDateTimeVn, formatDateVn, formatNumber, formatVnd } from '../../format';
import { defineMessages, fill, useBilingual, useLang, useMessages, type Lang } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { CLASS_COLORS, CLASS_LABELS, MOVEMENT_LABELS } from './labels';
// Who may print certificates (they name every member): the same rule as the server.
import { can } from '../../../../domain/access/permissions';

const m = defineMessages({
  vi: {
    title: 'Hộ {id}',
    head: 'Chủ hộ',
    address: 'Địa chỉ',
    village: 'Thôn',
    version: 'Phiên bản',
    members: 'Thành viên',
    name: 'Họ tên',
    birth: 'Ngày sinh',
    sex: 'Giới',
    relation: 'Quan hệ',
    idNumber: 'Số định danh',
    results: 'Kết quả rà soát theo kỳ',
    period: 'Kỳ {p}',
    surveyed: 'Điều tra ngày {d}, theo chuẩn nghèo {s}, chuẩn thu nhập {line}',
    noDeprivation: 'Không thiếu hụt chỉ số nào.',
    frozen: 'Đã công nhận, khóa',
    draft: 'Dự thảo',
    approved: 'Đã duyệt',
    noLabour: 'Không có khả năng lao động',
    history: 'Lịch sử thay đổi',
    comparedWith: 'Câu trả lời khác so với kỳ {p}:',
    noChange: 'Không thay đổi thông tin nào được theo dõi.',
    noAnswerChange: 'Câu trả lời giống kỳ {p}.',
    recorded: 'ghi nhận',
    edit: 'Sửa phiếu khảo sát',
    back: 'Danh sách hộ',
    certificate: 'Giấy chứng nhận (Mẫu số 03)',
    reportPdf: 'Toàn bộ dữ liệu của hộ (PDF)',
    reportJson: 'Toàn bộ dữ liệu của hộ (JSON)',
    atDoor: 'Ghi nhận tại hộ khi khảo sát',
    atDoorLead: 'Ảnh nhà ở và vị trí do cán bộ ghi trên máy khi khảo sát tại hộ, gửi kèm phiếu.',
    photoAlt: 'Ảnh nhà ở của hộ {id}, gửi lúc {at}',
    openPhoto: 'Bấm vào ảnh để xem cỡ đầy đủ.',
    photoTitle: 'Ảnh nhà ở của hộ {id}',
    photoOriginal: 'Mở ảnh trong thẻ mới',
    noPhoto: 'Không có ảnh nhà ở.',
    sentBy: 'Gửi lúc {at} bởi {by}.',
    sentAt: 'Gửi lúc {at}.',
    position: 'Vị trí: vĩ độ {lat}° {ns}, kinh độ {lon}° {ew}, sai số khoảng {m} m, ghi lúc {at}.',
    positionNoAccuracy: 'Vị trí: vĩ độ {lat}° {ns}, kinh độ {lon}° {ew}, ghi lúc {at}.',
    positionUndated: 'Vị trí: vĩ độ {lat}° {ns}, kinh độ {lon}° {ew}, sai số khoảng {m} m.',
    noPosition: 'Không ghi vị trí.',
    north: 'Bắc',
    south: 'Nam',
    east: 'Đông',
    west: 'Tây',
  },
  en: {
    title: 'Household {id}',
    head: 'Head',
    address: 'Address',
    village: 'Village',
    version: 'Version',
    members: 'Members',
    name: 'Name',
    birth: 'Born',
    sex: 'Sex',
    relation: 'Relation',
    idNumber: 'Citizen ID',
    results: 'Review results by period',
    period: 'Period {p}',
    surveyed: 'Surveyed on {d}, poverty standard {s}, income line {line}',
    noDeprivation: 'No indicator deprived.',
    frozen: 'Recognised, frozen',
    draft: 'Draft',
    approved: 'Approved',
    noLabour: 'No labour capacity',
    history: 'History of changes',
    comparedWith: 'Answers that differ from period {p}:',
    noChange: 'No tracked information changed.',
    noAnswerChange: 'Answers as in period {p}.',
    recorded: 'recorded',
    edit: 'Edit the survey',
    back: 'Household list',
    certificate: 'Certificate (Mẫu số 03)',
    reportPdf: 'All data held on the household (PDF)',
    reportJson: 'All data held on the household (JSON)',
    atDoor: 'Recorded at the door',
    atDoorLead:
      'The photo of the house and the position the officer recorded on the device while surveying, sent with the survey.',
    photoAlt: 'Photo of the house of household {id}, sent on {at}',
    openPhoto: 'Press the photo to see it full size.',
    photoTitle: 'Photo of the house of household {id}',
    photoOriginal: 'Open the photo in a new tab',
    noPhoto: 'No photo of the house.',
    sentBy: 'Sent on {at} by {by}.',
    sentAt: 'Sent on {at}.',
    position: 'Position: latitude {lat}° {ns}, longitude {lon}° {ew}, within about {m} m, recorded on {at}.',
    positionNoAccuracy: 'Position: latitude {lat}° {ns}, longitude {lon}° {ew}, recorded on {at}.',
    positionUndated: 'Position: latitude {lat}° {ns}, longitude {lon}° {ew}, within about {m} m.',
    noPosition: 'No position recorded.',
    north: 'N',
    south: 'S',
    east: 'E',
    west: 'W',
  },
});
type T = (typeof m)['vi'];

type FieldRecord = Page['fieldRecords'][number];

/** A coordinate as the reader writes numbers: 19,80712 in Vietnamese, 19.80712 in English. */
function degrees(x: number, lang: Lang): string {
  return lang === 'vi'
    ? formatNumber(Math.abs(x), 5)
    : Math.abs(x)
        .toFixed(5)
        .replace(/\.?0+$/, '');
}

/** The position in words: both coordinates with their hemisphere, the accuracy, when it was taken. */
function positionInWords(p: NonNullable<FieldRecord['position']>, t: T, lang: Lang): string {
  const words = {
    lat: degrees(p.lat, lang),
    ns: p.lat < 0 ? t.south : t.north,
    lon: degrees(p.lon, lang),
    ew: p.lon < 0 ? t.west : t.east,
    m:
      p.accuracy === null ? '' : lang === 'vi' ? formatNumber(p.accuracy, 0) : String(Math.round(p.accuracy)),
    at: p.at ? formatDateTimeVn(p.at) : '',
  };
  if (!p.at) return fill(t.positionUndated, words);
  return fill(p.accuracy === null ? t.positionNoAccuracy : t.position, words);
}

/**
 * What the offline survey recorded at the door: per survey sent, the house photo as a thumbnail
 * that opens full size, and the position in words. The server sends none to a reader without
 * personal-data rights, so the section is then absent.
 */
function AtTheDoor({ id, records }: { id: string; records: FieldRecord[] }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const [open, setOpen] = useState<FieldRecord | null>(null);
  const src = (r: FieldRecord) =>
    `/api/v1/registry/households/${encodeURIComponent(id)}/photos/${encodeURIComponent(r.id)}`;
  return (
    <>
      <Title order={2}>{t.atDoor}</Title>
      <Text size="sm" c="dimmed">
        {t.atDoorLead} {records.some((r) => r.photo) ? t.openPhoto : null}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} data-testid="household-at-door">
        {[...records].reverse().map((r) => {
          const at = formatDateTimeVn(r.sentAt);
          return (
            <Card key={r.id} withBorder data-testid="household-at-door-record">
              <Stack gap={6}>
                {r.photo ? (
                  <UnstyledButton onClick={() => setOpen(r)} aria-label={t.openPhoto}>
                    <Image
                      src={src(r)}
                      alt={fill(t.photoAlt, { id, at })}
                      radius="sm"
                      h={180}
                      fit="cover"
                      data-testid="household-photo-thumb"
                    />
                  </UnstyledButton>
                ) : (
                  <Text size="sm">{t.noPhoto}</Text>
                )}
                <Text size="sm" data-testid="household-position">
                  {r.position ? positionInWords(r.position, t, lang) : t.noPosition}
                </Text>
                <Text size="sm" c="dimmed">
                  {r.sentBy ? fill(t.sentBy, { at, by: r.sentBy }) : fill(t.sentAt, { at })}
                </Text>
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={fill(t.photoTitle, { id })}
        size="auto"
        centered
      >
        {open ? (
          <Stack gap="xs">
            <img
              src={src(open)}
              alt={fill(t.photoAlt, { id, at: formatDateTimeVn(open.sentAt) })}
              style={{ display: 'block', maxWidth: '90vw', maxHeight: '72vh', height: 'auto' }}
              data-testid="household-photo-full"
            />
            <Anchor href={src(open)} target="_blank" rel="noopener" size="sm">
              {t.photoOriginal}
            </Anchor>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}

/** Field-level changes as "Label: before → after", in the reader's language. */
function ChangeList({ changes, empty }: { changes: FieldChange[]; empty: string | null }) {
  const t = useMessages(m);
  const b = useBilingual();
  if (changes.length === 0)
    return empty ? (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    ) : null;
  return (
    <List size="sm" spacing={2}>
      {changes.map((x, i) => (
        <List.Item key={i}>
          <b>{b(x.label)}</b>:{' '}
          {x.before ? (
            <>
              {b(x.before)} → {x.after ? b(x.after) : '—'}
            </>
          ) : (
            <>
              {t.recorded} {x.after ? b(x.after) : '—'}
            </>
          )}
        </List.Item>
      ))}
    </List>
  );
}

export default function HouseholdPage() {
  const { id = '' } = useParams();
  const t = useMessages(m);
  const b = useBilingual();
  const { lang } = useLang();
  const user = useUser();
  usePageTitle(fill(t.title, { id }));
  const h = useHousehold(id);
  if (h.error) return <ErrorPanel error={h.error} onRetry={() => void h.refetch()} />;
  if (!h.data) return <Text>…</Text>;
  const d = h.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{fill(t.title, { id })}</Title>
        <Group>
          <Anchor component={Link} to="/registry">
            {t.back}
          </Anchor>
          {can(user.role, 'registry.write') ? (
            <Button component={Link} to={`/registry/survey?household=${encodeURIComponent(id)}`}>
              {t.edit}
            </Button>
          ) : null}
        </Group>
      </Group>
      {can(user.role, 'registry.personal-data') ? (
        // The household's own data on its request (Law 91/2025/QH15); producing it is recorded.
        <Group gap="xs">
          <DownloadButton
            variant="default"
            size="xs"
            fileName={`du-lieu-ho-${id}.pdf`}
            href={`/api/v1/registry/households/${encodeURIComponent(id)}/report.pdf`}
          >
            {t.reportPdf}
          </DownloadButton>
          <DownloadButton
            variant="default"
            size="xs"
            fileName={`du-lieu-ho-${id}.json`}
            href={`/api/v1/registry/households/${encodeURIComponent(id)}/report.json`}
          >
            {t.reportJson}
          </DownloadButton>
        </Group>
      ) : null}
      <Text>
        {t.head}: <b>{d.headName}</b> · {t.address}: {d.address ?? '—'} · {t.village}:{' '}
        {d.village?.name ?? '—'} · {t.version}: {d.version}
      </Text>
      <Title order={2}>{t.members}</Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.name}</Table.Th>
            <Table.Th>{t.birth}</Table.Th>
            <Table.Th>{t.sex}</Table.Th>
            <Table.Th>{t.relation}</Table.Th>
            <Table.Th>{t.idNumber}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.members.map((mem, i) => (
            <Table.Tr key={i}>
              <Table.Td>{String(mem.name)}</Table.Td>
              <Table.Td>{mem.birthDate ? formatDateVn(String(mem.birthDate)) : '—'}</Table.Td>
              <Table.Td>{wordOfCode('sex', String(mem.sex), lang)}</Table.Td>
              <Table.Td>{wordOfCode('relation', String(mem.relation), lang)}</Table.Td>
              <Table.Td>{mem.idNumber ? String(mem.idNumber) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={2}>{t.results}</Title>
      {[...d.results].reverse().map((r) => (
        <Card key={r.period} withBorder>
          <Group justify="space-between">
            <Title order={3}>{fill(t.period, { p: r.period })}</Title>
            <Group gap="xs">
              <Badge color={CLASS_COLORS[r.classification]}>{b(CLASS_LABELS[r.classification]!)}</Badge>
              <Badge variant="light">
                {b(MOVEMENT_LABELS[r.movement] ?? { vi: r.movement, en: r.movement })}
              </Badge>
              <Badge variant="outline">
                {r.frozen ? t.frozen : r.status === 'approved' ? t.approved : t.draft}
              </Badge>
              {r.noLabourCapacity ? <Badge variant="outline">{t.noLabour}</Badge> : null}
              {r.frozen &&
              (r.classification === 'POOR' || r.classification === 'NEAR_POOR') &&
              can(user.role, 'registry.personal-data') ? (
                <DownloadButton
                  size="xs"
                  variant="light"
                  fileName={`giay-chung-nhan-${id}-${r.period}.pdf`}
                  href={`/api/v1/registry/households/${encodeURIComponent(id)}/periods/${r.period}/certificate.pdf`}
                >
                  {t.certificate}
                </DownloadButton>
              ) : null}
            </Group>
          </Group>
          <Text size="sm" c="dimmed">
            {fill(t.surveyed, {
              d: formatDateVn(r.surveyDate),
              s: wordOfCode('standard', r.standard, lang),
              line: formatVnd(r.incomeLine),
            })}
          </Text>
          <Text mt="xs">{r.explanation.income}</Text>
          {r.explanation.indicators.length === 0 ? (
            <Text size="sm">{t.noDeprivation}</Text>
          ) : (
            <List size="sm" mt="xs">
              {r.explanation.indicators.map((e) => (
                <List.Item key={e.indicator}>{e.text}</List.Item>
              ))}
            </List>
          )}
        </Card>
      ))}
      {d.fieldRecords.length > 0 ? <AtTheDoor id={id} records={d.fieldRecords} /> : null}
      <Title order={2}>{t.history}</Title>
      <Timeline bulletSize={14} lineWidth={2} data-testid="household-history">
        {d.history.map((c, i) => (
          <Timeline.Item key={i} title={`${formatDateTimeVn(c.at)} · ${b(c.actor)} · ${b(c.actionWord)}`}>
            <ChangeList changes={c.changes} empty={t.noChange} />
            {c.answers ? (
              <>
                <Text size="sm" mt={4}>
                  {fill(c.answers.changes.length ? t.comparedWith : t.noAnswerChange, {
                    p: c.answers.comparedWith,
                  })}
                </Text>
                <ChangeList changes={c.answers.changes} empty={null} />
              </>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
