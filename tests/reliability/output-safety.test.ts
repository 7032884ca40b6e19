import type { Element } from 'domhandler';
import { XMLValidator } from 'fast-xml-parser';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDepsFor } from '../../lambdas/serve-deps.ts';
import { parseTopicsYaml } from '../../lib/config.ts';
import type { FeedSource } from '../../lib/model.ts';
import { serveRequest } from '../../lib/serve.ts';
import { compileTopicMatchers } from '../../lib/topic-matchers.ts';
import { runIngestRound } from '../../local/ingest-round.ts';
import { startDynalite } from '../support/dynalite.ts';
import { type HostileServer, startHostileServer } from '../support/hostile-server.ts';
import { testIngestDeps } from '../support/pipeline.ts';
import { effectiveScheme, isDangerousUrl, type Violation, violationsIn } from './support/inert-html.ts';
import { ENCODED_VECTORS, SANITIZER_BYPASS_ONLY, XSS_VECTORS } from './support/xss-vectors.ts';

/**
 * Items carrying the common XSS vectors go through the real pipeline (served over HTTP, fetched, parsed, normalized,
 * stored) and out through every format and the HTML index. Each output is PARSED (XML, JSON, HTML) and every element
 * and attribute of every HTML field is walked: nothing may be active.
 */
const BUCKET = 5; // the index page shows the latest 5 items per topic: one topic per 5 vectors shows them all
const cdata = (html: string) => `<![CDATA[${html.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
interface Planted {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly content?: string;
  readonly link: string;
}
const planted: Planted[] = [
  ...XSS_VECTORS.map(([name, html]) => ({
    name,
    title: name,
    description: cdata(html),
    content: cdata(html),
    link: '',
  })),
  ...ENCODED_VECTORS.map(([name, encoded]) => ({ name, title: name, description: encoded, link: '' })),
  { name: 'title with markup', title: cdata(`<img src=x onerror=alert('XSS-50')>`), description: 'x', link: '' },
  { name: 'item link javascript:', title: 'link js', description: 'x', link: `javascript:alert('XSS-51')` },
  { name: 'item link data:', title: 'link data', description: 'x', link: 'data:text/html,<script>alert(52)</script>' },
  {
    name: 'control characters and noncharacters',
    title: 'ctl \u0001\u001b[31m &#xFFFE; &#0;',
    description: cdata('<p>bell \u0007 nul &#0; esc \u001b</p>'),
    link: '',
  },
  { name: 'item link vbscript:', title: 'link vb', description: 'x', link: `vbscript:msgbox('XSS-53')` },
].map((p, index) => ({
  ...p,
  title: `${p.title.startsWith('<![CDATA[') ? p.title.replace('<![CDATA[', `<![CDATA[Payload ${index} b${Math.floor(index / BUCKET)} `) : `Payload ${index} b${Math.floor(index / BUCKET)} ${p.title}`}`,
  link: p.link || `https://xss.example/item/${index}`,
}));
const buckets = Math.ceil(planted.length / BUCKET);

const feedXml = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>XSS outlet</title>
<link>https://xss.example/</link><description>d</description>
${planted
  .map((p, index) => {
    const date = new Date(Date.parse('2026-11-24T00:00:00Z') + index * 60_000).toUTCString();
    const content = p.content ? `<content:encoded>${p.content}</content:encoded>` : '';
    return `<item><title>${p.title}</title><link>${p.link.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</link><guid isPermaLink="false">xss-${index}</guid><pubDate>${date}</pubDate><description>${p.description}</description>${content}</item>`;
  })
  .join('\n')}
