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
  useEditPhoto,
  usePreview,
  usePublishArticle,
  useSaveArticle,
  useUploadPhoto,
  useWithdrawArticle,
  type Article,
  type Photo,
} from '../../api/portal';
import { DateField } from '../../components/DateField';
import { labelled } from '../../components/fieldErrors';
import { ErrorPanel, useErrorText } from '../../components/ErrorPanel';
import { formatInstantVn } from '../../format';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { portalText } from './messages';
import { STATUS_COLOUR } from './ArticlesPage';
import { Revisions } from './Revisions';
// tiptap travels in this page's own lazy chunk (the portal's pages load on demand), so no other
// page carries it.
import { BodyEditor } from './BodyEditor';

// Texts of the photo cards, used by this page only.
const photoText = defineMessages({
  vi: {
    photoN: 'Ảnh {n}',
    photoCaption: 'Chú thích',
    photoAlt: 'Mô tả cho người khiếm thị',
    savePhoto: 'Lưu chú thích',
    photoSaved: 'Đã lưu chú thích và mô tả.',
    moveEarlier: 'Đưa lên trước',
    moveLater: 'Đưa ra sau',
  },
  en: {
    photoN: 'Photo {n}',
    photoCaption: 'Caption',
    photoAlt: 'Description for blind readers',
    savePhoto: 'Save caption',
    photoSaved: 'Caption and description saved.',
    moveEarlier: 'Move earlier',
    moveLater: 'Move later',
  },
});

