// The Front's forms on a Great Solidarity house: the next stage (dated; the hand-over states the
// actual cost) and a photo (re-encoded by the server, which strips its metadata).
import { useEffect, useRef, useState } from 'react';
import {
  Fieldset,
  FileInput,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { HOUSE_KINDS, HOUSE_SOURCES } from '../../../../domain/front/houses';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { wordOfCode } from '../../../../domain/words/catalogue';
import { api } from '../../api/client';
import { postFrontForm, type House } from '../../api/front';
import { DateField } from '../../components/DateField';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { FormActions, FormError } from './fields';
import { useFieldErrors } from '../../components/fieldErrors';

/** A house moves one stage at a time (decision 0030). */
export const NEXT_STAGE: Record<string, string | undefined> = {
  approved: 'under-construction',
  'under-construction': 'handed-over',
};

const m = defineMessages({
  vi: {
    next: 'Chuyển bước',
    nextTo: 'Chuyển sang "{stage}"',
    date: 'Ngày',
    actualCost: 'Chi phí thực tế (đồng)',
    photo: 'Thêm ảnh nhà',
    file: 'Ảnh (JPEG, PNG hoặc WebP, tối đa 15 MB)',
    fileHint: 'Ảnh được lưu ở bước hiện tại; vị trí GPS và thông tin máy ảnh được xóa.',
    caption: 'Chú thích ảnh',
    captionHint: 'Không bắt buộc, ví dụ: "Đổ mái ngày 12/10".',
    upload: 'Tải ảnh lên',
    uploaded: 'Đã thêm ảnh.',
    clear: 'Bỏ ảnh đã chọn',
  },
  en: {
    next: 'Next stage',
    nextTo: 'Move to "{stage}"',
    date: 'Date',
    actualCost: 'Actual cost (đồng)',
    photo: 'Add a photo of the house',
    file: 'Photo (JPEG, PNG or WebP, at most 15 MB)',
    fileHint: 'The photo is kept under the current stage; GPS position and camera details are removed.',
    caption: 'Caption',
    captionHint: 'Optional, e.g. "Roof cast on 12/10".',
    upload: 'Upload the photo',
    uploaded: 'The photo is added.',
    clear: 'Remove the chosen photo',
  },
});

export function StageForm({ house, onDone }: { house: House; onDone: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const qc = useQueryClient();
  const stage = NEXT_STAGE[house.stage]!;
  const [date, setDate] = useState<string | null>(null);
  const [actualCost, setActualCost] = useState<number | string>('');
  const save = useMutation({
    mutationFn: () =>
      api.post(`/front/houses/${house.id}/stage`, {
        stage,
        date,
        ...(stage === 'handed-over' ? { actualCost } : {}),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['front'] });
      onDone();
    },
  });
  const e = useFieldErrors(save.error, { stage: t.next, date: t.date, actualCost: t.actualCost });
  // Opened from a row far up the list (on a tablet, a screen or more above): brought into view.
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => shown.current?.scrollIntoView?.({ block: 'nearest' }), [house.id]);
  return (
    <Stack component="section" aria-label={t.next} ref={shown}>
      <Title order={2}>
        {fill(t.nextTo, { stage: wordOfCode('houseStage', stage, lang) })}: {house.headName} (
        {house.householdKey})
      </Title>
      <Group align="flex-start">
        <DateField label={t.date} value={date} onChange={setDate} w={180} error={e.of('date')} />
        {stage === 'handed-over' && (
          <NumberInput
            label={t.actualCost}
            value={actualCost}
            onChange={setActualCost}
            thousandSeparator="."
            decimalSeparator=","
            min={0}
            error={e.of('actualCost')}
          />
        )}
      </Group>
      <FormError error={save.error} show={e.orphan} />
      <FormActions label={t.next} onSave={() => save.mutate()} saving={save.isPending} onCancel={onDone} />
    </Stack>
  );
}

export function PhotoForm({ house }: { house: House }) {
  const t = useMessages(m);
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const save = useMutation({
    mutationFn: () =>
      postFrontForm(
        `/front/houses/${house.id}/photos`,
        caption.trim() ? { caption: caption.trim() } : {},
        file ? [{ field: 'file', file }] : [],
      ),
    onSuccess: () => {
      setFile(null);
      setCaption('');
      void qc.invalidateQueries({ queryKey: ['front'] });
    },
  });
  const e = useFieldErrors(save.error, { file: t.file, caption: t.caption });
  return (
    <Stack component="section" aria-label={t.photo} gap="sm">
      <Title order={2}>{t.photo}</Title>
      <FileInput
        label={t.file}
        description={t.fileHint}
        accept="image/jpeg,image/png,image/webp"
        value={file}
        onChange={setFile}
        clearable
        clearButtonProps={{ 'aria-label': t.clear }}
        error={e.of('file')}
        maw={520}
      />
      <TextInput
        label={t.caption}
        description={t.captionHint}
        value={caption}
        onChange={(ev) => setCaption(ev.currentTarget.value)}
        error={e.of('caption')}
        maxLength={300}
        maw={520}
      />
      <FormError error={save.error} show={e.orphan} />
      {save.isSuccess && <Text role="status">{t.uploaded}</Text>}
      <FormActions label={t.upload} onSave={() => save.mutate()} saving={save.isPending} />
    </Stack>
  );
}

