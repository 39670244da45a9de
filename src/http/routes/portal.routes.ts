// API of the public portal: the public captcha, comment and feedback endpoints, and the editors',
// moderators' and triage officers' endpoints used by the web app. Handlers parse, call one
// service, present.
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '../../errors.js';
import { fileOf, withUpload } from '../uploads.js';
import {
  createArticle,
  getArticleForEditor,
  getArticleRevision,
  getSiteSettings,
  listArticleRevisions,
  listArticlesForEditor,
  listPublicCategories,
  publishArticle,
  restoreArticleRevision,
  updateArticle,
  updateSiteSettings,
  withdrawArticle,
} from '../../services/public/articles.service.js';
import { newCaptchaChallenge } from '../../services/public/captcha.service.js';
import {
  listCommentsForModeration,
  moderateComment,
  submitComment,
} from '../../services/public/comments.service.js';
import {
  listFeedbackForTriage,
  lookupFeedback,
  respondToFeedback,
  submitFeedback,
} from '../../services/public/feedback.service.js';
import { addPhoto, editPhoto, MAX_PHOTO_MB, removePhoto } from '../../services/public/photos.service.js';
import { sanitizeArticleHtml } from '../../services/public/sanitize.js';
import { PUBLIC_POST_LIMIT } from '../public-limits.js';
import {
  commentBody,
  feedbackBody,
  idParams,
  revisionParams,
  type IdParams,
  type RevisionParams,
  challengeSchema,
  submittedCommentSchema,
  feedbackReceiptResponse,
  feedbackStatusViewSchema,
  categoryListResponse,
  articleListResponse,
  articleViewSchema,
  revisionListResponse,
  revisionViewSchema,
  previewResponse,
  photoViewSchema,
  siteSettingsSchema,
  commentListResponse,
  moderationResponse,
  feedbackListResponse,
  feedbackViewSchema,
  noContentResponse,
} from '../schemas/portal.js';

