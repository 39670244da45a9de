import { describe, expect, it } from 'vitest';
import { html, trusted } from './html.js';

// An alias keeps the formatter from re-indenting the markup under test.
const h = html;

describe('html tagged template', () => {
  it('escapes interpolated text, in content and attributes', () => {
    const name = `"><script>alert('x')</script>`;
    const out = h`<p title="${name}">${name}</p>`.value;
    expect(out).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>',
    );
  });

  it('nests Html, joins arrays, drops null/false and keeps trusted markup', () => {
    const items = ['a<b', 'c'].map((x) => h`<li>${x}</li>`);
    expect(h`<ul>${items}</ul>${null}${false}${trusted('<b>ok</b>')}${0}`.value).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul><b>ok</b>0',
    );
  });
});
