// Cổng thông tin → Viết / sửa bài: the text of the article (saved as a new revision each time),
// its photos with captions and alt text, and publication now or at a set time. The body is
// sanitised by the server on save; the preview shows exactly what the portal will show.
import { useEffect, useState, type FormEvent } from 'react';
import {
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Image,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  Typography,
} from '@mantine/core';
import { useLocation, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import {
  useArticle,
  useCategories,
  useDeletePhoto,
  usePreview,
  usePublishArticle,
  useSaveArticle,
  useUploadPhoto,
  useWithdrawArticle,
  type Article,
} from '../../api/portal';
import { DateField } from '../../components/DateField';
import { ErrorPanel, useErrorText } from '../../components/ErrorPanel';
import { formatInstantVn } from '../../format';
import { fill, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { portalText } from './messages';
import { STATUS_COLOUR } from './ArticlesPage';
import { Revisions } from './Revisions';

function fieldError(error: unknown, field: string, text: (e: unknown) => string): string | undefined {
  return isApiError(error) && error.field === field ? text(error) : undefined;
}

function ArticleForm({ article }: { article: Article | null }) {
  const t = useMessages(portalText);
  const { lang } = useLang();
  const text = useErrorText();
  const navigate = useNavigate();
  const categories = useCategories();
  const save = useSaveArticle(article?.id ?? null);
  const preview = usePreview();
  const [title, setTitle] = useState(article?.title ?? '');
  const [summary, setSummary] = useState(article?.summary ?? '');
  const [body, setBody] = useState(article?.bodyHtml ?? '');
  const [category, setCategory] = useState(article?.categorySlug ?? 'tin-tuc');
  const [tags, setTags] = useState(article?.tags.join(', ') ?? '');
  const [author, setAuthor] = useState(article?.authorName ?? '');
  // A new article moves to its own address once saved; the confirmation travels with it.
  const location = useLocation();
  const carried = (location.state as { savedVersion?: number } | null)?.savedVersion;
  const [saved, setSaved] = useState<number | null>(article && carried === article.version ? carried : null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    save.mutate(
      {
        title,
        summary,
        bodyHtml: body,
        categorySlug: category,
        tags: tags
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        authorName: author,
        ...(article ? { version: article.version } : {}),
      },
      {
        onSuccess: (a) => {
          setSaved(a.version);
          setBody(a.bodyHtml);
          if (!article)
            void navigate(`/portal/articles/${a.id}`, { replace: true, state: { savedVersion: a.version } });
        },
      },
    );
  };
  const known = ['title', 'summary', 'bodyHtml', 'categorySlug', 'tags', 'authorName', 'slug'];
  const other =
    save.error && !(isApiError(save.error) && known.includes(save.error.field ?? '')) ? save.error : null;

  return (
    <form onSubmit={submit} noValidate aria-label={article ? t.editArticle : t.newArticle}>
      <Stack gap="sm">
        <TextInput
          label={t.title}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldError(save.error, 'title', text) ?? fieldError(save.error, 'slug', text)}
          maxLength={300}
        />
        <Textarea
          label={t.summary}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={fieldError(save.error, 'summary', text)}
          autosize
          minRows={2}
          maxLength={1000}
        />
        <Textarea
          label={t.body}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={fieldError(save.error, 'bodyHtml', text)}
          autosize
          minRows={8}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t.category}
            data={(categories.data ?? []).map((c) => ({
              value: c.slug,
              label: lang === 'en' ? c.nameEn : c.nameVi,
            }))}
            value={category}
            onChange={(v) => v && setCategory(v)}
            allowDeselect={false}
            error={fieldError(save.error, 'categorySlug', text)}
          />
          <TextInput
            label={t.tags}
            value={tags}
            onChange={(e) => setTags(e.currentTarget.value)}
            error={fieldError(save.error, 'tags', text)}
          />
          <TextInput
            label={t.author}
            value={author}
            onChange={(e) => setAuthor(e.currentTarget.value)}
            error={fieldError(save.error, 'authorName', text)}
            maxLength={200}
          />
        </SimpleGrid>
        {other ? <ErrorPanel error={other} /> : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t.save}
          </Button>
          <Button variant="default" onClick={() => preview.mutate(body)} loading={preview.isPending}>
            {t.preview}
          </Button>
          {saved !== null ? (
            <Text size="sm" c="brand.8" role="status">
              {fill(t.saved, { version: saved })}
            </Text>
          ) : null}
        </Group>
        {preview.data !== undefined ? (
          <Paper withBorder p="sm" aria-label={t.preview}>
            {/* Sanitised by the server with the portal's own policy. */}
            <Typography>
              <div dangerouslySetInnerHTML={{ __html: preview.data }} />
            </Typography>
          </Paper>
        ) : null}
      </Stack>
    </form>
  );
}

