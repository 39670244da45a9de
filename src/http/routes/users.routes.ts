// Account administration (admin only).
import type { FastifyInstance } from 'fastify';
import { createUser, listUsers } from '../../services/users.service.js';
import { createUserBody, userSchema, usersListResponse, type CreateUserBody } from '../schemas/users.js';

export async function usersRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['users'],
        summary: 'Danh sách tài khoản / Accounts',
        response: { 200: usersListResponse },
      },
    },
    async (req) => ({ items: await listUsers(req.deps, req.actor!) }),
  );

  app.post<{ Body: CreateUserBody }>(
    '/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['users'],
        summary: 'Tạo tài khoản / Create an account',
        body: createUserBody,
        response: { 200: userSchema },
      },
    },
    async (req) => createUser(req.deps, req.actor!, req.body),
  );
}