/** The error of `field` under it, the payload's key named by the field's label. */
function fieldError(
  error: unknown,
  field: string,
  text: (e: unknown) => string,
  label: string,
): string | undefined {
  return isApiError(error) && error.field === field ? labelled(text(error), field, label) : undefined;
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
  // The version this text started from: a refetch (another tab, a refused restore) may bring a
  // newer article, and saving this text over it must be refused with CONFLICT, not accepted.
  const [baseVersion, setBaseVersion] = useState(article?.version ?? null);

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
        ...(baseVersion !== null ? { version: baseVersion } : {}),
      },
      {
        onSuccess: (a) => {
          setSaved(a.version);
          setBaseVersion(a.version);
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
          error={
            fieldError(save.error, 'title', text, t.title) ?? fieldError(save.error, 'slug', text, t.title)
          }
          maxLength={300}
        />
        <Textarea
          label={t.summary}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={fieldError(save.error, 'summary', text, t.summary)}
          autosize
          minRows={2}
          maxLength={1000}
        />
        <BodyEditor
          label={t.body}
          value={body}
          onChange={setBody}
          error={fieldError(save.error, 'bodyHtml', text, t.body)}
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
            error={fieldError(save.error, 'categorySlug', text, t.category)}
          />
          <TextInput
            label={t.tags}
            value={tags}
            onChange={(e) => setTags(e.currentTarget.value)}
            error={fieldError(save.error, 'tags', text, t.tags)}
          />
          <TextInput
            label={t.author}
            value={author}
            onChange={(e) => setAuthor(e.currentTarget.value)}
            error={fieldError(save.error, 'authorName', text, t.author)}
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

/**
 * One uploaded photo: its caption and alt text edited in place (errors beside the field), its
 * place among the article's photos (the first one heads the article), and deletion.
 */
function PhotoCard({
  photo,
  place,
  count,
  onDelete,
}: {
  photo: Photo;
  place: number;
  count: number;
  onDelete: () => void;
}) {
  const t = { ...useMessages(portalText), ...useMessages(photoText) };
  const text = useErrorText();
  const edit = useEditPhoto(photo.articleId);
  const move = useEditPhoto(photo.articleId);
  const [caption, setCaption] = useState(photo.caption);
  const [alt, setAlt] = useState(photo.alt);
  const [done, setDone] = useState(false);
  // What the server now holds (after this card's save, or another editor's) is the new start.
  useEffect(() => {
    setCaption(photo.caption);
    setAlt(photo.alt);
  }, [photo.caption, photo.alt]);
  const changed = caption !== photo.caption || alt !== photo.alt;
  const name = fill(t.photoN, { n: place });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    edit.mutate({ id: photo.id, caption, alt }, { onSuccess: () => setDone(true) });
  };
  const known = ['caption', 'alt'];
  const other =
    edit.error && !(isApiError(edit.error) && known.includes(edit.error.field ?? '')) ? edit.error : null;
  return (
    <Paper withBorder p="xs" data-testid="photo">
      <form onSubmit={submit} noValidate aria-label={`${name}: ${photo.caption}`}>
        <Stack gap={6}>
          <Image src={photo.sources[0]?.jpeg} alt={photo.alt} radius="sm" />
          <TextInput
            label={t.photoCaption}
            value={caption}
            onChange={(e) => {
              setCaption(e.currentTarget.value);
              setDone(false);
            }}
            error={fieldError(edit.error, 'caption', text, t.photoCaption)}
            maxLength={500}
          />
          <TextInput
            label={t.photoAlt}
            value={alt}
            onChange={(e) => {
              setAlt(e.currentTarget.value);
              setDone(false);
            }}
            error={fieldError(edit.error, 'alt', text, t.photoAlt)}
            maxLength={500}
          />
          {other ? <ErrorPanel error={other} /> : null}
          {move.error ? <ErrorPanel error={move.error} /> : null}
          <Group gap="xs">
            <Button type="submit" size="xs" loading={edit.isPending} disabled={!changed}>
              {t.savePhoto}
            </Button>
            {done && !changed ? (
              <Text size="sm" c="brand.8" role="status">
                {t.photoSaved}
              </Text>
            ) : null}
          </Group>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              disabled={place === 1}
              loading={move.isPending && move.variables?.position === place - 1}
              onClick={() => move.mutate({ id: photo.id, position: place - 1 })}
              aria-label={`${t.moveEarlier}: ${name}`}
            >
              {t.moveEarlier}
            </Button>
            <Button
              size="xs"
              variant="default"
              disabled={place === count}
              loading={move.isPending && move.variables?.position === place + 1}
              onClick={() => move.mutate({ id: photo.id, position: place + 1 })}
              aria-label={`${t.moveLater}: ${name}`}
            >
              {t.moveLater}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={onDelete}
              aria-label={`${t.deletePhoto}: ${photo.caption}`}
            >
              {t.deletePhoto}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
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
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mb="sm">
          {article.photos.map((p, i) => (
            <PhotoCard
              key={p.id}
              photo={p}
              place={i + 1}
              count={article.photos.length}
              onDelete={() => remove.mutate(p.id)}
            />
          ))}
        </SimpleGrid>
      )}
      {remove.error ? <ErrorPanel error={remove.error} /> : null}
      <form onSubmit={submit} noValidate aria-label={t.upload}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <FileInput
            label={t.photoFile}
            value={file}
            onChange={setFile}
            accept="image/jpeg,image/png,image/webp"
            clearable
            error={fieldError(upload.error, 'file', text, t.photoFile)}
          />
          <TextInput
            label={t.caption}
            value={caption}
            onChange={(e) => setCaption(e.currentTarget.value)}
            error={fieldError(upload.error, 'caption', text, t.caption)}
            maxLength={500}
          />
          <TextInput
            label={t.alt}
            value={alt}
            onChange={(e) => setAlt(e.currentTarget.value)}
            error={fieldError(upload.error, 'alt', text, t.alt)}
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
        !(isApiError(upload.error) && ['file', 'caption', 'alt'].includes(upload.error.field ?? '')) ? (
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
        <Badge
          color={STATUS_COLOUR[article.status]}
          // A coloured dot beside dark text: the light variant's green text fails WCAG AA contrast.
          variant="dot"
          data-testid="article-status"
        >
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
          <Revisions
            id={article.data.id}
            version={article.data.version}
            // The form starts again from the restored text.
            onRestored={() => setFormKey((k) => k + 1)}
          />
        </>
      )}
    </Stack>
  );
}
