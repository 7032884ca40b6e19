import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { fetchFeed } from '../../../lib/fetch/fetch-feed.ts';
import { type IngestDeps, ingestFeed } from '../../../lib/ingest.ts';
import type { FeedSource } from '../../../lib/model.ts';
import type { Db } from '../../../lib/store/db.ts';
import { compileTopicMatchers } from '../../../lib/topic-matchers.ts';

/** One story as an outlet publishes it (text written by the team). */
export interface WireItem {
  readonly guid: string;
  readonly title: string;
  readonly summary: string;
  readonly link: string;
  readonly published: string;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An RSS 2.0 document of these items; `lastBuildDate` changes the bytes without changing any item. */
export function rssOf(title: string, items: readonly WireItem[], lastBuildDate?: string): string {
  const entries = items
    .map(
      (item) =>
        `<item><guid isPermaLink="false">${escapeXml(item.guid)}</guid><title>${escapeXml(item.title)}</title>` +
        `<link>${escapeXml(item.link)}</link><description>${escapeXml(item.summary)}</description>` +
        `<pubDate>${new Date(item.published).toUTCString()}</pubDate></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${escapeXml(title)}</title><link>https://example.org/</link><description>test</description>${lastBuildDate ? `<lastBuildDate>${lastBuildDate}</lastBuildDate>` : ''}${entries}</channel></rss>`;
}

/** Feeds served from 127.0.0.1 by a real HTTP server; tests change `feeds` between runs. */
export interface WireWorld {
  readonly feeds: Map<string, string>;
  sourceOf(name: string): FeedSource;
  close(): Promise<void>;
}

export async function startWireWorld(): Promise<WireWorld> {
  const feeds = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const body = feeds.get(new URL(request.url ?? '/', 'http://x').pathname.slice(1));
    if (body === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    feeds,
    sourceOf: (name) => ({ feedId: name, url: `${base}/${name}`, title: `Outlet ${name}` }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const topics = compileTopicMatchers([
  {
    slug: 'harbours',
    title: 'Harbours',
    description: 'ports',
    query: 'port OR harbour OR crane',
    maxItems: 50,
    retentionDays: 30,
  },
]);

export function ingestDeps(db: Db, now = new Date('2024-03-06T00:00:00.000Z')): IngestDeps {
  if (!topics.ok) throw new Error(topics.error.join('; '));
  return {
    db,
    fetch: (request) => fetchFeed(request, { allowPrivateHosts: ['127.0.0.1'], timeoutMs: 5_000 }),
    topics: topics.value,
    now: () => now,
    articleRetentionDays: 90,
  };
}

export { ingestFeed };

/** Every item of the table, sorted, for comparing two runs. */
export async function snapshotTable(db: Db): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

/** The articles of a table snapshot: `ART#` items that are not a redirect or a tombstone (`absorbedInto`). */
export const articlesIn = (items: readonly Record<string, unknown>[]) =>
  items.filter((item) => String(item.pk).startsWith('ART#') && item.absorbedInto === undefined);
