// Word-level comparison of two saved versions of an article (jsdiff): the title, the summary and
// the text of the body, each as a list of kept / added / removed runs.
import { diffWords } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface WordDiff {
  parts: DiffPart[];
  /** Words added and removed (runs of whitespace and punctuation are not counted). */
  added: number;
  removed: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

export function wordDiff(before: string, after: string): WordDiff {
  const parts: DiffPart[] = diffWords(before, after).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
  let added = 0;
  let removed = 0;
  for (const p of parts) {
    if (p.kind === 'added') added += countWords(p.text);
    if (p.kind === 'removed') removed += countWords(p.text);
  }
  return { parts, added, removed };
}

const BLOCKS = new Set([
  'P',
  'H2',
  'H3',
  'H4',
  'LI',
  'BLOCKQUOTE',
  'FIGCAPTION',
  'TR',
  'UL',
  'OL',
  'TABLE',
  'FIGURE',
  'HR',
]);

/** The readable text of an article body: one line per paragraph, heading, list item or row. */
export function bodyText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      out.push((node.textContent ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    if (el.tagName === 'BR') out.push('\n');
    if (el.tagName === 'TD' || el.tagName === 'TH') out.push(' ');
    for (const child of Array.from(el.childNodes)) walk(child);
    if (BLOCKS.has(el.tagName)) out.push('\n');
  };
  walk(doc.body);
  return out
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}
