// Sign-in, sign-out and "who am I". The session token travels only in an httpOnly, SameSite
// cookie; the CSRF token is handed to the web app in the JSON body and echoed in a header.
import type { FastifyInstance } from 'fastify';
import { login, logout } from '../../services/users.service.js';
import { AppError } from '../../errors.js';
import { SESSION_COOKIE } from '../cookies.js';
import {
  loginBody,
  loginResponse,
  logoutResponse,
  sessionResponse,
  type LoginBody,
} from '../schemas/auth.js';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: LoginBody }>(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập / Sign in',
        body: loginBody,
        response: { 200: loginResponse },
      },
    },
    async (req, reply) => {
      const s = await login(req.deps, req.body.username, req.body.password, { address: req.ip });
      reply.setCookie(SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.deps.config.secureCookies,
        path: '/',
        expires: new Date(s.expiresAt),
      });
      return { user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'user' },
      schema: { tags: ['auth'], summary: 'Đăng xuất / Sign out', response: { 200: logoutResponse } },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(req.deps, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { status: 'ok' };
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Tài khoản đang đăng nhập / The signed-in account',
        response: { 200: sessionResponse },
      },
    },
    async (req) => {
      if (!req.session) throw new AppError('AUTH_REQUIRED');
      return { user: req.session.user, csrfToken: req.session.csrfToken };
    },
  );
}
