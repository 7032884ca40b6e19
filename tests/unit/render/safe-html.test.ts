import { describe, expect, it } from 'vitest';
import { safeHtml } from '../../../lib/render/safe-html.ts';

describe('safeHtml rebuilds item HTML from an allow-list', () => {
  it.each([
    ['plain text', 'a & b < c', 'a &amp; b &lt; c'],
    ['entities kept', 'caf&eacute; &amp; &#233; &#xE9;', 'caf&eacute; &amp; &#233; &#xE9;'],
    ['entity of a control char dropped', 'x&#1;y&#0;z', 'xyz'],
    ['allowed tags keep allowed attributes', '<p class="x" style="y">hi <b>there</b></p>', '<p>hi <b>there</b></p>'],
    ['script dropped with content', 'a<script>alert(1)</script>b', 'ab'],
    ['style dropped with content', '<style>p{}</style>x', 'x'],
    ['unterminated script drops the rest', 'a<script>alert(1)', 'a'],
    ['event handlers dropped', '<a href="https://e.x/" onclick="evil()">x</a>', '<a href="https://e.x/">x</a>'],
    ['javascript: href dropped', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['relative href dropped', '<a href="/path">x</a>', '<a>x</a>'],
    [
      'entity-encoded href decoded and re-escaped',
      '<a href="https://e.x/?a=1&amp;b=2">x</a>',
      '<a href="https://e.x/?a=1&amp;b=2">x</a>',
    ],
    ['unknown tags dropped, content kept', '<font color=red>red</font>', 'red'],
    ['comments dropped', 'a<!-- <b>hidden</b> -->b', 'ab'],
    ['cdata and doctype dropped', '<!DOCTYPE html><![CDATA[x]]>y', 'y'],
    ['stray less-than escaped', '1 < 2 and <3', '1 &lt; 2 and &lt;3'],
    ['unclosed tags closed', '<p><b>bold', '<p><b>bold</b></p>'],
    ['stray close tags dropped', 'x</b></p>', 'x'],
    ['misnested tags repaired', '<b><i>x</b>y</i>', '<b><i>x</i></b>y'],
    [
      'void elements',
      'a<br>b<img src="https://e.x/i.png" alt="i" onerror="x">',
      'a<br>b<img src="https://e.x/i.png" alt="i">',
    ],
    ['non-numeric width dropped', '<img src="https://e.x/i.png" width="100%">', '<img src="https://e.x/i.png">'],
    ['control characters removed', 'a\u0000b\u001bc', 'abc'],
    ['quotes in text escaped', 'say "hi" >', 'say &quot;hi&quot; &gt;'],
    ['uppercase tags normalized', '<P>x</P>', '<p>x</p>'],
  ])('%s', (_name, input, expected) => {
    expect(safeHtml(input)).toBe(expected);
  });

  it('is idempotent on its own output', () => {
    const once = safeHtml('<p>a <a href="https://e.x/?q=1&r=2">b</a> & <i>c');
    expect(safeHtml(once)).toBe(once);
  });
});