function Photos({ article }: { article: Article }) {
  const t = useMessages(portalText);
  const text = useErrorText();
  const upload = useUploadPhoto(article.id);
  const remove = useDeletePhoto(article.id);
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [alt, setAlt] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!file) return;
    upload.mutate(
      { file, caption, alt },
      {
        onSuccess: (p) => {
          setDone(p.caption);
          setFile(null);
          setCaption('');
          setAlt('');
        },
      },
    );
  };
  return (
    <Paper p="md">
      <Title order={2} mb="xs">
        {t.photos}
      </Title>
      {article.photos.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.noPhotos}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 4 }} mb="sm">
          {article.photos.map((p) => (
            <Stack key={p.id} gap={4} data-testid="photo">
              <Image src={p.sources[0]?.jpeg} alt={p.alt} radius="sm" />
              <Text size="sm">{p.caption}</Text>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => remove.mutate(p.id)}
                aria-label={`${t.deletePhoto}: ${p.caption}`}
              >
                {t.deletePhoto}
              </Button>
            </Stack>
          ))}
        </SimpleGrid>
      )}
      <form onSubmit={submit} noValidate aria-label={t.upload}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <FileInput
            label={t.photoFile}
            value={file}
            onChange={setFile}
            accept="image/jpeg,image/png,image/webp"
            clearable
            error={fieldError(upload.error, 'file', text)}
          />
          <TextInput
            label={t.caption}
            value={caption}
            onChange={(e) => setCaption(e.currentTarget.value)}
            error={fieldError(upload.error, 'caption', text)}
            maxLength={500}
          />
          <TextInput
            label={t.alt}
            value={alt}
            onChange={(e) => setAlt(e.currentTarget.value)}
            maxLength={500}
          />
        </SimpleGrid>
        <Group mt="sm">
          <Button type="submit" loading={upload.isPending} disabled={!file}>
            {t.upload}
          </Button>
          {done ? (
            <Text size="sm" c="brand.8" role="status">
              {fill(t.uploaded, { caption: done })}
            </Text>
          ) : null}
        </Group>
        {upload.error &&
        !(isApiError(upload.error) && ['file', 'caption'].includes(upload.error.field ?? '')) ? (
          <ErrorPanel error={upload.error} />
        ) : null}
      </form>
    </Paper>
  );
}

/** A date (YYYY-MM-DD) and a time (HH:mm) in Vietnam time → the UTC instant; null when either is unusable. */
function vnToIso(date: string | null, time: string): string | null {
  if (!date || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  return new Date(`${date}T${time}:00+07:00`).toISOString();
}

function Publication({ article }: { article: Article }) {
  const t = useMessages(portalText);
  const publish = usePublishArticle(article.id);
  const withdraw = useWithdrawArticle(article.id);
  const [date, setDate] = useState<string | null>(null);
  const [time, setTime] = useState('08:00');
  const timeInvalid = date !== null && vnToIso(date, time) === null;
  return (
    <Paper p="md">
      <Group gap="sm" mb="xs">
        <Title order={2}>{t.publish}</Title>
        <Badge color={STATUS_COLOUR[article.status]} variant="light" data-testid="article-status">
          {t[article.status]}
        </Badge>
      </Group>
      {article.publishedAt && (article.status === 'published' || article.status === 'scheduled') ? (
        <Text size="sm" mb="xs">
          {fill(article.status === 'scheduled' ? t.scheduledLine : t.publishedLine, {
            time: formatInstantVn(article.publishedAt),
          })}{' '}
          {article.status === 'published' ? (
            <Anchor href={`/bai-viet/${article.slug}`} target="_blank">
              {t.view}
            </Anchor>
          ) : null}
        </Text>
      ) : null}
      <Group align="flex-end">
        <DateField label={t.publishAt} value={date} onChange={setDate} w={200} clearable />
        <TextInput
          label={t.publishTime}
          value={time}
          onChange={(e) => setTime(e.currentTarget.value)}
          placeholder="HH:mm"
          error={timeInvalid ? t.timeInvalid : undefined}
          w={110}
        />
        <Button
          onClick={() => publish.mutate(date ? vnToIso(date, time) : null)}
          loading={publish.isPending}
          disabled={timeInvalid}
        >
          {date ? t.publish : t.publishNow}
        </Button>
        {article.status === 'published' || article.status === 'scheduled' ? (
          <Button
            variant="default"
            color="red"
            onClick={() => withdraw.mutate()}
            loading={withdraw.isPending}
          >
            {t.withdraw}
          </Button>
        ) : null}
      </Group>
      {publish.error ? <ErrorPanel error={publish.error} /> : null}
      {withdraw.error ? <ErrorPanel error={withdraw.error} /> : null}
    </Paper>
  );
}

export default function ArticleEditPage() {
  const t = useMessages(portalText);
  const params = useParams();
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : null;
  usePageTitle(id === null ? t.newArticle : t.editArticle);
  const article = useArticle(id);
  // A different article in the same page: start from its own text.
  const [formKey, setFormKey] = useState(0);
  useEffect(() => setFormKey((k) => k + 1), [id]);
  return (
    <Stack gap="md">
      <Title order={1}>{id === null ? t.newArticle : t.editArticle}</Title>
      {id === null ? (
        <>
          <Paper p="md">
            <ArticleForm key={formKey} article={null} />
          </Paper>
          <Text size="sm" c="dimmed">
            {t.saveFirst}
          </Text>
        </>
      ) : article.isPending ? (
        <Skeleton h={300} />
      ) : article.isError ? (
        <ErrorPanel error={article.error} onRetry={() => void article.refetch()} />
      ) : (
        <>
          <Paper p="md">
            <ArticleForm key={`${formKey}-${article.data.id}`} article={article.data} />
          </Paper>
          <Photos article={article.data} />
          <Publication article={article.data} />
          <Revisions id={article.data.id} version={article.data.version} />
        </>
      )}
    </Stack>
  );
}
