import { describe, expect, it } from 'vitest';
import { can, ROLES } from '../../domain/access/permissions';
import { modules, navFor } from './modules';

describe('navigation by permission', () => {
  it('shows the editor only the menus it can use: overview, portal articles and moderation, units', () => {
    expect(navFor('editor').map((n) => n.path)).toEqual([
      'overview',
      'portal/articles',
      'portal/comments',
      'units',
    ]);
  });

  it('gives every role exactly the entries whose permission it holds, and the page behind each entry', () => {
    for (const role of ROLES) {
      const shown = navFor(role);
      for (const m of modules)
        for (const n of m.nav) {
          const visible = shown.includes(n);
          expect(visible, `${role} ${n.path}`).toBe(n.permission === undefined || can(role, n.permission));
          // The page an entry links to asks for no more than the entry does.
          const route = m.routes.find((r) => r.path === n.path);
          expect(route, n.path).toBeDefined();
          if (visible && route?.permission)
            expect(can(role, route.permission), `${role} ${n.path}`).toBe(true);
        }
    }
  });

  it('hides the finance import and the registry menus from roles without them', () => {
    expect(navFor('supervisor').map((n) => n.path)).not.toContain('finance/import');
    expect(navFor('finance-officer').map((n) => n.path)).toContain('finance/import');
    expect(navFor('admin').length).toBe(modules.flatMap((m) => m.nav).length);
  });
});
