import { describe, expect, it } from 'vitest';
import { defaultFetchOptions, type FetchOptions, resolveFetchOptions } from '../../../lib/fetch/fetch-options.ts';

describe('resolveFetchOptions', () => {
  it('has the documented defaults', () => {
    expect(defaultFetchOptions).toEqual({
      timeoutMs: 30_000,
      maxBytes: 16 * 1024 * 1024,
      maxRedirects: 5,
      userAgent: 'wirefold/0.1 (+https://github.com/wirefold/wirefold)',
      allowPrivateHosts: [],
    });
  });

  it.each<[string, Partial<FetchOptions>, Partial<FetchOptions>]>([
    [
      'keeps explicit values',
      { timeoutMs: 1500, maxBytes: 1024, maxRedirects: 0 },
      { timeoutMs: 1500, maxBytes: 1024, maxRedirects: 0 },
    ],
    [
      'an explicit undefined cannot switch a cap off',
      { timeoutMs: undefined, maxBytes: undefined },
      { timeoutMs: 30_000, maxBytes: 16 * 1024 * 1024 },
    ],
    [
      'zero, negative and NaN caps fall back',
      { timeoutMs: 0, maxBytes: -1, maxRedirects: Number.NaN },
      { timeoutMs: 30_000, maxBytes: 16 * 1024 * 1024, maxRedirects: 5 },
    ],
    ['Infinity is not a cap', { timeoutMs: Number.POSITIVE_INFINITY }, { timeoutMs: 30_000 }],
    ['an empty user agent falls back', { userAgent: '' }, { userAgent: defaultFetchOptions.userAgent }],
    ['the allow-list is kept', { allowPrivateHosts: ['127.0.0.1'] }, { allowPrivateHosts: ['127.0.0.1'] }],
  ])('%s', (_name, input, expected) => {
    expect(resolveFetchOptions(input)).toMatchObject(expected);
  });
});
