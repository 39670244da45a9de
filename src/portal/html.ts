// A tiny tagged-template HTML builder: every interpolated value is escaped unless it is already
// `Html` (built by this module, or `trusted()` for sanitised article bodies). Arrays are joined.
// null, undefined and false render as nothing, so `${cond && html`…`}` works.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

// The formatter indents the markup of the templates; the indentation is dropped once per template
// (static parts only: interpolated text is never touched), which keeps pages small.
const compacted = new WeakMap<TemplateStringsArray, string[]>();

function compact(strings: TemplateStringsArray): string[] {
  let parts = compacted.get(strings);
  if (!parts) {
    parts = strings.map((s) => s.replace(/\n[ \t]+/g, '\n'));
    compacted.set(strings, parts);
  }
  return parts;
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  const parts = compact(strings);
  let out = parts[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + parts[i + 1]!;
  return new Html(out);
}

/** Marks markup as safe. Only for HTML that went through the sanitiser (article bodies). */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** Escapes text for XML (feeds, sitemap): the same five entities. */
export const escapeXml = escapeHtml;
