import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.xml': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rdf': 'application/rdf+xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
};

const two = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The demo feeds carry dates like `{{rfc822 -2d 08:15}}` (two days ago at 08:15 UTC), filled in when the server
 * starts, so the bundled stories are always recent and land inside every "last N days" window.
 */
export function fillDates(template: string, now: Date): string {
  return template.replace(/\{\{(rfc822|iso) -(\d+)d (\d\d):(\d\d)\}\}/g, (_m, style: string, days, hh, mm) => {
    const at = new Date(now.getTime() - Number(days) * 86_400_000);
    at.setUTCHours(Number(hh), Number(mm), 0, 0);
    if (style === 'iso') return at.toISOString().replace('.000Z', 'Z');
    return `${DAYS[at.getUTCDay()]}, ${two(at.getUTCDate())} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:00 +0000`;
  });
}

export interface DemoFeedServer {
  readonly url: string;
  /** File name → absolute URL of that feed on this server. */
  readonly feeds: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

/** Serves the bundled demo feeds on 127.0.0.1 with ETags, so the second poll gets a 304 like a real server. */
export async function startDemoFeedServer(feedsDir: string, now = new Date()): Promise<DemoFeedServer> {
  const bodies = new Map<string, { body: Buffer; etag: string; type: string }>();
  for (const name of readdirSync(feedsDir).sort()) {
    const type = CONTENT_TYPES[extname(name)];
    if (!type) continue;
    const body = Buffer.from(fillDates(readFileSync(join(feedsDir, name), 'utf8'), now));
    bodies.set(`/${name}`, { body, type, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` });
  }
  const server = createServer((request, response) => {
    const feed = bodies.get(new URL(request.url ?? '/', 'http://demo').pathname);
    if (!feed) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (request.headers['if-none-match'] === feed.etag) return void response.writeHead(304, { etag: feed.etag }).end();
    response.writeHead(200, { 'content-type': feed.type, etag: feed.etag, 'cache-control': 'max-age=300' });
    response.end(feed.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    feeds: new Map([...bodies.keys()].map((path) => [path.slice(1), `${url}${path}`])),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
