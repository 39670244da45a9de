// Every place the product raises a catalogue error with a literal code and literal parameters
// fills every {placeholder} of both messages: a missing parameter is a test failure here, not a
// literal "{expected}" on someone's screen. Read from the source with the TypeScript parser, so
// a new call site is checked without being listed. Calls with computed codes or spread
// parameters cannot be checked statically; the API fuzz test checks what they answer.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalogue, messageOf, type ErrorCode } from './errors.js';

const SRC = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'web' || e.name === 'node_modules' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const placeholders = (code: ErrorCode) =>
  new Set([...`${catalogue[code].vi} ${catalogue[code].en}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));

interface Raise {
  where: string;
  code: ErrorCode;
  /** The parameter names given, or null when they cannot be known (a spread, a variable). */
  keys: Set<string> | null;
}

/** `new AppError('CODE', {...})`, `errorBody('CODE', {...})` and `messageOf('CODE', {...})`. */
function raises(file: string): Raise[] {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: Raise[] = [];
  const visit = (node: ts.Node) => {
    const call =
      ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'AppError'
        ? node.arguments
        : ts.isCallExpression(node) &&
            ts.isIdentifier(node.expression) &&
            ['errorBody', 'messageOf'].includes(node.expression.text)
          ? node.arguments
          : undefined;
    const [codeArg, paramsArg] = call ?? [];
    if (codeArg && ts.isStringLiteral(codeArg) && codeArg.text in catalogue) {
      let keys: Set<string> | null = new Set();
      if (paramsArg && ts.isObjectLiteralExpression(paramsArg)) {
        for (const p of paramsArg.properties) {
          if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name) {
            keys.add(p.name.getText(sf));
          } else {
            keys = null;
            break;
          }
        }
      } else if (paramsArg) {
        keys = null;
      }
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      out.push({ where: `${path.relative(SRC, file)}:${line + 1}`, code: codeArg.text as ErrorCode, keys });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('error catalogue', () => {
  it('every raise with a literal code fills every placeholder of both messages', () => {
    const all = sourceFiles(SRC).flatMap(raises);
    // The scan does see the product's raises (a broken scan would pass vacuously).
    expect(all.length).toBeGreaterThan(200);
    const missing = all
      .filter((r) => r.keys !== null)
      .flatMap((r) =>
        [...placeholders(r.code)]
          .filter((p) => !r.keys!.has(p))
          .map((p) => `${r.where} ${r.code} lacks {${p}}`),
      );
    expect(missing).toEqual([]);
  });

  it('both messages of an entry use the same placeholders', () => {
    for (const code of Object.keys(catalogue) as ErrorCode[]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([code, names(catalogue[code].vi)]).toEqual([code, names(catalogue[code].en)]);
    }
  });

  it('a message with its parameters has no placeholder left', () => {
    const code: ErrorCode = 'FIELD_TYPE';
    expect(messageOf(code, { field: 'householdId', expected: 'chuỗi ký tự' })).toBe(
      'householdId phải là chuỗi ký tự.',
    );
  });
});
