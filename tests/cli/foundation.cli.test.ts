// The contract of contracts/cli.md for units, users, migrate, backup: exact JSON on stdout,
// nothing else there, and the exit codes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-cli-'));
const db = path.join(dir, 'cli.sqlite');

describe('giamngheo CLI (foundation)', () => {
  it('units show 16516 on 2024-06-07 and 2025-07-01', async () => {
    const before = await runCli(['units', 'show', '16516', '--on', '2024-06-07', '--json', '--db', db]);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual({
      code: '16516',
      name: 'Xã Đại Hùng',
      type: 'Xã',
      area: 'rural',
      level: 'commune',
      parentCode: '382',
      validFrom: null,
      validTo: '2025-06-30',
      predecessors: [],
      successors: [{ code: '16516', name: 'Phường Nam Sầm Sơn', validFrom: '2025-07-01' }],
    });
    const after = await runCli(['units', 'show', '16516', '--on', '2025-07-01', '--json', '--db', db]);
    expect(after.code).toBe(0);
    const u = JSON.parse(after.stdout);
    expect(u).toMatchObject({
      name: 'Phường Nam Sầm Sơn',
      type: 'Phường',
      area: 'urban',
      parentCode: '38',
      validFrom: '2025-07-01',
      validTo: null,
    });
    expect(u.predecessors.map((p: { code: string }) => p.code).sort()).toEqual([
      '16513',
      '16516',
      '16519',
      '16534',
    ]);
  });

  it('UNIT_NOT_FOUND exits 1 with the error on stdout', async () => {
    const r = await runCli(['units', 'show', '14830', '--on', '2025-07-01', '--json', '--db', db]);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body.error.code).toBe('UNIT_NOT_FOUND');
    expect(body.error.successors[0].code).toBe('16531');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('a malformed date and an unknown command are usage errors (exit 2)', async () => {
    const r = await runCli(['units', 'show', '16516', '--on', '07/06/2024', '--json', '--db', db]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'DATE_INVALID', field: 'on' });
    expect((await runCli(['no-such-command'])).code).toBe(2);
    expect((await runCli(['units', 'show', '--db', db])).code).toBe(2);
  });

  it('users add reads the password from standard input and refuses bad input', async () => {
    const ok = await runCli(
      [
        'users',
        'add',
        'canbo.xa',
        '--role',
        'commune-officer',
        '--unit',
        '16516',
        '--password-stdin',
        '--json',
        '--db',
        db,
      ],
      {
        input: 'mat-khau-dai-du\n',
      },
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      username: 'canbo.xa',
      role: 'commune-officer',
      unitCode: '16516',
    });
    const again = await runCli(
      [
        'users',
        'add',
        'canbo.xa',
        '--role',
        'commune-officer',
        '--unit',
        '16516',
        '--password-stdin',
        '--json',
        '--db',
        db,
      ],
      {
        input: 'mat-khau-dai-du\n',
      },
    );
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).error.code).toBe('USERNAME_TAKEN');
    const badRole = await runCli(
      ['users', 'add', 'x.y', '--role', 'king', '--password-stdin', '--json', '--db', db],
      { input: 'mat-khau-dai-du' },
    );
    expect(JSON.parse(badRole.stdout).error).toMatchObject({ code: 'ROLE_UNKNOWN', field: 'role' });
    const weak = await runCli(
      ['users', 'add', 'x.z', '--role', 'admin', '--password-stdin', '--json', '--db', db],
      { input: 'short' },
    );
    expect(JSON.parse(weak.stdout).error.code).toBe('PASSWORD_WEAK');
  });

  it('a bad configuration lists every bad key and exits 2', async () => {
    const r = await runCli(['units', 'show', '16516', '--json'], {
      env: { GIAMNGHEO_PORT: 'abc', GIAMNGHEO_LOG_LEVEL: 'loud' },
    });
    expect(r.code).toBe(2);
    const msg = JSON.parse(r.stdout).error.messageEn as string;
    expect(msg).toContain('GIAMNGHEO_PORT');
    expect(msg).toContain('GIAMNGHEO_LOG_LEVEL');
  });

  it('backup then restore round-trips, and restore refuses a foreign file', async () => {
    const file = path.join(dir, 'b.jsonl.gz');
    const b = await runCli(['backup', file, '--json', '--db', db]);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout).rows).toBeGreaterThan(24_000);
    const r = await runCli(['restore', file, '--json', '--db', db]);
    expect(r.code).toBe(0);
    const junk = path.join(dir, 'junk.bin');
    fs.writeFileSync(junk, 'not a backup');
    const bad = await runCli(['restore', junk, '--json', '--db', db]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.code).toBe('BACKUP_INVALID');
  });

  it('an unknown option is a usage error (exit 2, USAGE), and COMMAND --help prints its usage (exit 0)', async () => {
    const bad = await runCli(['units', 'show', '16516', '--bogus', '--json', '--db', db]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.code).toBe('USAGE');
    const help = await runCli(['demo', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('demo [--port N]');
  });
});
