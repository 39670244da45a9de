// The server log carries no personal data (issue 17): the API's usual traffic — sign-in, the
// household list searched by name and by citizen ID, household pages, a survey check, an import
// upload, exports, the household report, a mistyped path, the portal search — is sent through an
// app whose logger writes to a buffer, and the buffer is scanned for the fixtures' names (as typed,
// without accents, URL-encoded), their household keys and any 12-digit number. Zero hits; and the
// negative control: the same traffic with Fastify's own serializer is caught by the same scan.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { makeDeps, type TestDeps } from '../support/db.js';
import { buildUser } from '../support/builders.js';
import { examples } from '../support/certificates.js';
import { foldText } from '../../src/domain/registry/fold.js';

type Member = { name: string; birthDate: string; sex: 'M' | 'F'; idNumber?: string };
/**
 * The examples with a valid 12-digit citizen ID for every member: province 038 (Thanh Hóa), the
 * sex-and-century digit, the year of birth, a serial.
 */
const records = examples.map((e, i) => ({
  ...e,
  householdId: String(e.householdId),
  members: (e.members as Member[]).map((m, j) => {
    const year = Number(m.birthDate.slice(0, 4));
    const century = (year >= 2000 ? 2 : 0) + (m.sex === 'F' ? 1 : 0);
    return {
      ...m,
      idNumber: `038${century}${String(year % 100).padStart(2, '0')}${String(i * 100 + j + 1).padStart(6, '0')}`,
    };
  }),
}));
const names = [...new Set(records.flatMap((r) => r.members.map((m) => m.name)))];
const keys = records.map((r) => String(r.householdId));
const someone = records[4]!;
const someName = String(someone.members[0]!.name);
const someId = String(someone.members[0]!.idNumber);

function multipart(file: { name: string; content: Buffer }) {
  const boundary = '----giamngheo-log';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\nvalid-rows\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Sends the traffic through a fresh app whose log goes to the returned buffer. */
async function trafficLog(deps: TestDeps, redactLog: boolean): Promise<string> {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  const app: FastifyInstance = await buildApp(deps, { logger: { level: 'trace', stream }, redactLog });
  try {
    const { user, password } = await buildUser(deps, { role: 'commune-officer', unitCode: '14830' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user.username, password },
    });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).match(/gn_session=[^;]+/)![0];
    const auth = { cookie, 'x-csrf-token': login.json().csrfToken as string };
    const get = async (url: string) => {
      const r = await app.inject({ method: 'GET', url, headers: auth });
      expect(r.statusCode, url).toBeLessThan(500);
      return r;
    };
    const up = multipart({
      name: 'survey.jsonl',
      content: Buffer.from(records.map((r) => JSON.stringify(r)).join('\n')),
    });
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/registry/imports?wait=true',
      payload: up.payload,
      headers: { ...up.headers, ...auth },
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json().report.imported).toBeGreaterThan(0);
    await get(`/api/v1/registry/households?unit=14830&q=${encodeURIComponent(someName)}`);
    await get(`/api/v1/registry/households?unit=14830&q=${encodeURIComponent(foldText(someName))}`);
    await get(`/api/v1/registry/households?unit=14830&q=${someId}`);
    const page = await get(`/api/v1/registry/households/${String(someone.householdId)}`);
    expect(page.json().headName).toBe(someName);
    await get(`/api/v1/registry/households/${String(someone.householdId)}/report.json`);
    await get(`/api/v1/registry/households/export.xlsx?unit=14830&q=${encodeURIComponent(someName)}`);
    await get(`/api/v1/registry/campaigns/14830/2024?case=${String(someone.householdId)}`);
    await get(`/api/v1/registry/households/${encodeURIComponent(someName)}/khong-co`);
    await get(`/tim-kiem?q=${encodeURIComponent(someName)}`);
    await get(`/api/v1/access-log?household=${String(someone.householdId)}`);
    const check = await app.inject({
      method: 'POST',
      url: '/api/v1/registry/households/check-duplicates',
      payload: { survey: records[0] },
      headers: auth,
    });
    expect(check.statusCode).toBe(200);
    // A sign-in that fails: the password typed stays out of the log too.
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user.username, password: `${password}-wrong` },
    });
    return chunks.join('');
  } finally {
    await app.close();
  }
}

/** Every trace of a person or household in a log: names (as typed, folded, URL-encoded), keys, citizen IDs. */
function personalDataIn(log: string): string[] {
  const hits = new Set<string>();
  const decoded = log.normalize('NFC');
  for (const n of names) {
    for (const form of [n, foldText(n), encodeURIComponent(n), encodeURIComponent(foldText(n))])
      if (decoded.toLowerCase().includes(form.toLowerCase())) hits.add(form);
  }
  for (const k of keys) if (new RegExp(`\\b${k}\\b`).test(log)) hits.add(k);
  // A 12-digit number standing alone (not 12 digits of a timestamp or of a response time's decimals).
  for (const m of log.match(/(?<![\d.])\d{12}(?![\d.])/g) ?? []) hits.add(m);
  if (log.includes('correct horse battery')) hits.add('password');
  return [...hits];
}

describe('server log', () => {
  let deps: TestDeps | undefined;
  afterEach(async () => {
    await deps?.cleanup();
    deps = undefined;
  });

  it('carries no names, household keys, citizen IDs or passwords of the traffic it logs', async () => {
    deps = await makeDeps('sqlite');
    const log = await trafficLog(deps, true);
    // The log is there and says what was asked, by route.
    expect(log).toContain('"url":"/api/v1/registry/households?unit=14830&q=[redacted]"');
    expect(log).toContain('"url":"/api/v1/registry/households/[redacted]/report.json"');
    expect(log).toContain('"statusCode":200');
    expect(personalDataIn(log)).toEqual([]);
  });

  it('negative control: the same scan finds them in a log written without the redaction', async () => {
    deps = await makeDeps('sqlite');
    const log = await trafficLog(deps, false);
    const hits = personalDataIn(log);
    expect(hits).toContain(encodeURIComponent(someName));
    expect(hits).toContain(someId);
    expect(hits).toContain(String(someone.householdId));
  });
});