</channel></rss>`;

const topicsYaml = Array.from(
  { length: buckets },
  (_, b) => `- slug: bucket-${b}\n  title: Bucket ${b}\n  description: d\n  query: b${b}\n  maxItems: 200\n`,
).join('');
const topics = parseTopicsYaml(topicsYaml, 'xss-topics.yaml');
if (!topics.ok) throw new Error(JSON.stringify(topics.error));
const matchers = compileTopicMatchers(topics.value);
if (!matchers.ok) throw new Error(matchers.error.join('\n'));

let server: HostileServer;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
const outputs = new Map<string, string>();

async function get(path: string, rawQuery = ''): Promise<string> {
  const deps = serveDepsFor({
    db: dynalite.db,
    topics: topics.ok ? topics.value : [],
    baseUrl: 'https://wirefold.test',
  });
  const response = await serveRequest({ method: 'GET', path, rawQuery, headers: { host: 'wirefold.test' } }, deps);
  expect(response.status, `${path} → ${response.status}`).toBe(200);
  return new TextDecoder().decode(response.body);
}

beforeAll(async () => {
  server = await startHostileServer({
    '/xss.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml),
    '/root-script.xml': (_req, res) =>
      void res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(`<?xml version="1.0"?><script>alert('XSS-60')</script>`),
  });
  dynalite = await startDynalite();
  const sources: FeedSource[] = [
    { feedId: 'xss-outlet', url: `${server.origin}/xss.xml`, title: 'XSS outlet' },
    // Its health line quotes the document's root element: the index page lists it with the sources.
    { feedId: 'xss-root', url: `${server.origin}/root-script.xml`, title: 'Root script' },
  ];
  const clock = { now: new Date('2026-11-25T08:00:00Z') };
  await runIngestRound(sources, testIngestDeps(dynalite.db, matchers.ok ? matchers.value : [], clock), { seed: true });
  for (let b = 0; b < buckets; b++) {
    for (const format of ['rss', 'atom', 'json'])
      outputs.set(`bucket-${b}.${format}`, await get(`/topics/bucket-${b}.${format}`, 'limit=200'));
  }
  outputs.set('index.html', await get('/'));
}, 60_000);
afterAll(async () => {
  await server?.close();
  await dynalite?.close();
  console.info(
    `output safety: ${planted.length} items tried, each in RSS, Atom, JSON Feed and the HTML index:\n  ${planted.map((p) => p.name).join('\n  ')}`,
  );
});

const textOf = (element: Element) => DomUtils.textContent(element);
function xmlFeedViolations(xml: string, where: string): { violations: Violation[]; items: number } {
  const document = parseDocument(xml, { xmlMode: true, decodeEntities: true });
  const violations: Violation[] = [];
  const items = DomUtils.getElementsByTagName((n) => n === 'item' || n === 'entry', document.children, true);
  for (const element of DomUtils.getElementsByTagName(() => true, document.children, true)) {
    const name = element.name;
    // Fields readers render as HTML: RSS description/content:encoded (and, in many readers, title); Atom html text.
    const htmlish = ['description', 'content:encoded', 'title', 'summary', 'content', 'subtitle', 'rights'].includes(
      name,
    );
    const isXhtml = element.attribs.type === 'xhtml';
    if (htmlish && !isXhtml) violations.push(...violationsIn(textOf(element), `${where} <${name}>`));
    if (isXhtml)
      violations.push(...violationsIn(DomUtils.getInnerHTML(element, { xmlMode: true }), `${where} <${name} xhtml>`));
    for (const [attribute, value] of Object.entries(element.attribs)) {
      if (['href', 'src', 'url', 'uri'].includes(attribute) && isDangerousUrl(value)) {
        violations.push({ where, what: `<${name} ${attribute}="${value}">` });
      }
    }
    if (
      ['link', 'comments', 'docs', 'uri', 'icon', 'logo'].includes(name) &&
      !element.attribs.href &&
      isDangerousUrl(textOf(element))
    ) {
      violations.push({ where, what: `<${name}>${textOf(element)}</${name}>` });
    }
  }
  return { violations, items: items.length };
}

function jsonFeedViolations(text: string, where: string): { violations: Violation[]; items: number } {
  const feed = JSON.parse(text) as { items: Record<string, unknown>[] };
  const violations: Violation[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (/(^|\.)(content_html|summary|title)$/.test(path)) violations.push(...violationsIn(value, `${where} ${path}`));
      if (
        /(^|\.)(url|external_url|image|banner_image|home_page_url|feed_url|next_url|avatar|icon|favicon)$/.test(path) &&
        isDangerousUrl(value)
      ) {
        violations.push({ where, what: `${path} = ${value}` });
      }
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${path}[${i}]`);
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
  };
  visit(feed, '');
  return { violations, items: feed.items.length };
}

describe('the checker itself', () => {
  it.each(XSS_VECTORS.filter(([name]) => !SANITIZER_BYPASS_ONLY.has(name)))(
    'flags the raw vector: %s',
    (_name, html) => {
      expect(violationsIn(html, 'raw').length).toBeGreaterThan(0);
    },
  );
  it.each([`javascript:alert(1)`, ` JAVA\tSCRIPT:x`, 'data:text/html,x', 'vbscript:x'])('calls %j dangerous', (url) => {
    expect(isDangerousUrl(url), String(effectiveScheme(url))).toBe(true);
  });
});

describe('XSS vectors come out inert', () => {
  it('every planted item reached the topic feeds (otherwise the checks below prove nothing)', () => {
    let total = 0;
    for (let b = 0; b < buckets; b++) total += jsonFeedViolations(outputs.get(`bucket-${b}.json`)!, 'json').items;
    expect(total).toBe(planted.length);
  });

  it.each(['rss', 'atom'])('%s: every document is well-formed XML 1.0 (no control characters)', (format) => {
    for (let b = 0; b < buckets; b++) {
      const xml = outputs.get(`bucket-${b}.${format}`)!;
      expect(XMLValidator.validate(xml), `${format} bucket-${b}`).toBe(true);
      expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml), `${format} bucket-${b}`).toBe(false);
    }
  });

  it.each(['rss', 'atom'])('%s: no active element, handler or URL in any field', (format) => {
    const violations: Violation[] = [];
    for (let b = 0; b < buckets; b++)
      violations.push(...xmlFeedViolations(outputs.get(`bucket-${b}.${format}`)!, `${format} bucket-${b}`).violations);
    expect(violations).toEqual([]);
  });

  it('json: no active element, handler or URL in any field', () => {
    const violations: Violation[] = [];
    for (let b = 0; b < buckets; b++)
      violations.push(...jsonFeedViolations(outputs.get(`bucket-${b}.json`)!, `json bucket-${b}`).violations);
    expect(violations).toEqual([]);
  });

  it('the HTML index page: no payload element, handler or URL; its own head elements only', () => {
    const html = outputs.get('index.html')!;
    const items = html.match(/Payload \d+/g) ?? [];
    expect(new Set(items).size, 'every planted item is listed on the page').toBe(planted.length);
    expect(violationsIn(html, 'index', new Set(['style', 'meta', 'link']))).toEqual([]);
  });
});
