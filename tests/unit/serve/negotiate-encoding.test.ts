import { describe, expect, it } from 'vitest';
import { negotiateEncoding } from '../../../lib/serve/negotiate-encoding.ts';

describe('negotiateEncoding (RFC 9110 Accept-Encoding)', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', 'identity'],
    ['x-gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['br;q=abc', 'identity'],
  ])('%j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});
