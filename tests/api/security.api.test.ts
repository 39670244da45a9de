// The HTTP edge against a hostile client (issue 10): CSRF decided on the matched route, access
// checked before the body is read, sign-in throttling, password policy, accounts without a unit,
// proxy trust from configuration, security headers, attachments as downloads, 414 in the error
// format. Each case reproduces a finding of the issue and failed before the fix.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import { createUser } from '../../src/services/users.service.js';
import { SYSTEM } from '../../src/services/deps.js';
import { listAudit } from '../../src/db/repositories/audit.repository.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildSession, buildUser } from '../support/builders.js';
import { codeOf } from '../support/errors.js';
import { messageOf, type ErrorCode } from '../../src/errors.js';

type Session = { cookie: string; csrf: string };

for (const dialect of DIALECTS) {
  describe(`HTTP edge security (${dialect})`, () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let uploadDir: string;
    let officer: Session;

    beforeAll(async () => {
      deps = await makeDeps(dialect);
      uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-sec-'));
      app = await buildApp({ ...deps, config: { ...deps.config, uploadDir } });
      officer = await buildSession(deps, { role: 'commune-officer', unitCode: '16516' });
    });
    afterAll(async () => {
      await app.close();
      fs.rmSync(uploadDir, { recursive: true, force: true });
      await deps.cleanup();
    });

    describe('CSRF on the matched route (item 5)', () => {
      it('refuses a session-cookie POST without the token, however the path is spelled', async () => {
        for (const url of ['/api/v1/units/16516/villages', '/%61pi/v1/units/16516/villages']) {
          const r = await app.inject({
            method: 'POST',
            url,
            headers: { cookie: officer.cookie },
            payload: { name: 'Thôn Giả Mạo', kind: 'thon', on: '2024-06-07' },
          });
          expect(r.statusCode, url).toBe(403);
          expect(r.json().error.code, url).toBe('CSRF_INVALID');
        }
        const list = await app.inject({
          method: 'GET',
          url: '/api/v1/units/16516/villages?on=2024-06-07',
          headers: { cookie: officer.cookie },
        });
        expect(list.json().items.map((v: { name: string }) => v.name)).not.toContain('Thôn Giả Mạo');
      });

      it('refuses a multipart import without the token at an encoded path', async () => {
        const boundary = '----gn';
        const r = await app.inject({
          method: 'POST',
          url: '/%61pi/v1/registry/imports',
          headers: { cookie: officer.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
          payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jsonl"\r\nContent-Type: application/json\r\n\r\n{}\r\n--${boundary}--\r\n`,
        });
        expect(r.statusCode).toBe(403);
        expect(r.json().error.code).toBe('CSRF_INVALID');
      });

      it('still accepts the same call with the token', async () => {
        const r = await app.inject({
          method: 'POST',
          url: '/%61pi/v1/units/16516/villages',
          headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf },
          payload: { name: 'Thôn Thật', kind: 'thon', on: '2024-06-07' },
        });
        expect(r.statusCode).toBe(200);
      });
    });

    describe('access before the body (item 12)', () => {
      it('answers an anonymous POST /users with 401, not a validation error', async () => {
        const r = await app.inject({ method: 'POST', url: '/api/v1/users', payload: {} });
        expect(r.statusCode).toBe(401);
        expect(r.json().error.code).toBe('AUTH_REQUIRED');
      });

      it('does not parse a 19 MB anonymous body (malformed JSON would be a 400)', async () => {
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/registry/households',
          headers: { 'content-type': 'application/json' },
          payload: '{' + 'x'.repeat(19 * 1024 * 1024),
        });
        expect(r.statusCode).toBe(401);
        expect(r.json().error.code).toBe('AUTH_REQUIRED');
      });

      it('refuses a role without the permission before validating its body', async () => {
        const editor = await buildSession(deps, { role: 'editor', unitCode: '16516' });
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/json' },
          payload: '{not json',
        });
        expect(r.statusCode).toBe(403);
        expect(r.json().error.code).toBe('FORBIDDEN_ROLE');
      });
    });

    describe('accounts (items 6 and 11)', () => {
      it('refuses an account without a unit for every role but admin', async () => {
        for (const role of ['supervisor', 'editor', 'commune-officer'] as const) {
          expect(
            await codeOf(
              createUser(deps, SYSTEM, { username: `x.${role}`, password: 'mot-mat-khau-dai', role }),
            ),
            role,
          ).toBe('UNIT_SCOPE_REQUIRED');
        }
        const admin = await createUser(deps, SYSTEM, {
          username: 'quantri.quocgia',
          password: 'mot-mat-khau-dai',
          role: 'admin',
          unitCode: null,
        });
        expect(admin.unitCode).toBeNull();
      });

      it('gives an older unit-less supervisor no scope at all, not the country', async () => {
        // An account left without a unit by an older version, with a live session.
        const { password } = await buildUser(deps, {
          role: 'supervisor',
          unitCode: '16516',
          username: 'giamsat.cu',
        });
        const s = await buildSession(deps, {
          role: 'supervisor',
          unitCode: '16516',
          username: 'giamsat.cu2',
        });
        await deps.db.kysely
          .updateTable('app_user')
          .set({ unit_code: null })
          .where('username', 'in', ['giamsat.cu', 'giamsat.cu2'])
          .execute();
        const r = await app.inject({
          method: 'GET',
          url: '/api/v1/registry/households?unit=01',
          headers: { cookie: s.cookie },
        });
        expect(r.statusCode).toBe(401);
        const login = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'giamsat.cu', password },
        });
        expect(login.statusCode).toBe(403);
        expect(login.json().error.code).toBe('AUTH_ACCOUNT_UNSCOPED');
      });

      it('refuses short, blank, username-like and common passwords with coded errors', async () => {
        const make = (username: string, password: string) =>
          codeOf(createUser(deps, SYSTEM, { username, password, role: 'admin', unitCode: null }));
        expect(await make('a.short', '12345678')).toBe('PASSWORD_WEAK');
        expect(await make('a.blank', ' '.repeat(12))).toBe('PASSWORD_BLANK');
        expect(await make('nguyen.van.an', 'Nguyen.Van.An')).toBe('PASSWORD_IS_USERNAME');
        expect(await make('nguyen.van.binh', ' nguyen.van.binh ')).toBe('PASSWORD_IS_USERNAME');
        expect(await make('a.common', '1234567890')).toBe('PASSWORD_COMMON');
        expect(await make('a.common2', 'Password123')).toBe('PASSWORD_COMMON');
        // Through the API, with the field named and both languages.
        const admin = await buildSession(deps, { role: 'admin', unitCode: null, username: 'quantri.api' });
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
          payload: {
            username: 'can.bo.moi',
            password: 'qwertyuiop',
            role: 'commune-officer',
            unitCode: '16516',
          },
        });
        expect(r.statusCode).toBe(400);
        expect(r.json().error).toMatchObject({ code: 'PASSWORD_COMMON', field: 'password' });
        expect(r.json().error.messageEn).toMatch(/common passwords/);
      });
    });

    describe('sign-in throttling (item 6)', () => {
      const attempt = (username: string, password: string, ip = '198.51.100.7') =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password },
          remoteAddress: ip,
        });

      it('locks an account after 5 failures with a doubling delay, refuses the right password meanwhile, audits each failure', async () => {
        const { user, password } = await buildUser(deps, { username: 'bi.doan', unitCode: '16516' });
        const start = deps.now();
        for (let i = 0; i < 5; i++)
          expect((await attempt('bi.doan', `sai-mat-khau-${i}`)).statusCode).toBe(401);
        const locked = await attempt('bi.doan', password);
        expect(locked.statusCode).toBe(429);
        expect(locked.json().error.code).toBe('AUTH_THROTTLED');
        expect(locked.headers['retry-after']).toBe('1');
        expect(locked.json().error.message).toContain('1 giây');
        // After the delay one more failure doubles it.
        deps.setNow(new Date(start.getTime() + 1_500));
        expect((await attempt('bi.doan', 'van-sai-nua')).statusCode).toBe(401);
        expect((await attempt('bi.doan', password)).headers['retry-after']).toBe('2');
        // From another address the account is still locked.
        expect((await attempt('bi.doan', password, '203.0.113.9')).statusCode).toBe(429);
        const audit = await listAudit(deps.db.kysely, 'user', String(user.id));
        expect(audit.filter((a) => a.action === 'login-failed')).toHaveLength(6);
        // Once the delay is over, the right password signs in and clears the count.
        deps.setNow(new Date(start.getTime() + 5_000));
        expect((await attempt('bi.doan', password)).statusCode).toBe(200);
        expect((await attempt('bi.doan', 'sai-lan-nua')).statusCode).toBe(401);
        expect((await attempt('bi.doan', password)).statusCode).toBe(200);
        deps.setNow(start);
      });

      it('locks an address that tries many accounts', async () => {
        const { password } = await buildUser(deps, { username: 'nan.nhan', unitCode: '16516' });
        for (let i = 0; i < 5; i++) await attempt(`khong.ton.tai.${i}`, 'mat-khau-bat-ky', '192.0.2.44');
        const r = await attempt('nan.nhan', password, '192.0.2.44');
        expect(r.statusCode).toBe(429);
        expect((await attempt('nan.nhan', password, '192.0.2.45')).statusCode).toBe(200);
      });
    });

    describe('proxy trust (item 7)', () => {
      it('keys on the socket address by default, and on X-Forwarded-For only from a configured proxy', async () => {
        const ipOf = async (a: FastifyInstance, remoteAddress: string) => {
          let seen = '';
          a.addHook('onRequest', async (req) => {
            seen = req.ip;
          });
          await a.inject({
            method: 'GET',
            url: '/api/health',
            remoteAddress,
            headers: { 'x-forwarded-for': '1.2.3.4' },
          });
          return seen;
        };
        const plain = await buildApp(deps);
        expect(await ipOf(plain, '198.51.100.20')).toBe('198.51.100.20');
        await plain.close();
        const config = loadConfig({ GIAMNGHEO_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }, { db: deps.config.db });
        expect(config.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
        const proxied = await buildApp({ ...deps, config });
        expect(await ipOf(proxied, '10.1.2.3')).toBe('1.2.3.4');
        await proxied.close();
        const proxied2 = await buildApp({ ...deps, config });
        expect(await ipOf(proxied2, '198.51.100.20')).toBe('198.51.100.20');
        await proxied2.close();
      });

      it('does not let a rotating X-Forwarded-For lift a public limit', async () => {
        const codes: number[] = [];
        for (let i = 0; i < 31; i++) {
          const r = await app.inject({
            method: 'GET',
            url: '/api/v1/feedback/GY-KHONG-CO',
            remoteAddress: '198.51.100.99',
            headers: { 'x-forwarded-for': `203.0.113.${i}` },
          });
          codes.push(r.statusCode);
        }
        // 30 a minute per address: the 31st is refused although every request named another address.
        expect(codes.slice(0, 30).every((c) => c !== 429)).toBe(true);
        expect(codes[30]).toBe(429);
      });

      it('rejects a malformed GIAMNGHEO_TRUST_PROXY at start-up', () => {
        expect(() => loadConfig({ GIAMNGHEO_TRUST_PROXY: '10.0.0.0/40,proxy.local' })).toThrow(
          /GIAMNGHEO_TRUST_PROXY/,
        );
        expect(loadConfig({ GIAMNGHEO_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
        expect(loadConfig({}).trustProxy).toBe(false);
      });
    });

    describe('headers, downloads and URL errors (item 12)', () => {
      it('serves a task attachment as a download, never with the uploader’s HTML type', async () => {
        const province = await buildSession(deps, { role: 'province-officer', unitCode: '38' });
        const ward = await buildSession(deps, { role: 'commune-officer', unitCode: '14830' });
        const m = await app.inject({
          method: 'POST',
          url: '/api/v1/meetings',
          headers: { cookie: province.cookie, 'x-csrf-token': province.csrf },
          payload: {
            unitCode: '382',
            date: '2024-06-07',
            title: 'Hội nghị',
            chair: 'Chủ tịch',
            conclusions: 'Kết luận',
            tasks: [
              {
                assigneeKind: 'ward',
                assignee: 'UBND phường Trung Sơn',
                assigneeUnitCode: '14830',
                title: 'Rà soát',
                deadline: '2024-09-30',
              },
            ],
          },
        });
        expect(m.statusCode).toBe(201);
        const taskId = m.json().tasks[0].id as number;
        const boundary = '----gn';
        const u = await app.inject({
          method: 'POST',
          url: `/api/v1/tasks/${taskId}/updates`,
          headers: {
            cookie: ward.cookie,
            'x-csrf-token': ward.csrf,
            'content-type': `multipart/form-data; boundary=${boundary}`,
          },
          payload: [
            `--${boundary}\r\nContent-Disposition: form-data; name="status"\r\n\r\nin-progress\r\n`,
            `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nBáo cáo\r\n`,
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bao-cao.html"\r\nContent-Type: text/html\r\n\r\n<script>alert(document.cookie)</script>\r\n`,
            `--${boundary}--\r\n`,
          ].join(''),
        });
        expect(u.statusCode, u.body).toBe(201);
        const id = u.json().update.attachments[0].id as number;
        const file = await app.inject({
          method: 'GET',
          url: `/api/v1/tasks/attachments/${id}`,
          headers: { cookie: ward.cookie },
        });
        expect(file.statusCode).toBe(200);
        expect(file.headers['content-type']).toBe('application/octet-stream');
        expect(String(file.headers['content-disposition'])).toMatch(/^attachment;/);
        expect(file.headers['x-content-type-options']).toBe('nosniff');
        expect(file.body).toBe('<script>alert(document.cookie)</script>');
      });

      it('answers an over-long path parameter with a coded 414', async () => {
        const r = await app.inject({
          method: 'GET',
          url: `/api/v1/registry/households/${'9'.repeat(300)}`,
          headers: { cookie: officer.cookie },
        });
        expect(r.statusCode).toBe(414);
        expect(r.json().error).toMatchObject({
          code: 'URI_TOO_LONG',
          messageEn: 'The request URI is too long.',
        });
      });

      // Framework errors (raised by Fastify, its body parsers or the multipart plugin, not by our
      // code) answer with a catalogue code, its Vietnamese and English message and the right status;
      // the framework's English text reaches nobody. Each case failed before (VALIDATION_FAILED
      // with "Unsupported Media Type" in the Vietnamese message, or a 500 for a broken multipart).
      const villages = '/api/v1/units/16516/villages';
      const frameworkCases: {
        name: string;
        method: 'GET' | 'POST';
        url: string;
        contentType?: string;
        payload?: string;
        headers?: Record<string, string>;
        status: number;
        code: ErrorCode;
        params?: Record<string, string>;
      }[] = [
        {
          name: 'a malformed percent-escape in the path',
          method: 'GET',
          url: '/api/v1/%zz',
          status: 400,
          code: 'URL_INVALID',
        },
        {
          name: 'a malformed escape in a parameter',
          method: 'GET',
          url: '/api/v1/units/%zz',
          status: 400,
          code: 'URL_INVALID',
        },
        {
          name: 'a parameter past 100 characters',
          method: 'GET',
          url: `/api/v1/units/${'x'.repeat(200)}`,
          status: 414,
          code: 'URI_TOO_LONG',
        },
        {
          name: 'a content type no route reads',
          method: 'POST',
          url: villages,
          contentType: 'application/xml',
          payload: '<a/>',
          status: 415,
          code: 'CONTENT_TYPE_UNSUPPORTED',
          params: { contentType: 'application/xml' },
        },
        {
          name: 'multipart to a JSON route',
          method: 'POST',
          url: villages,
          contentType: 'multipart/form-data; boundary=x',
          payload: '--x--',
          status: 415,
          code: 'CONTENT_TYPE_UNSUPPORTED',
          params: { contentType: 'multipart/form-data' },
        },
        {
          name: 'a JSON syntax error',
          method: 'POST',
          url: villages,
          contentType: 'application/json',
          payload: '{"name": "Thôn',
          status: 400,
          code: 'BODY_JSON_INVALID',
        },
        {
          name: 'a __proto__ key',
          method: 'POST',
          url: villages,
          contentType: 'application/json',
          payload: '{"__proto__":{"admin":true}}',
          status: 400,
          code: 'BODY_JSON_INVALID',
        },
        {
          name: 'an empty JSON body',
          method: 'POST',
          url: villages,
          contentType: 'application/json',
          payload: '',
          status: 400,
          code: 'BODY_EMPTY',
        },
        {
          name: 'a body shorter than its Content-Length',
          method: 'POST',
          url: villages,
          contentType: 'application/json',
          payload: '{"a":1}',
          headers: { 'content-length': '5' },
          status: 400,
          code: 'BODY_LENGTH_MISMATCH',
        },
        {
          name: 'a body past the limit',
          method: 'POST',
          url: villages,
          contentType: 'application/json',
          payload: `{"name":"${'x'.repeat(21 * 1024 * 1024)}"}`,
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
        },
        {
          name: 'a multipart upload without a boundary',
          method: 'POST',
          url: '/api/v1/registry/imports',
          contentType: 'multipart/form-data',
          payload: 'x',
          status: 400,
          code: 'MULTIPART_INVALID',
        },
      ];
      for (const c of frameworkCases) {
        it(`answers ${c.name} with a coded ${c.status} in Vietnamese and English`, async () => {
          const r = await app.inject({
            method: c.method,
            url: c.url,
            headers: {
              cookie: officer.cookie,
              'x-csrf-token': officer.csrf,
              ...(c.contentType !== undefined ? { 'content-type': c.contentType } : {}),
              ...c.headers,
            },
            ...(c.payload !== undefined ? { payload: c.payload } : {}),
          });
          expect(r.statusCode).toBe(c.status);
          const error = r.json().error;
          expect(error.code).toBe(c.code);
          expect(error.message).toBe(messageOf(c.code, c.params ?? {}, 'vi'));
          expect(error.messageEn).toBe(messageOf(c.code, c.params ?? {}, 'en'));
          expect(r.body).not.toMatch(/FST_|Unsupported Media Type|content-type is set|Boundary not found/);
        });
      }

      it('sends nosniff and a referrer policy on API answers', async () => {
        const r = await app.inject({ method: 'GET', url: '/api/health' });
        expect(r.headers['x-content-type-options']).toBe('nosniff');
        expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      });
    });
  });
}
