// The Front's forms on a Great Solidarity house: the next stage (dated; the hand-over states the
// actual cost) and a photo (re-encoded by the server, which strips its metadata).
import { useState } from 'react';
import { Button, FileInput, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { wordOfCode } from '../../../../domain/words/catalogue';
import { api } from '../../api/client';
import { postFrontForm, type House } from '../../api/front';
import { DateField } from '../../components/DateField';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { FormError, useFieldErrors } from './fields';

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
    cancel: 'Hủy',
    photo: 'Thêm ảnh nhà',
    file: 'Ảnh (JPEG, PNG hoặc WebP, tối đa 15 MB)',
    fileHint: 'Ảnh được lưu ở bước hiện tại; vị trí GPS và thông tin máy ảnh được xóa.',
    upload: 'Tải ảnh lên',
    uploaded: 'Đã thêm ảnh.',
    clear: 'Bỏ ảnh đã chọn',
  },
  en: {
    next: 'Next stage',
    nextTo: 'Move to "{stage}"',
    date: 'Date',
    actualCost: 'Actual cost (đồng)',
    cancel: 'Cancel',
    photo: 'Add a photo of the house',
    file: 'Photo (JPEG, PNG or WebP, at most 15 MB)',
    fileHint: 'The photo is kept under the current stage; GPS position and camera details are removed.',
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
  return (
    <Stack component="section" aria-label={t.next}>
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
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t.next}
        </Button>
        <Button variant="default" onClick={onDone}>
          {t.cancel}
        </Button>
      </Group>
    </Stack>
  );
}

export function PhotoForm({ house }: { house: House }) {
  const t = useMessages(m);
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const save = useMutation({
    mutationFn: () =>
      postFrontForm(`/front/houses/${house.id}/photos`, {}, file ? [{ field: 'file', file }] : []),
    onSuccess: () => {
      setFile(null);
      void qc.invalidateQueries({ queryKey: ['front'] });
    },
  });
  const e = useFieldErrors(save.error, { file: t.file });
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
      <FormError error={save.error} show={e.orphan} />
      {save.isSuccess && <Text role="status">{t.uploaded}</Text>}
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t.upload}
        </Button>
      </Group>
    </Stack>
  );
}
