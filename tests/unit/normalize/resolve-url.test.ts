import { describe, expect, it } from 'vitest';
import { firstHttpBase, resolveHttpUrl } from '../../../lib/normalize/resolve-url.ts';

describe('resolveHttpUrl', () => {
  it.each([
    ['https://a.example/x', [], 'https://a.example/x'],
    ['/x', ['https://a.example/blog/'], 'https://a.example/x'],
    ['posts/1', ['https://a.example/blog/'], 'https://a.example/blog/posts/1'],
    ['../y/2', ['https://other.example/x/'], 'https://other.example/y/2'],
    ['//cdn.example/x', ['https://a.example/'], 'https://cdn.example/x'],
    ['?page=2', ['https://a.example/list?page=1'], 'https://a.example/list?page=2'],
    ['posts/1', [undefined, 'not a url', 'https://fallback.example/'], 'https://fallback.example/posts/1'], // first usable base wins
    ['posts/1', ['ftp://files.example/'], undefined], // only http(s) bases
    ['posts/1', [], undefined], // relative with no base: none rather than a broken link
    ['javascript:alert(1)', ['https://a.example/'], undefined],
    ['JavaScript:alert(1)', ['https://a.example/'], undefined],
    ['data:text/html,<script>', ['https://a.example/'], undefined],
    ['vbscript:msgbox', ['https://a.example/'], undefined],
    ['mailto:x@example.com', ['https://a.example/'], undefined],
    ['  https://a.example/spaced  ', [], 'https://a.example/spaced'],
    ['https://a.example/a\nb', [], 'https://a.example/ab'], // line breaks inside URLs are dropped, as browsers do
    ['http://a.example/?a=1&b=2', [], 'http://a.example/?a=1&b=2'],
    ['HTTP://A.EXAMPLE/Path', [], 'http://a.example/Path'],
    ['http://Example.com', [], 'http://Example.com'], // plain ASCII absolute URLs are kept as written
    ['http://a.example/x y', [], 'http://a.example/x%20y'], // anything else is serialized by the URL parser
    ['http://a.example/"onmouseover="x', [], 'http://a.example/%22onmouseover=%22x'],
    ['http://a.example/<script>', [], 'http://a.example/%3Cscript%3E'],
    ['http://a.example/\u00c0', [], 'http://a.example/%C3%80'],
    ['', ['https://a.example/'], undefined],
    [undefined, ['https://a.example/'], undefined],
  ] as const)('%j against %j → %j', (reference, bases, expected) => {
    expect(resolveHttpUrl(reference, ...bases)).toBe(expected);
  });
});

describe('firstHttpBase', () => {
  it.each([
    [['', 'relative/', 'https://b.example/'], 'https://b.example/'],
    [[undefined, 'file:///etc/passwd'], undefined],
  ] as const)('%j → %j', (candidates, expected) => {
    expect(firstHttpBase(...candidates)).toBe(expected);
  });
});
