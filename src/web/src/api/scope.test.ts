// The scope of a user carried across the 2025 reform, against a small fake of /api/v1/units that
// answers in the server's shapes (unit detail with links; UNIT_NOT_FOUND with successors and
// versions).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveScopeRoots } from './scope';

interface FakeUnit {
  code: string;
  name: string;
  type: string;
  level: 'province' | 'district' | 'commune';
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

const REFORM = '2025-07-01';
const LAST_DAY = '2025-06-30';
const units: FakeUnit[] = [
  {
    code: '38',
    name: 'Tỉnh Thanh Hóa',
    type: 'Tỉnh',
    level: 'province',
    parentCode: null,
    validFrom: null,
    validTo: LAST_DAY,
  },
  {
    code: '38',
    name: 'Tỉnh Thanh Hóa',
    type: 'Tỉnh',
    level: 'province',
    parentCode: null,
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: '382',
    name: 'Thành phố Sầm Sơn',
    type: 'Thành phố',
    level: 'district',
    parentCode: '38',
    validFrom: null,
    validTo: LAST_DAY,
  },
  {
    code: '16516',
    name: 'Xã Đại Hùng',
    type: 'Xã',
    level: 'commune',
    parentCode: '382',
    validFrom: null,
    validTo: LAST_DAY,
  },
  {
    code: '14830',
    name: 'Phường Trung Sơn',
    type: 'Phường',
    level: 'commune',
    parentCode: '382',
    validFrom: null,
    validTo: LAST_DAY,
  },
  {
    code: '16516',
    name: 'Phường Nam Sầm Sơn',
    type: 'Phường',
    level: 'commune',
    parentCode: '38',
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: '16531',
    name: 'Phường Sầm Sơn',
    type: 'Phường',
    level: 'commune',
    parentCode: '38',
    validFrom: REFORM,
    validTo: null,
  },
];
/** Old (code, last day) → new (code, first day). */
const links = [
  { from: '16516', to: '16516' },
  { from: '14830', to: '16531' },
];

const inForce = (u: FakeUnit, on: string) =>
  (!u.validFrom || u.validFrom <= on) && (!u.validTo || u.validTo >= on);
const nameOf = (code: string, on: string) => units.find((u) => u.code === code && inForce(u, on))!.name;

function detail(u: FakeUnit) {
  return {
    ...u,
    area: null,
    predecessors:
      u.validFrom === REFORM
        ? links
            .filter((l) => l.to === u.code)
            .map((l) => ({ code: l.from, name: nameOf(l.from, LAST_DAY), validTo: LAST_DAY }))
        : [],
    successors:
      u.validTo === LAST_DAY
        ? links
            .filter((l) => l.from === u.code)
            .map((l) => ({ code: l.to, name: nameOf(l.to, REFORM), validFrom: REFORM }))
        : [],
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function fakeApi(input: string | URL | Request): Response {
  const url = new URL(String(input), 'http://test');
  const on = url.searchParams.get('on')!;
  const one = /^\/api\/v1\/units\/(\d+)$/.exec(url.pathname);
  if (one) {
    const code = one[1]!;
    const u = units.find((x) => x.code === code && inForce(x, on));
    if (u) return json(200, detail(u));
    const versions = units.filter((x) => x.code === code);
    const ended = versions.filter((v) => v.validTo && v.validTo < on).pop();
    return json(404, {
      error: {
        code: 'UNIT_NOT_FOUND',
        field: 'code',
        message: `Không có đơn vị hành chính mã ${code} vào ngày ${on}.`,
        messageEn: `No administrative unit has the code ${code} on ${on}.`,
        successors: ended ? detail(ended).successors : [],
        versions: versions.map((v) => ({ name: v.name, validFrom: v.validFrom, validTo: v.validTo })),
      },
    });
  }
  if (url.pathname === '/api/v1/units') {
    const parent = url.searchParams.get('parent');
    const level = url.searchParams.get('level');
    const items = units
      .filter((u) => inForce(u, on))
      .filter((u) => (parent ? u.parentCode === parent : level ? u.level === level : u.level === 'province'))
      .map(({ code, name, type, level: l, parentCode, validFrom, validTo }) => ({
        code,
        name,
        type,
        area: null,
        level: l,
        parentCode,
        validFrom,
        validTo,
      }));
    return json(200, { items });
  }
  return json(404, { error: { code: 'ROUTE_NOT_FOUND', message: 'x', messageEn: 'x' } });
}

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request) => fakeApi(input)),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const codes = (r: { roots: { code: string; name: string }[] }) => r.roots.map((u) => `${u.code} ${u.name}`);

describe('resolveScopeRoots', () => {
  it('gives the whole country (the provinces in force) to a scope of null', async () => {
    const r = await resolveScopeRoots(null, '2026-01-01');
    expect(codes(r)).toEqual(['38 Tỉnh Thanh Hóa']);
    expect(r.mapped).toBe(false);
  });

  it('keeps a unit that exists on the date, even when its code is reused later', async () => {
    const r = await resolveScopeRoots('16516', '2024-06-07');
    expect(codes(r)).toEqual(['16516 Xã Đại Hùng']);
    expect(r.mapped).toBe(false);
  });

  it('carries a ward that ended to its successor', async () => {
    const r = await resolveScopeRoots('14830', '2026-01-01');
    expect(codes(r)).toEqual(['16531 Phường Sầm Sơn']);
    expect(r).toMatchObject({ mapped: true, scopeName: 'Phường Trung Sơn' });
  });

  it('carries an abolished district through the successors of its communes', async () => {
    const r = await resolveScopeRoots('382', '2026-01-01');
    expect(codes(r)).toEqual(['16516 Phường Nam Sầm Sơn', '16531 Phường Sầm Sơn']);
    expect(r).toMatchObject({ mapped: true, scopeName: 'Thành phố Sầm Sơn' });
  });

  it('carries a ward that did not exist yet back to its predecessors', async () => {
    const r = await resolveScopeRoots('16531', '2024-06-07');
    expect(codes(r)).toEqual(['14830 Phường Trung Sơn']);
    expect(r.mapped).toBe(true);
  });

  it('gives nothing for a code that never existed', async () => {
    const r = await resolveScopeRoots('99999', '2026-01-01');
    expect(r.roots).toEqual([]);
  });
});
