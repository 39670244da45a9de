import { describe, expect, it } from 'vitest';
import { pageEncoding } from './pages.js';

describe('pageEncoding (Accept-Encoding, RFC 9110 §12.5.3)', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['BR', 'br'],
    ['br;q=1.0, gzip;q=0.5', 'br'],
    ['br;q=0.5, gzip;q=1.0', 'gzip'],
    ['br;q=0.5, gzip;q=0.5', 'br'],
    ['*', 'br'],
    ['gzip, *;q=0.1', 'gzip'],
    ['br, *;q=0.1', 'br'],
    [' deflate , gzip ; q=0.001', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br, gzip;q=0', 'br'],
    ['gzip;q=0', undefined],
    ['gzip;q=0.0, *', 'br'],
    ['br;q=0, gzip;q=0, *', undefined],
    ['*;q=0', undefined],
    ['br;q=x', undefined],
    ['identity', undefined],
    ['', undefined],
  ])('%j → %s', (header, expected) => {
    expect(pageEncoding(header)).toBe(expected);
    // The answer remembered for the header is the same.
    expect(pageEncoding(header)).toBe(expected);
  });

  it('reads a header given more than once', () => {
    expect(pageEncoding(['deflate', 'gzip'])).toBe('gzip');
    expect(pageEncoding(['gzip', 'br'])).toBe('br');
    expect(pageEncoding(undefined)).toBeUndefined();
  });
});
