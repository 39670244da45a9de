import { describe, expect, it } from 'vitest';
import { wordDiff } from './revisionDiff';

describe('wordDiff', () => {
  it('marks whole Vietnamese words added and removed, and counts them', () => {
    const d = wordDiff(
      'Xã Quảng Minh trao 12 con bò giống cho hộ nghèo.',
      'Xã Quảng Minh trao 15 con bò giống cho hộ nghèo, hộ cận nghèo.',
    );
    expect(d.parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['12']);
    expect(d.parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['15', ', hộ cận nghèo']);
    expect(d).toMatchObject({ added: 4, removed: 1 });
    // Kept, removed and added runs put together give back both texts.
    const join = (kinds: string[]) =>
      d.parts
        .filter((p) => kinds.includes(p.kind))
        .map((p) => p.text)
        .join('');
    expect(join(['same', 'removed'])).toBe('Xã Quảng Minh trao 12 con bò giống cho hộ nghèo.');
    expect(join(['same', 'added'])).toBe('Xã Quảng Minh trao 15 con bò giống cho hộ nghèo, hộ cận nghèo.');
  });

  it('finds nothing to mark between equal texts', () => {
    expect(wordDiff('Sáng thứ Hai', 'Sáng thứ Hai')).toEqual({
      parts: [{ kind: 'same', text: 'Sáng thứ Hai' }],
      added: 0,
      removed: 0,
    });
  });
});
