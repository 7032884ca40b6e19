import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { type FarmModel, versionInRound } from './farm-model.ts';
import { malformedBody, renderFarmFeed } from './farm-render.ts';

export interface FarmServer {
  readonly origin: string;
  setRound(round: number): void;
  /** Requests per feed kind and status, for the report. */
  readonly served: Record<string, number>;
  close(): Promise<void>;
}

/** Bounded lazy body: far over any cap, but the server never builds it in memory, and it ends on its own. */
function endlessBody(totalBytes: number): Readable {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= totalBytes) return void this.push(null);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

/**
 * One node:http server on 127.0.0.1 serving every farm feed at `/feeds/<index>.<ext>`. It honours If-None-Match
 * with a 304 when a feed did not change in the current round, and misbehaves by feed kind.
 */
export async function startFarmServer(model: FarmModel, options: { hugeBytes?: number } = {}): Promise<FarmServer> {
  let round = 1;
  const served: Record<string, number> = {};
  const byPath = new Map(model.feeds.map((f) => [f.path, f]));
  const count = (key: string) => {
    served[key] = (served[key] ?? 0) + 1;
  };
  const server = createServer((req, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://farm');
    if (url.pathname === '/_round') {
      round = Number(url.searchParams.get('n') ?? round);
      return void res.writeHead(204).end();
    }
    const feed = byPath.get(url.pathname);
    if (!feed) return void res.writeHead(404).end('no such feed');
    count(`${feed.kind}`);
    switch (feed.kind) {
      case 'slow': // headers, then silence past the client's time cap
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.flushHeaders();
        return;
      case 'error-500':
        return void res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      case 'error-404':
        return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      case 'malformed': {
        const { contentType, body } = malformedBody(feed);
        return void res.writeHead(200, { 'content-type': contentType }).end(body);
      }
      case 'huge':
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        endlessBody(options.hugeBytes ?? 64 * 1024 * 1024)
          .pipe(res)
          .on('error', () => undefined);
        return;
      case 'rate-limited':
        if (round === 1) return void res.writeHead(429, { 'retry-after': '60' }).end();
        break;
      case 'healthy':
        break;
    }
    const etag = `"f${feed.index}-v${versionInRound(feed, round)}"`;
    if (req.headers['if-none-match'] === etag) {
      count('304');
      return void res.writeHead(304, { etag }).end();
    }
    const body = renderFarmFeed(model, feed, round, origin);
    const type = feed.format === 'json' ? 'application/feed+json' : `application/${feed.format}+xml`;
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, etag });
    res.end(body);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    served,
    setRound: (n) => {
      round = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
