// Photos of articles: an upload is checked to be an image, turned upright, stripped of its
// metadata (camera GPS positions included), resized into web widths in WebP with a JPEG fallback
// and stored under the upload directory by content hash, so a rendition never changes once
// written and can be cached for a year.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../errors.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import {
  countPhotosWithKey,
  deletePhoto as deletePhotoRow,
  findArticleById,
  findPhoto,
  insertPhoto,
  listPhotos,
  nextPhotoPosition,
  updatePhoto as updatePhotoRow,
} from '../../db/repositories/portal.repository.js';
import { requirePermission } from '../access.js';
import { publicTransaction } from './changes.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { photoFileName, toPhotoView, type PhotoView } from './articles.service.js';
import { optionalText, positiveId, requiredText } from './validate.js';

/** Widths of the web renditions: phone, tablet/desktop column, full-screen. */
export const PHOTO_WIDTHS = [480, 960, 1600] as const;
/** Refuse decompression bombs: more pixels than a 50-megapixel camera is not a press photo. */
const MAX_INPUT_PIXELS = 50_000_000;
/** Largest photo upload, in MB (the HTTP upload stops there too: UPLOAD_TOO_LARGE). */
export const MAX_PHOTO_MB = 15;
export const MAX_PHOTO_BYTES = MAX_PHOTO_MB * 1024 * 1024;

export function photoDir(deps: Deps): string {
  return path.resolve(deps.config.uploadDir, 'portal');
}

const FILE_NAME = /^[a-f0-9]{32}-\d{2,4}\.(webp|jpg)$/;

/** The path of a stored rendition, or undefined for any name that is not one (no path tricks). */
export function photoFilePath(deps: Deps, name: string): string | undefined {
  return FILE_NAME.test(name) ? path.join(photoDir(deps), name) : undefined;
}

/** SHA-256 of bytes, or of a file read as a stream. */
async function sha256Of(data: Buffer | string): Promise<string> {
  const hash = crypto.createHash('sha256');
  if (typeof data !== 'string') return hash.update(data).digest('hex');
  for await (const chunk of createReadStream(data) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Renders the web sizes of an image (its bytes, or the path of a file: sharp reads it from disk);
 * returns its content key and the widths written.
 */
export async function storeRenditions(
  deps: Deps,
  data: Buffer | string,
): Promise<{ fileKey: string; widths: number[]; width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch (err) {
    throw new AppError(
      'FIELD_INVALID',
      { field: 'file', detail: 'không phải ảnh JPEG/PNG/WebP / not a JPEG, PNG or WebP image' },
      { field: 'file', cause: err },
    );
  }
  if (
    !meta.format ||
    !['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif', 'heif'].includes(meta.format) ||
    !meta.width ||
    !meta.height
  ) {
    throw new AppError(
      'FIELD_INVALID',
      { field: 'file', detail: 'không phải ảnh JPEG/PNG/WebP / not a JPEG, PNG or WebP image' },
      { field: 'file' },
    );
  }
  // Orientation 5–8 swaps width and height once the image is turned upright.
  const upright = (meta.orientation ?? 1) >= 5;
  const width = upright ? meta.height : meta.width;
  const height = upright ? meta.width : meta.height;
  const fileKey = (await sha256Of(data)).slice(0, 32);
  const widths: number[] = PHOTO_WIDTHS.filter((w) => w <= width);
  // A picture narrower than the smallest width is kept at its own size, never enlarged.
  if (widths.length === 0) widths.push(width);
  const dir = photoDir(deps);
  await fs.mkdir(dir, { recursive: true });
  for (const w of widths) {
    const base = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: w, withoutEnlargement: true });
    const [webp, jpeg] = await Promise.all([
      base.clone().webp({ quality: 78 }).toBuffer(),
      base.clone().flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true }).toBuffer(),
    ]);
    await writeAtomically(path.join(dir, photoFileName(fileKey, w, 'webp')), webp);
    await writeAtomically(path.join(dir, photoFileName(fileKey, w, 'jpg')), jpeg);
  }
  return { fileKey, widths, width, height };
}

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

/** The image as bytes, or as a file on disk (an upload's temporary file). */
export type PhotoUpload = ({ data: Buffer } | { path: string }) & {
  caption?: unknown;
  alt?: unknown;
};

