// The villages of a commune (the level below which households are registered), and a short
// form to add one for the officers who may. The API checks role and scope again.
import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { Unit } from '../../api/types';
import { useUnit } from '../../api/units';
import { formatDateVn } from '../../format';
import { useAddVillage, useVillages, VILLAGE_KINDS, type VillageKind } from '../../api/villages';
import { useUser } from '../../auth/session';
import { useFieldErrors } from '../../components/fieldErrors';
import { ErrorPanel } from '../../components/ErrorPanel';
import { allowed } from '../../modules';
import { defineMessages, fill, useMessages } from '../../i18n';
import { common } from '../../i18n/common';

const m = defineMessages({
  vi: {
    title: 'Thôn, tổ dân phố',
    count: '{n} thôn, tổ dân phố',
    none: 'Chưa có thôn, tổ dân phố nào được ghi nhận cho đơn vị này.',
    add: 'Thêm thôn, tổ dân phố',
    name: 'Tên',
    nameHint: 'Ví dụ: Thôn 3, Tổ dân phố Bắc Sơn',
    nameRequired: 'Nhập tên thôn, tổ dân phố.',
    kind: 'Loại',
    submit: 'Thêm',
    added: 'Đã thêm {name}.',
    thon: 'Thôn',
    'to-dan-pho': 'Tổ dân phố',
    ban: 'Bản',
    ap: 'Ấp',
    khom: 'Khóm',
    other: 'Khác',
    fromPredecessors: 'Thôn, tổ dân phố của các đơn vị tiền thân',
    until: 'đến {date}',
    noneShort: 'chưa ghi nhận',
  },
  en: {
    title: 'Villages and residential groups',
    count: '{n} villages and residential groups',
    none: 'No village or residential group is recorded for this unit yet.',
    add: 'Add a village or residential group',
    name: 'Name',
    nameHint: 'For example: Thôn 3, Tổ dân phố Bắc Sơn',
    nameRequired: 'Enter the name of the village or residential group.',
    kind: 'Kind',
    submit: 'Add',
    added: '{name} was added.',
    thon: 'Village (thôn)',
    'to-dan-pho': 'Residential group (tổ dân phố)',
    ban: 'Hamlet (bản)',
    ap: 'Hamlet (ấp)',
    khom: 'Quarter (khóm)',
    other: 'Other',
    fromPredecessors: 'Villages of the predecessor units',
    until: 'until {date}',
    noneShort: 'none recorded',
  },
});

function AddVillage({ unit, on }: { unit: Unit; on: string }) {
  const t = useMessages(m);
  const add = useAddVillage(unit.code, on);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<VillageKind>(unit.type === 'Xã' ? 'thon' : 'to-dan-pho');
  const [missing, setMissing] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  // The API's message names the payload's key ("name"): under the field it reads as its label.
  const fieldErrors = useFieldErrors(add.error, { name: t.name, kind: t.kind });
  const nameError = missing ? t.nameRequired : fieldErrors.of('name');
  const kindError = fieldErrors.of('kind');
  const otherError = fieldErrors.orphan ? add.error : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    if (!name.trim()) {
      setMissing(true);
      add.reset();
      return;
    }
    setMissing(false);
    add.mutate(
      { name: name.trim(), kind },
      {
        onSuccess: (v) => {
          setAdded(v.name);
          setName('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t.add}>
      <Text fw={600} size="sm" mb={6}>
        {t.add}
      </Text>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label={t.name}
          description={t.nameHint}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={nameError}
          maxLength={120}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t.kind}
          data={VILLAGE_KINDS.map((k) => ({ value: k, label: t[k] }))}
          value={kind}
          onChange={(v) => v && setKind(v as VillageKind)}
          allowDeselect={false}
          error={kindError}
          w={{ base: '100%', sm: 220 }}
        />
        <Button type="submit" mt={{ base: 0, sm: 23 }} h={36} loading={add.isPending}>
          {t.submit}
        </Button>
      </Group>
      {otherError ? <ErrorPanel error={otherError} /> : null}
      {added ? (
        <Text size="sm" c="brand.8" mt={6} role="status">
          {fill(t.added, { name: added })}
        </Text>
      ) : null}
    </form>
  );
}

/**
 * Villages recorded under the units this one was formed from (a ward created on 01/07/2025
 * starts with none of its own; its predecessors' villages were recorded on their last day).
 */
function PredecessorVillages({ code, name, on }: { code: string; name: string; on: string }) {
  const t = useMessages(m);
  const villages = useVillages(code, on);
  if (villages.isPending) return <Skeleton h={24} />;
  if (villages.isError) return <ErrorPanel error={villages.error} />;
  return (
    <Text size="sm">
      <Text span fw={600}>
        {name}
      </Text>{' '}
      <Text span c="dimmed">
        ({fill(t.until, { date: formatDateVn(on) })})
      </Text>
      {': '}
      {villages.data.length === 0 ? t.noneShort : villages.data.map((v) => v.name).join(', ')}
    </Text>
  );
}

export function Villages({ unit, on }: { unit: Unit; on: string }) {
  const t = useMessages(m);
  const c = useMessages(common);
  const user = useUser();
  const villages = useVillages(unit.code, on);
  const detail = useUnit(unit.code, on);
  return (
    <Paper p="md" data-testid="villages">
      <Group justify="space-between" mb="xs">
        <Title order={2}>{t.title}</Title>
        {villages.data ? (
          <Text size="sm" c="dimmed">
            {fill(t.count, { n: villages.data.length })}
          </Text>
        ) : null}
      </Group>
      {villages.isPending ? (
        <Skeleton h={80} />
      ) : villages.isError ? (
        <ErrorPanel error={villages.error} onRetry={() => void villages.refetch()} />
      ) : villages.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.none}
        </Text>
      ) : (
        <Table maw={640} mb="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{c.name}</Table.Th>
              <Table.Th>{t.kind}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {villages.data.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.name}</Table.Td>
                <Table.Td>{t[v.kind] ?? v.kind}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {detail.data && detail.data.predecessors.length > 0 ? (
        <Stack gap={4} mt="sm" data-testid="predecessor-villages">
          <Text size="sm" fw={600}>
            {t.fromPredecessors}
          </Text>
          {detail.data.predecessors.map((p) => (
            <PredecessorVillages key={p.code} code={p.code} name={p.name} on={p.validTo} />
          ))}
        </Stack>
      ) : null}
      {allowed(user.role, 'villages.write') ? (
        <Paper withBorder={false} bg="gray.0" p="sm" mt="sm">
          <AddVillage unit={unit} on={on} />
        </Paper>
      ) : null}
    </Paper>
  );
}
