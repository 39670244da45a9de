// Multipart uploads, one way for every route (issue 10, item 8; decision 0016): each file part is
// streamed to a private temporary folder, never whole in memory, under the smaller of the route's
// own limit and GIAMNGHEO_UPLOAD_MAX_MB; past it UPLOAD_TOO_LARGE (413, naming the limit). The
// folder is removed on every path: by readUpload itself on any error, by withUpload when its
// callback ends, or by whoever takes the upload over (the survey import's job).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../errors.js';

export interface UploadedFile {
  /** The multipart field the file came in. */
  field: string;
  /** The name the sender gave (not a path on this server). */
  fileName: string;
  contentType: string;
  /** Where it lies in the upload's temporary folder. */
  path: string;
  size: number;
}

export interface Upload {
  /** Temporary folder holding the files; removeUpload (or withUpload) deletes it. */
  dir: string;
  /** Every file part, in the order sent. */
  files: UploadedFile[];
  fields: Record<string, string>;
}

export interface UploadLimit {
  /** The route's own ceiling in MB; the configured GIAMNGHEO_UPLOAD_MAX_MB applies when lower. */
  maxMb?: number;
}

const MB = 1024 * 1024;
const safe = (name: string) => path.basename(name).replace(/[^\w.-]+/g, '_') || 'upload';

/** The first file sent in `field`. */
export function fileOf(upload: Upload, field: string): UploadedFile | undefined {
  return upload.files.find((f) => f.field === field);
}

export async function removeUpload(upload: Pick<Upload, 'dir'>): Promise<void> {
  await fs.promises.rm(upload.dir, { recursive: true, force: true });
}

/**
 * Streams the parts of a multipart request to a new temporary folder. A request that is not
 * multipart is refused (FIELD_REQUIRED on `file`); a file past the limit is UPLOAD_TOO_LARGE on its
 * field. On any error the folder is gone before the error goes on.
 */
export async function readUpload(req: FastifyRequest, limit: UploadLimit = {}): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('FIELD_REQUIRED', { field: 'file' }, { field: 'file' });
  const limitMb = Math.min(limit.maxMb ?? Infinity, req.deps.config.uploadMaxMb);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gn-upload-'));
  const upload: Upload = { dir, files: [], fields: {} };
  let field = 'file';
  try {
    for await (const part of req.parts({ limits: { fileSize: Math.floor(limitMb * MB) } })) {
      if (part.type === 'file') {
        field = part.fieldname;
        // The index keeps two parts of the same name apart; the sender's name ends the path so
        // readers that go by extension (the survey import) still can.
        const target = path.join(
          dir,
          `${upload.files.length}-${safe(part.fieldname)}-${safe(part.filename)}`,
        );
        await pipeline(part.file, fs.createWriteStream(target));
        if (part.file.truncated) throw new AppError('UPLOAD_TOO_LARGE', { limitMb }, { field });
        upload.files.push({
          field,
          fileName: part.filename,
          contentType: part.mimetype,
          path: target,
          size: (await fs.promises.stat(target)).size,
        });
      } else if (typeof part.value === 'string') upload.fields[part.fieldname] = part.value;
    }
    return upload;
  } catch (err) {
    await removeUpload(upload);
    const e = err as { code?: string; syscall?: string };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('UPLOAD_TOO_LARGE', { limitMb }, { field });
    // The multipart parser (busboy, @fastify/multipart) throws plain errors on a body that is not
    // well-formed (no boundary, a cut-off part): the client's fault, never a 500. An error of the
    // file system (a full disk) is ours and goes on as it is.
    if (!isAppError(err) && e.syscall === undefined)
      throw new AppError('MULTIPART_INVALID', {}, { field, cause: err });
    throw err;
  }
}

/** readUpload, then `use`; the temporary folder is removed whatever `use` does. */
export async function withUpload<T>(
  req: FastifyRequest,
  limit: UploadLimit,
  use: (upload: Upload) => Promise<T>,
): Promise<T> {
  const upload = await readUpload(req, limit);
  try {
    return await use(upload);
  } finally {
    await removeUpload(upload);
  }
}