type Body = Record<string, unknown>;
export async function portalRoutes(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
  // The photo's size limit is per route (withUpload, src/http/uploads.ts).
  await app.register(multipart, { limits: { files: 1, fields: 10 } });

  // ── public ────────────────────────────────────────────────────────────────
  app.get(
    '/captcha',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        response: { 200: challengeSchema },
        tags: ['portal'],
        summary: 'Thử thách mã xác nhận (ALTCHA) / A proof-of-work captcha challenge',
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return newCaptchaChallenge(req.deps);
    },
  );

  app.post<{ Body: Body }>(
    '/comments',
    {
      config: { access: 'public', rateLimit: PUBLIC_POST_LIMIT },
      schema: {
        response: { 201: submittedCommentSchema },
        tags: ['portal'],
        summary: 'Gửi bình luận (chờ kiểm duyệt) / Send a comment (held for moderation)',
        body: commentBody,
      },
    },
    async (req, reply) => {
      const r = await submitComment(req.deps, req.body ?? {});
      return reply.status(201).send(r);
    },
  );

  app.post<{ Body: Body }>(
    '/feedback',
    {
      config: { access: 'public', rateLimit: PUBLIC_POST_LIMIT },
      schema: {
        response: { 201: feedbackReceiptResponse },
        tags: ['portal'],
        summary: 'Gửi góp ý, phản ánh; trả về mã theo dõi / Send feedback; returns a follow-up code',
        body: feedbackBody,
      },
    },
    async (req, reply) => reply.status(201).send(await submitFeedback(req.deps, req.body ?? {})),
  );

  app.get<{ Params: { code: string } }>(
    '/feedback/:code',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        response: { 200: feedbackStatusViewSchema },
        tags: ['portal'],
        summary: 'Tra cứu góp ý bằng mã theo dõi / Look up feedback by its code',
      },
    },
    async (req) => lookupFeedback(req.deps, req.params.code),
  );

  // ── editors: articles, photos, settings ───────────────────────────────────
  const editor = { access: { permission: 'portal.edit' } } as const;

  app.get(
    '/portal/categories',
    {
      config: { access: { permission: 'reference.read' } },
      schema: {
        response: { 200: categoryListResponse },
        tags: ['portal'],
        summary: 'Chuyên mục / Sections',
      },
    },
    async (req) => ({
      items: await listPublicCategories(req.deps),
    }),
  );

  app.get<{ Querystring: Body }>(
    '/portal/articles',
    {
      config: editor,
      schema: {
        response: { 200: articleListResponse },
        tags: ['portal'],
        summary: 'Bài viết (mọi trạng thái) / Articles in every state',
      },
    },
    async (req) => ({ items: await listArticlesForEditor(req.deps, req.actor!, req.query) }),
  );

  app.post<{ Body: Body }>(
    '/portal/articles',
    {
      config: editor,
      schema: {
        response: { 201: articleViewSchema },
        tags: ['portal'],
        summary: 'Tạo bài viết nháp / Create a draft article',
      },
    },
    async (req, reply) => reply.status(201).send(await createArticle(req.deps, req.actor!, req.body ?? {})),
  );

  app.get<{ Params: IdParams }>(
    '/portal/articles/:id',
    {
      config: editor,
      schema: {
        response: { 200: articleViewSchema },
        tags: ['portal'],
        summary: 'Một bài viết / One article',
        params: idParams,
      },
    },
    async (req) => getArticleForEditor(req.deps, req.actor!, req.params.id),
  );

  app.put<{ Params: IdParams; Body: Body }>(
    '/portal/articles/:id',
    {
      config: editor,
      schema: {
        response: { 200: articleViewSchema },
        tags: ['portal'],
        summary: 'Lưu phiên bản mới (kèm version) / Save a new version (send version)',
        params: idParams,
      },
    },
    async (req) => updateArticle(req.deps, req.actor!, req.params.id, req.body ?? {}),
  );

  app.post<{ Params: IdParams; Body: Body }>(
    '/portal/articles/:id/publish',
    {
      config: editor,
      schema: {
        response: { 200: articleViewSchema },
        tags: ['portal'],
        summary: 'Đăng ngay hoặc hẹn giờ (publishAt) / Publish now or schedule (publishAt)',
        params: idParams,
      },
    },
    async (req) => publishArticle(req.deps, req.actor!, req.params.id, req.body ?? {}),
  );

  app.post<{ Params: IdParams }>(
    '/portal/articles/:id/withdraw',
    {
      config: editor,
      schema: {
        response: { 200: articleViewSchema },
        tags: ['portal'],
        summary: 'Gỡ bài viết / Withdraw an article',
        params: idParams,
      },
    },
    async (req) => withdrawArticle(req.deps, req.actor!, req.params.id),
  );

  app.get<{ Params: IdParams }>(
    '/portal/articles/:id/revisions',
    {
      config: editor,
      schema: {
        response: { 200: revisionListResponse },
        tags: ['portal'],
        summary: 'Các phiên bản đã lưu / Saved revisions',
        params: idParams,
      },
    },
    async (req) => ({ items: await listArticleRevisions(req.deps, req.actor!, req.params.id) }),
  );

  app.get<{ Params: RevisionParams }>(
    '/portal/articles/:id/revisions/:version',
    {
      config: editor,
      schema: {
        response: { 200: revisionViewSchema },
        tags: ['portal'],
        summary: 'Một phiên bản đã lưu / One saved revision',
        params: revisionParams,
      },
    },
    async (req) => getArticleRevision(req.deps, req.actor!, req.params.id, req.params.version),
  );

  app.post<{ Params: RevisionParams; Body: Body }>(
    '/portal/articles/:id/revisions/:version/restore',
    {
      config: editor,
      schema: {
        response: { 200: articleViewSchema },
        tags: ['portal'],
        summary:
          'Khôi phục phiên bản thành phiên bản mới (kèm version hiện tại) / Restore a revision as a new version (send the current version)',
        params: revisionParams,
      },
    },
    async (req) =>
      restoreArticleRevision(req.deps, req.actor!, req.params.id, req.params.version, req.body ?? {}),
  );

  app.post<{ Body: Body }>(
    '/portal/preview',
    {
      config: editor,
      schema: {
        response: { 200: previewResponse },
        tags: ['portal'],
        summary: 'Xem trước nội dung đã làm sạch / Preview the sanitised body',
      },
    },
    async (req) => ({
      bodyHtml: sanitizeArticleHtml(typeof req.body?.bodyHtml === 'string' ? req.body.bodyHtml : ''),
    }),
  );

  app.post<{ Params: IdParams }>(
    '/portal/articles/:id/photos',
    {
      config: editor,
      schema: {
        response: { 201: photoViewSchema },
        tags: ['portal'],
        summary: 'Tải ảnh lên (multipart: file, caption, alt) / Upload a photo',
        params: idParams,
      },
    },
    async (req, reply) => {
      // sharp reads the image from the upload's temporary file, removed when this ends.
      const photo = await withUpload(req, { maxMb: MAX_PHOTO_MB }, async (upload) => {
        const file = fileOf(upload, 'file');
        if (!file) throw new AppError('FIELD_REQUIRED', { field: 'file' }, { field: 'file' });
        return addPhoto(req.deps, req.actor!, req.params.id, {
          path: file.path,
          caption: upload.fields.caption,
          alt: upload.fields.alt,
        });
      });
      return reply.status(201).send(photo);
    },
  );

  app.patch<{ Params: IdParams; Body: Body }>(
    '/portal/photos/:id',
    {
      config: editor,
      schema: {
        response: { 200: photoViewSchema },
        tags: ['portal'],
        summary: 'Sửa chú thích, mô tả, thứ tự ảnh / Edit caption, alt text, order',
        params: idParams,
      },
    },
    async (req) => editPhoto(req.deps, req.actor!, req.params.id, req.body ?? {}),
  );

  app.delete<{ Params: IdParams }>(
    '/portal/photos/:id',
    {
      config: editor,
      schema: {
        tags: ['portal'],
        summary: 'Xoá ảnh / Delete a photo',
        params: idParams,
        response: { 204: noContentResponse },
      },
    },
    async (req, reply) => {
      await removePhoto(req.deps, req.actor!, req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/portal/settings',
    {
      config: editor,
      schema: {
        response: { 200: siteSettingsSchema },
        tags: ['portal'],
        summary: 'Khẩu hiệu của trang / Site slogans',
      },
    },
    async (req) => getSiteSettings(req.deps),
  );

  app.put<{ Body: Body }>(
    '/portal/settings',
    {
      config: editor,
      schema: {
        response: { 200: siteSettingsSchema },
        tags: ['portal'],
        summary: 'Sửa khẩu hiệu / Edit the slogans',
      },
    },
    async (req) => updateSiteSettings(req.deps, req.actor!, req.body ?? {}),
  );

  // ── moderation and triage ─────────────────────────────────────────────────
  app.get<{ Querystring: Body }>(
    '/portal/comments',
    {
      config: { access: { permission: 'portal.moderate' } },
      schema: {
        response: { 200: commentListResponse },
        tags: ['portal'],
        summary: 'Bình luận cần kiểm duyệt / Comments to moderate',
      },
    },
    async (req) => ({ items: await listCommentsForModeration(req.deps, req.actor!, req.query) }),
  );

  app.post<{ Params: IdParams; Body: Body }>(
    '/portal/comments/:id/moderate',
    {
      config: { access: { permission: 'portal.moderate' } },
      schema: {
        response: { 200: moderationResponse },
        tags: ['portal'],
        summary: 'Duyệt hoặc từ chối (kèm lý do) / Publish or reject (with a reason)',
        params: idParams,
      },
    },
    async (req) => moderateComment(req.deps, req.actor!, req.params.id, req.body ?? {}),
  );

  app.get<{ Querystring: Body }>(
    '/portal/feedback',
    {
      config: { access: { permission: 'feedback.triage' } },
      schema: {
        response: { 200: feedbackListResponse },
        tags: ['portal'],
        summary: 'Góp ý, phản ánh cần xử lý / Feedback to triage',
      },
    },
    async (req) => ({ items: await listFeedbackForTriage(req.deps, req.actor!, req.query) }),
  );

  app.post<{ Params: IdParams; Body: Body }>(
    '/portal/feedback/:id/respond',
    {
      config: { access: { permission: 'feedback.triage' } },
      schema: {
        response: { 200: feedbackViewSchema },
        tags: ['portal'],
        summary: 'Trả lời, đổi trạng thái / Answer, change status',
        params: idParams,
      },
    },
    async (req) => respondToFeedback(req.deps, req.actor!, req.params.id, req.body ?? {}),
  );
}
