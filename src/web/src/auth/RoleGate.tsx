// A page that only some roles may open says so plainly instead of showing an empty screen.
import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import type { Permission } from '../../../domain/access/permissions';
import { allowed } from '../modules';
import { defineMessages, fill, useMessages } from '../i18n';
import { common } from '../i18n/common';
import { useUser } from './session';

const m = defineMessages({
  vi: { title: 'Không có quyền truy cập', body: 'Vai trò "{role}" không được mở trang này.' },
  en: { title: 'Access denied', body: 'The role "{role}" may not open this page.' },
});

export function RoleGate({
  permission,
  children,
}: {
  permission: Permission | undefined;
  children: ReactNode;
}) {
  const user = useUser();
  const t = useMessages(m);
  const c = useMessages(common);
  if (allowed(user.role, permission)) return <>{children}</>;
  return (
    <Alert color="red" title={t.title} role="alert">
      {fill(t.body, { role: c[`role.${user.role}`] })}
    </Alert>
  );
}