const n = defineMessages({
  vi: {
    title: 'Duyệt nhà mới',
    householdKey: 'Mã hộ (trong sổ hộ)',
    householdHint: 'Hộ nghèo, cận nghèo trong phạm vi của bạn, ví dụ mã in trên giấy chứng nhận.',
    kind: 'Loại',
    estimatedCost: 'Dự toán (đồng)',
    approvedOn: 'Ngày duyệt',
    sources: 'Nguồn kinh phí (đồng)',
    note: 'Ghi chú',
    save: 'Lưu nhà được duyệt',
    saved: 'Đã lưu nhà được duyệt.',
  },
  en: {
    title: 'Approve a house',
    householdKey: 'Household code (in the registry)',
    householdHint: 'A poor or near-poor household within your scope, e.g. the code on its certificate.',
    kind: 'Kind',
    estimatedCost: 'Estimated cost (đồng)',
    approvedOn: 'Approved on',
    sources: 'Sources of funding (đồng)',
    note: 'Note',
    save: 'Save the approved house',
    saved: 'The approved house is saved.',
  },
});

/** A new house, approved: the household, new or repair, the estimate and its sources (decision 0030). */
export function NewHouseForm({ onDone }: { onDone: () => void }) {
  const t = useMessages(n);
  const { lang } = useLang();
  const qc = useQueryClient();
  const [householdKey, setHouseholdKey] = useState('');
  const [kind, setKind] = useState<string>('new');
  const [estimatedCost, setEstimatedCost] = useState<number | string>('');
  const [approvedOn, setApprovedOn] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [amounts, setAmounts] = useState<Record<string, number | string>>({});
  const save = useMutation({
    mutationFn: () =>
      api.post('/front/houses', {
        householdKey: householdKey.trim(),
        kind,
        // An empty box is a missing field ("Thiếu trường bắt buộc"), not the number "".
        ...(estimatedCost === '' ? {} : { estimatedCost }),
        approvedOn,
        sources: HOUSE_SOURCES.filter((s) => Number(amounts[s] ?? 0) > 0).map((source) => ({
          source,
          amount: Number(amounts[source]),
        })),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['front'] });
      onDone();
    },
  });
  const e = useFieldErrors(save.error, {
    householdKey: t.householdKey,
    kind: t.kind,
    estimatedCost: t.estimatedCost,
    approvedOn: t.approvedOn,
    sources: t.sources,
    note: t.note,
  });
  return (
    <Stack component="section" aria-label={t.title} gap="sm">
      <Title order={2}>{t.title}</Title>
      <Group align="flex-start">
        <TextInput
          label={t.householdKey}
          description={t.householdHint}
          value={householdKey}
          onChange={(ev) => setHouseholdKey(ev.currentTarget.value)}
          error={e.of('householdKey')}
          required
          w={320}
        />
        <Select
          label={t.kind}
          data={HOUSE_KINDS.map((k) => ({ value: k, label: wordOfCode('houseKind', k, lang) }))}
          value={kind}
          onChange={(v) => setKind(v ?? 'new')}
          allowDeselect={false}
          error={e.of('kind')}
          w={180}
        />
        <NumberInput
          label={t.estimatedCost}
          value={estimatedCost}
          onChange={setEstimatedCost}
          thousandSeparator="."
          decimalSeparator=","
          min={0}
          error={e.of('estimatedCost')}
          required
        />
        <DateField
          label={t.approvedOn}
          value={approvedOn}
          onChange={setApprovedOn}
          w={180}
          error={e.of('approvedOn')}
        />
      </Group>
      <Fieldset legend={t.sources}>
        <Group align="flex-start">
          {HOUSE_SOURCES.map((s) => (
            <NumberInput
              key={s}
              label={wordOfCode('houseSource', s, lang)}
              value={amounts[s] ?? ''}
              onChange={(v) => setAmounts((a) => ({ ...a, [s]: v }))}
              thousandSeparator="."
              decimalSeparator=","
              min={0}
              w={200}
            />
          ))}
        </Group>
        {e.of('sources') && (
          <Text c="red" size="sm" role="alert">
            {e.of('sources')}
          </Text>
        )}
      </Fieldset>
      <Textarea
        label={t.note}
        value={note}
        onChange={(ev) => setNote(ev.currentTarget.value)}
        maw={640}
        autosize
      />
      <FormError error={save.error} show={e.orphan} />
      <FormActions label={t.save} onSave={() => save.mutate()} saving={save.isPending} onCancel={onDone} />
    </Stack>
  );
}