export async function addPhoto(
  deps: Deps,
  actor: Actor,
  articleIdValue: unknown,
  upload: PhotoUpload,
): Promise<PhotoView> {
  requirePermission(actor, 'portal.edit');
  const articleId = positiveId(articleIdValue, 'articleId');
  const caption = requiredText(upload.caption, 'caption', 500);
  // Alt text describes the picture for a screen reader; the caption is a fair default.
  const alt = optionalText(upload.alt, 'alt', 500) ?? caption;
  const image = 'data' in upload ? upload.data : upload.path;
  const size = typeof image === 'string' ? (await fs.stat(image)).size : image.length;
  if (size === 0) throw new AppError('FIELD_REQUIRED', { field: 'file' }, { field: 'file' });
  if (size > MAX_PHOTO_BYTES)
    throw new AppError('UPLOAD_TOO_LARGE', { limitMb: MAX_PHOTO_MB }, { field: 'file' });
  if (!(await findArticleById(deps.db.kysely, articleId)))
    throw new AppError('ARTICLE_NOT_FOUND', { id: articleId });
  const stored = await storeRenditions(deps, image);
  const at = nowIso(deps);
  return publicTransaction(deps, async (trx) => {
    const row = await insertPhoto(trx, {
      article_id: articleId,
      position: await nextPhotoPosition(trx, articleId),
      caption,
      alt,
      file_key: stored.fileKey,
      widths_json: JSON.stringify(stored.widths),
      width: stored.width,
      height: stored.height,
      created_at: at,
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'create',
      entity: 'article-photo',
      entityId: String(row.id),
      after: { articleId, caption, alt, fileKey: stored.fileKey },
    });
    return toPhotoView(row);
  });
}

/**
 * Edits a photo's caption and alt text, and moves it to `position` (1 = first) among the photos
 * of its article: the others shift to make room and every position is renumbered 1…n in the same
 * transaction, so a move is one request and two photos never share a place.
 */
export async function editPhoto(
  deps: Deps,
  actor: Actor,
  idValue: unknown,
  input: { caption?: unknown; alt?: unknown; position?: unknown },
): Promise<PhotoView> {
  requirePermission(actor, 'portal.edit');
  const id = positiveId(idValue, 'id');
  const at = nowIso(deps);
  return publicTransaction(deps, async (trx) => {
    const current = await findPhoto(trx, id);
    if (!current) throw new AppError('NOT_FOUND', { what: `ảnh / photo ${id}` });
    const patch: { caption?: string; alt?: string; position?: number } = {};
    if (input.caption !== undefined) patch.caption = requiredText(input.caption, 'caption', 500);
    if (input.alt !== undefined) patch.alt = requiredText(input.alt, 'alt', 500);
    if (input.position !== undefined) {
      const wanted = positiveId(input.position, 'position');
      const others = (await listPhotos(trx, [current.article_id])).filter((p) => p.id !== id);
      // A place past the end means "last".
      const place = Math.min(wanted, others.length + 1);
      others.splice(place - 1, 0, current);
      for (const [i, p] of others.entries()) {
        if (p.id !== id && p.position !== i + 1) await updatePhotoRow(trx, p.id, { position: i + 1 });
      }
      patch.position = place;
    }
    const row = Object.keys(patch).length ? await updatePhotoRow(trx, id, patch) : current;
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'update',
      entity: 'article-photo',
      entityId: String(id),
      before: { caption: current.caption, alt: current.alt, position: current.position },
      after: patch,
    });
    return toPhotoView(row ?? current);
  });
}

export async function removePhoto(deps: Deps, actor: Actor, idValue: unknown): Promise<void> {
  requirePermission(actor, 'portal.edit');
  const id = positiveId(idValue, 'id');
  const at = nowIso(deps);
  const removed = await publicTransaction(deps, async (trx) => {
    const current = await findPhoto(trx, id);
    if (!current) throw new AppError('NOT_FOUND', { what: `ảnh / photo ${id}` });
    await deletePhotoRow(trx, id);
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'delete',
      entity: 'article-photo',
      entityId: String(id),
      before: { articleId: current.article_id, caption: current.caption, fileKey: current.file_key },
    });
    return { current, stillUsed: (await countPhotosWithKey(trx, current.file_key)) > 0 };
  });
  // Files go only after the row is gone, and only when no other photo shares the same image.
  if (!removed.stillUsed) {
    for (const w of JSON.parse(removed.current.widths_json) as number[]) {
      for (const ext of ['webp', 'jpg'] as const)
        await fs.rm(path.join(photoDir(deps), photoFileName(removed.current.file_key, w, ext)), {
          force: true,
        });
    }
  }
}
