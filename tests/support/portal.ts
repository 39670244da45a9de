// Builders for portal tests: a synthetic photo, a solved captcha, a published article.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import sharp from 'sharp';
import { solveChallenge } from 'altcha-lib/v1';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../src/services/deps.js';
import { newCaptchaChallenge } from '../../src/services/public/captcha.service.js';

/** Deps whose uploads go to a fresh temporary directory. */
export function withTempUploads<T extends Deps>(deps: T): T & { uploadDir: string } {
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-portal-'));
  return { ...deps, config: { ...deps.config, uploadDir }, uploadDir };
}

/** A synthetic JPEG: coloured background and a label, drawn from SVG (nothing downloaded). */
export async function syntheticPhoto(
  label: string,
  width = 1800,
  height = 1000,
  colour = '#2b6cb0',
): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${colour}"/><text x="50%" y="50%" font-size="80" text-anchor="middle" fill="#fff" font-family="sans-serif">${label}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** A solved captcha payload (base64 JSON), as the browser script sends it. */
export async function solvedCaptcha(source: Deps | FastifyInstance): Promise<string> {
  const ch =
    'inject' in source
      ? ((await source.inject({ method: 'GET', url: '/api/v1/captcha' })).json() as {
          algorithm: string;
          challenge: string;
          salt: string;
          signature: string;
          maxnumber: number;
        })
      : await newCaptchaChallenge(source);
  const solution = await solveChallenge(ch.challenge, ch.salt, ch.algorithm, ch.maxnumber).promise;
  if (!solution) throw new Error('captcha not solved');
  return Buffer.from(
    JSON.stringify({
      algorithm: ch.algorithm,
      challenge: ch.challenge,
      number: solution.number,
      salt: ch.salt,
      signature: ch.signature,
    }),
  ).toString('base64');
}

/** A multipart body with one file and text fields, for app.inject. */
export function multipartBody(
  file: Buffer,
  fields: Record<string, string>,
  filename = 'photo.jpg',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gn${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
  );
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
