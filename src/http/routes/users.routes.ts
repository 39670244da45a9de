// Account administration (admin only).
import type { FastifyInstance } from 'fastify';
import { createUser, listUsers } from '../../services/users.service.js';
import { ROLES } from '../../services/deps.js';
import { userSchema } from '../schemas.js';

export async function usersRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['users'],
        summary: 'Danh sách tài khoản / Accounts',
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: userSchema } } } },
      },
    },
    async (req) => ({ items: await listUsers(req.deps, req.actor!) }),
  );

  app.post<{
    Body: {
      username: string;
      password: string;
      role: string;
      unitCode?: string | null;
      displayName?: string;
    };
  }>(
    '/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['users'],
        summary: 'Tạo tài khoản / Create an account',
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 64 },
            password: { type: 'string', minLength: 1, maxLength: 256 },
            role: { type: 'string', enum: [...ROLES] },
            unitCode: { type: ['string', 'null'] },
            displayName: { type: 'string', maxLength: 200 },
          },
        },
        response: { 200: userSchema },
      },
    },
    async (req) => createUser(req.deps, req.actor!, req.body),
  );
}
