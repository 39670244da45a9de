// The portal's editorial API: articles (draft → scheduled/published → withdrawn), photos,
// comment moderation and feedback triage. See /api/docs (tag "portal").
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, API_BASE } from './client';
import type { SessionAnswer } from './types';

// The answers are typed by the server's response schemas (src/http/schemas/portal.ts), type-only.
import type {
  ArticleListItem,
  ArticleView,
  CategoryView as Category,
  CommentView as Comment,
  FeedbackView as Feedback,
  PhotoView as Photo,
  RevisionView as Revision,
  SiteSettingsView as SiteSettings,
} from '../../../http/schemas/portal';

export type { Category, Comment, Feedback, Photo, Revision, SiteSettings };
/** An article as the editor reads it; the list adds its comment count. */
export type Article = ArticleView & { commentCount?: ArticleListItem['commentCount'] };
export type ArticleStatus = Article['status'];
export type PhotoSource = Photo['sources'][number];

export interface ArticleInput {
  title: string;
  summary: string;
  bodyHtml: string;
  categorySlug: string;
  tags: string[];
  authorName: string;
  slug?: string;
}

export function useCategories() {
  return useQuery({
    queryKey: ['portal', 'categories'],
    queryFn: ({ signal }) =>
      api.get<{ items: Category[] }>('/portal/categories', undefined, signal).then((r) => r.items),
    staleTime: 60 * 60 * 1000,
  });
}

export function useArticles() {
  return useQuery({
    queryKey: ['portal', 'articles'],
    queryFn: ({ signal }) =>
      api.get<{ items: Article[] }>('/portal/articles', { limit: 100 }, signal).then((r) => r.items),
  });
}

export function useArticle(id: number | null) {
  return useQuery({
    queryKey: ['portal', 'article', id],
    queryFn: ({ signal }) => api.get<Article>(`/portal/articles/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

function useInvalidateArticles() {
  const qc = useQueryClient();
  return (a: Article) => {
    qc.setQueryData(['portal', 'article', a.id], a);
    void qc.invalidateQueries({ queryKey: ['portal', 'articles'] });
  };
}

export function useSaveArticle(id: number | null) {
  const done = useInvalidateArticles();
  return useMutation({
    mutationFn: (input: ArticleInput & { version?: number }) =>
      id === null
        ? api.post<Article>('/portal/articles', input)
        : api.put<Article>(`/portal/articles/${id}`, input),
    onSuccess: done,
  });
}

export function usePublishArticle(id: number) {
  const done = useInvalidateArticles();
  return useMutation({
    mutationFn: (publishAt: string | null) =>
      api.post<Article>(`/portal/articles/${id}/publish`, publishAt ? { publishAt } : {}),
    onSuccess: done,
  });
}

export function useWithdrawArticle(id: number) {
  const done = useInvalidateArticles();
  return useMutation({
    mutationFn: () => api.post<Article>(`/portal/articles/${id}/withdraw`),
    onSuccess: done,
  });
}

/** Multipart upload (the JSON client does not send files); the CSRF token comes from /auth/me. */
async function uploadPhoto(articleId: number, file: File, caption: string, alt: string): Promise<Photo> {
  const { csrfToken } = await api.get<SessionAnswer>('/auth/me');
  const form = new FormData();
  form.append('caption', caption);
  form.append('alt', alt);
  form.append('file', file);
  const res = await fetch(`${API_BASE}/portal/articles/${articleId}/photos`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': csrfToken, accept: 'application/json' },
  });
  const body = (await res.json().catch(() => undefined)) as { error?: { code: string } } | Photo | undefined;
  if (!res.ok) {
    const err = body && 'error' in body ? body.error : undefined;
    throw new ApiError(res.status, err ?? { code: 'BAD_RESPONSE' });
  }
  return body as Photo;
}

export function useUploadPhoto(articleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; caption: string; alt: string }) =>
      uploadPhoto(articleId, v.file, v.caption, v.alt),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['portal', 'article', articleId] }),
  });
}

/** Caption, alt text, and/or the place (1 = first) among the article's photos; the others shift. */
export function useEditPhoto(articleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; caption?: string; alt?: string; position?: number }) =>
      api.patch<Photo>(`/portal/photos/${v.id}`, { caption: v.caption, alt: v.alt, position: v.position }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['portal', 'article', articleId] }),
  });
}

export function useDeletePhoto(articleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<void>(`/portal/photos/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['portal', 'article', articleId] }),
  });
}

export function usePreview() {
  return useMutation({
    mutationFn: (bodyHtml: string) =>
      api.post<{ bodyHtml: string }>('/portal/preview', { bodyHtml }).then((r) => r.bodyHtml),
  });
}

export function useComments(status: string) {
  return useQuery({
    queryKey: ['portal', 'comments', status],
    queryFn: ({ signal }) =>
      api.get<{ items: Comment[] }>('/portal/comments', { status, limit: 100 }, signal).then((r) => r.items),
  });
}

export function useModerateComment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; decision: 'publish' | 'reject'; reason?: string }) =>
      api.post(`/portal/comments/${v.id}/moderate`, { decision: v.decision, reason: v.reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['portal', 'comments'] }),
  });
}

export function useFeedbackList(status: string) {
  return useQuery({
    queryKey: ['portal', 'feedback', status],
    queryFn: ({ signal }) =>
      api.get<{ items: Feedback[] }>('/portal/feedback', { status, limit: 100 }, signal).then((r) => r.items),
  });
}

export function useRespondFeedback() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; status: Feedback['status']; response: string }) =>
      api.post<Feedback>(`/portal/feedback/${v.id}/respond`, { status: v.status, response: v.response }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['portal', 'feedback'] }),
  });
}

export function useSiteSettings() {
  return useQuery({
    queryKey: ['portal', 'settings'],
    queryFn: ({ signal }) => api.get<SiteSettings>('/portal/settings', undefined, signal),
  });
}

export function useSaveSiteSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: SiteSettings) => api.put<SiteSettings>('/portal/settings', s),
    onSuccess: (s) => qc.setQueryData(['portal', 'settings'], s),
  });
}

export function useRevisions(id: number, version: number) {
  return useQuery({
    queryKey: ['portal', 'revisions', id, version],
    queryFn: ({ signal }) =>
      api
        .get<{ items: Revision[] }>(`/portal/articles/${id}/revisions`, undefined, signal)
        .then((r) => r.items),
  });
}

export function useRevision(id: number, version: number | null) {
  return useQuery({
    queryKey: ['portal', 'revision', id, version],
    queryFn: ({ signal }) =>
      api.get<Revision>(`/portal/articles/${id}/revisions/${version}`, undefined, signal),
    enabled: version !== null,
    // A saved version never changes.
    staleTime: Infinity,
  });
}

/**
 * Restores `from` as a new version; `version` is the one on screen (a stale one is a CONFLICT,
 * after which the article is fetched again so the editor sees what changed).
 */
export function useRestoreRevision(id: number) {
  const done = useInvalidateArticles();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { from: number; version: number }) =>
      api.post<Article>(`/portal/articles/${id}/revisions/${v.from}/restore`, { version: v.version }),
    onSuccess: done,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'CONFLICT')
        void qc.invalidateQueries({ queryKey: ['portal', 'article', id] });
    },
  });
}
