// One Great Solidarity house: the household (masked as the server sends it), kind, stage and its
// dates, estimated and actual cost with the sources, the housing outcome at the next survey, and
// its photos by stage; for the Front, the next stage and a photo upload (house-forms.tsx).
import { useState } from 'react';
import { Anchor, Button, Image, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useUser } from '../../auth/session';
import { can } from '../../../../domain/access/permissions';
import { wordOfCode } from '../../../../domain/words/catalogue';
import { useHouses } from '../../api/front';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateVn, formatVnd } from '../../format';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { NEXT_STAGE, PhotoForm, StageForm } from './house-forms';

const m = defineMessages({
  vi: {
    title: 'Nhà Đại đoàn kết',
    back: 'Về danh sách nhà Đại đoàn kết',
    missing: 'Không tìm thấy nhà này trong phạm vi của bạn.',
    household: 'Hộ',
    commune: 'Xã, phường',
    kind: 'Loại',
    stage: 'Bước',
    approvedOn: 'Ngày duyệt',
    startedOn: 'Ngày khởi công',
    handedOverOn: 'Ngày bàn giao',
    estimated: 'Dự toán',
    actual: 'Chi phí thực tế',
    sources: 'Nguồn kinh phí',
    outcome: 'Nhà ở sau bàn giao',
    photos: 'Ảnh nhà',
    noPhotos: 'Chưa có ảnh nào.',
    photoOf: 'Ảnh {n}, bước "{stage}"',
    next: 'Chuyển sang "{stage}"',
  },
  en: {
    title: 'Great Solidarity house',
    back: 'Back to the Great Solidarity houses',
    missing: 'This house is not found within your scope.',
    household: 'Household',
    commune: 'Commune or ward',
    kind: 'Kind',
    stage: 'Stage',
    approvedOn: 'Approved on',
    startedOn: 'Started on',
    handedOverOn: 'Handed over on',
    estimated: 'Estimated cost',
    actual: 'Actual cost',
    sources: 'Sources of money',
    outcome: 'Housing after the hand-over',
    photos: 'Photos of the house',
    noPhotos: 'No photo yet.',
    photoOf: 'Photo {n}, stage "{stage}"',
    next: 'Move to "{stage}"',
  },
});

export default function HousePage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const { id } = useParams();
  const user = useUser();
  const houses = useHouses();
  const [moving, setMoving] = useState(false);
  const house = houses.data?.items.find((h) => String(h.id) === id);
  usePageTitle(house ? `${t.title}: ${house.headName}` : t.title);
  const writer = can(user.role, 'front.write');
  const d = (v: string | null) => (v ? formatDateVn(v) : '—');
  const back = (
    <Anchor component={Link} to="/front/houses">
      {t.back}
    </Anchor>
  );
  if (houses.isPending) return <Skeleton h={240} />;
  if (houses.isError) return <ErrorPanel error={houses.error} onRetry={() => void houses.refetch()} />;
  if (!house)
    return (
      <Stack>
        <Title order={1}>{t.title}</Title>
        <Text>{t.missing}</Text>
        {back}
      </Stack>
    );
  const next = NEXT_STAGE[house.stage];
  const rows: [string, string][] = [
    [t.household, `${house.headName} (${house.householdKey})`],
    [t.commune, `${house.communeName}${house.village ? ` – ${house.village}` : ''}`],
    [t.kind, wordOfCode('houseKind', house.kind, lang)],
    [t.stage, wordOfCode('houseStage', house.stage, lang)],
    [t.approvedOn, d(house.approvedOn)],
    [t.startedOn, d(house.startedOn)],
    [t.handedOverOn, d(house.handedOverOn)],
    [t.estimated, formatVnd(house.estimatedCost)],
    [t.actual, house.actualCost === null ? '—' : formatVnd(house.actualCost)],
    [
      t.sources,
      house.sources
        .map((s) => `${wordOfCode('houseSource', s.source, lang)}: ${formatVnd(s.amount)}`)
        .join('; ') || '—',
    ],
    [t.outcome, house.outcome ? wordOfCode('housingOutcome', house.outcome, lang) : '—'],
  ];
  return (
    <Stack>
      {back}
      <Title order={1}>
        {t.title}: {house.headName}
      </Title>
      <Table withTableBorder maw={720} aria-label={t.title}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={200}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {writer && next && !moving && (
        <div>
          <Button variant="light" onClick={() => setMoving(true)}>
            {fill(t.next, { stage: wordOfCode('houseStage', next, lang) })}
          </Button>
        </div>
      )}
      {moving && <StageForm house={house} onDone={() => setMoving(false)} />}
      <Title order={2}>{t.photos}</Title>
      {house.photos.length === 0 ? (
        <Text>{t.noPhotos}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {house.photos.map((p, i) => {
            const which = fill(t.photoOf, {
              n: i + 1,
              stage: p.stage ? wordOfCode('houseStage', p.stage, lang) : '—',
            });
            const alt = p.caption ? `${which}: ${p.caption}` : which;
            return (
              <Stack key={p.id} gap={4} component="figure" m={0}>
                <Image src={`/api/v1/front/files/${p.id}`} alt={alt} radius="sm" h={220} fit="cover" />
                <Text size="sm" component="figcaption">
                  {which}
                  {p.caption && (
                    <>
                      <br />
                      {p.caption}
                    </>
                  )}
                </Text>
              </Stack>
            );
          })}
        </SimpleGrid>
      )}
      {writer && <PhotoForm house={house} />}
    </Stack>
  );
}
