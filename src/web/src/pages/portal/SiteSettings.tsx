// The banner's slogans (one per line, Vietnamese and English), shown on every portal page.
import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, Paper, SimpleGrid, Text, Textarea, Title } from '@mantine/core';
import { useSaveSiteSettings, useSiteSettings } from '../../api/portal';
import { ErrorPanel } from '../../components/ErrorPanel';
import { defineMessages, useMessages } from '../../i18n';

const m = defineMessages({
  vi: {
    title: 'Khẩu hiệu trên trang',
    vi: 'Khẩu hiệu tiếng Việt (mỗi dòng một câu)',
    en: 'Khẩu hiệu tiếng Anh (mỗi dòng một câu) (không bắt buộc)',
    save: 'Lưu khẩu hiệu',
    saved: 'Đã lưu khẩu hiệu.',
  },
  en: {
    title: 'Banner slogans',
    vi: 'Slogans in Vietnamese (one per line)',
    en: 'Slogans in English (one per line) (optional)',
    save: 'Save slogans',
    saved: 'Slogans saved.',
  },
});

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

export function SiteSettings() {
  const t = useMessages(m);
  const settings = useSiteSettings();
  const save = useSaveSiteSettings();
  const [vi, setVi] = useState('');
  const [en, setEn] = useState('');
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (settings.data) {
      setVi(settings.data.slogans.join('\n'));
      setEn(settings.data.slogansEn.join('\n'));
    }
  }, [settings.data]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    save.mutate({ slogans: lines(vi), slogansEn: lines(en) }, { onSuccess: () => setDone(true) });
  };
  return (
    <Paper p="md">
      <Title order={2} mb="xs">
        {t.title}
      </Title>
      <form onSubmit={submit} noValidate aria-label={t.title}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea
            label={t.vi}
            value={vi}
            onChange={(e) => setVi(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Textarea
            label={t.en}
            value={en}
            onChange={(e) => setEn(e.currentTarget.value)}
            autosize
            minRows={2}
          />
        </SimpleGrid>
        <Group mt="sm">
          <Button type="submit" loading={save.isPending}>
            {t.save}
          </Button>
          {done ? (
            <Text size="sm" c="brand.8" role="status">
              {t.saved}
            </Text>
          ) : null}
        </Group>
        {save.error ? <ErrorPanel error={save.error} /> : null}
      </form>
    </Paper>
  );
}
