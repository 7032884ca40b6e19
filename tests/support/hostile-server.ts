import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  brotliCompressSync,
  constants,
  createBrotliCompress,
  createDeflate,
  createGzip,
  deflateRawSync,
  deflateSync,
  gzipSync,
} from 'node:zlib';

/**
 * A real HTTP server on 127.0.0.1 that misbehaves the ways feed servers do. Any suite may import it; each path is
 * one behaviour (see ROUTES). Nothing here is ever fetched from outside 127.0.0.1: redirects to metadata and private
 * addresses exist only to prove the client refuses them before connecting.
 */
export const SAMPLE_ETAG = '"wirefold-sample-v1"';
export const SAMPLE_LAST_MODIFIED = 'Wed, 25 Nov 2026 08:00:00 GMT';
export const SAMPLE_FEED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Hostile sample — Hà Nội &amp; 北京</title><link>https://example.com/</link>
<description>fixture</description><ttl>30</ttl>
<item><title>Vietnam and China sign a 5G pact</title><link>https://example.com/a</link><guid>a</guid>
<pubDate>Wed, 25 Nov 2026 07:00:00 GMT</pubDate></item>
</channel></rss>
`;
const RSS_TYPE = 'application/rss+xml; charset=utf-8';
const TWO_GIB = 2 * 1024 ** 3;

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

type Route = (req: IncomingMessage, res: ServerResponse, origin: string) => void | Promise<void>;

/** `length` bytes produced on demand, 64 KiB at a time: a 2 GB body without 2 GB of memory on either side. */
function lazyBytes(length: number, fill = 0x20): Readable {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= length) return void this.push(null);
      const size = Math.min(chunk.length, length - sent);
      sent += size;
      this.push(size === chunk.length ? chunk : chunk.subarray(0, size));
    },
  });
}

/** Streams until the client hangs up; a closed socket is the expected end, not a failure. */
const pump = (source: Readable, res: ServerResponse, through?: Transform) =>
  (through ? pipeline(source, through, res) : pipeline(source, res)).catch(() => undefined);

const redirect =
  (status: number, location: string): Route =>
  (_req, res) => {
    res.writeHead(status, { location }).end();
  };

const send =
  (status: number, headers: Record<string, string | number> = {}, body: string | Buffer = ''): Route =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);
  };

/** The sample feed with validators; honours If-None-Match and If-Modified-Since with a 304. */
const sampleFeed: Route = (req, res) => {
  const validators = { etag: SAMPLE_ETAG, 'last-modified': SAMPLE_LAST_MODIFIED, 'cache-control': 'max-age=900' };
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  if ((inm && inm === SAMPLE_ETAG) || (!inm && ims && Date.parse(ims) >= Date.parse(SAMPLE_LAST_MODIFIED))) {
    res.writeHead(304, validators).end();
    return;
  }
  const encoding = new URL(req.url ?? '/', 'http://x').searchParams.get('enc');
  const encoders: Record<string, (b: Buffer) => Buffer> = {
    gzip: gzipSync,
    deflate: deflateSync,
    'deflate-raw': deflateRawSync,
    br: brotliCompressSync,
  };
  const encode = encoding ? encoders[encoding] : undefined;
  const body = encode ? encode(Buffer.from(SAMPLE_FEED)) : Buffer.from(SAMPLE_FEED);
  const contentEncoding = encoding === 'deflate-raw' ? 'deflate' : encoding;
  const headers: Record<string, string> = { 'content-type': RSS_TYPE, ...validators };
  if (encode && contentEncoding) headers['content-encoding'] = contentEncoding;
  res.writeHead(200, headers);
  res.end(body);
};

/** An endless compressed stream of spaces: a few KiB on the wire, unbounded after decompression. */
const bomb: Route = (req, res) => {
  const encoding = new URL(req.url ?? '/', 'http://x').searchParams.get('enc') ?? 'gzip';
  const compressor =
    encoding === 'br'
      ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } })
      : encoding === 'deflate'
        ? createDeflate({ level: 9 })
        : createGzip({ level: 9 });
  res.writeHead(200, { 'content-type': RSS_TYPE, 'content-encoding': encoding });
  void pump(lazyBytes(TWO_GIB), res, compressor);
};

const windows1252Body = Buffer.concat([
  Buffer.from('<?xml version="1.0" encoding="windows-1252"?>\n<rss version="2.0"><channel><title>Caf\xe9 ', 'latin1'),
  Buffer.from([0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80]), // “q” – 5 €
  Buffer.from('</title></channel></rss>\n', 'latin1'),
]);

const ROUTES: Record<string, Route> = {
  '/feed.xml': sampleFeed,
  '/hang': (_req, res) => {
    res.writeHead(200, { 'content-type': RSS_TYPE });
    res.flushHeaders(); // headers out, then silence until the client gives up
  },
  '/hang-before-headers': () => undefined,
  '/trickle': (_req, res) => {
    res.writeHead(200, { 'content-type': RSS_TYPE });
    let index = 0;
    const drip = () => (index < SAMPLE_FEED.length ? res.write(SAMPLE_FEED[index++]!) : res.end());
    drip(); // the first byte goes out with the headers, then one a second
    const timer = setInterval(drip, 1000);
    res.on('close', () => clearInterval(timer));
  },
  '/huge': (_req, res) => {
    res.writeHead(200, { 'content-type': RSS_TYPE });
    void pump(lazyBytes(TWO_GIB), res);
  },
  '/huge-declared': (_req, res) => {
    res.writeHead(200, { 'content-type': RSS_TYPE, 'content-length': TWO_GIB });
    void pump(lazyBytes(TWO_GIB), res);
  },
  '/bomb': bomb,
  '/corrupt-gzip': send(200, { 'content-type': RSS_TYPE, 'content-encoding': 'gzip' }, 'this is not gzip at all'),
  '/unknown-encoding': send(200, { 'content-type': RSS_TYPE, 'content-encoding': 'zstd' }, 'whatever'),
  // /chain?n=3 → /chain?n=2 → … → /feed.xml: n redirects in all.
  '/chain': (req, res) => {
    const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? 0);
    res.writeHead(302, { location: n > 1 ? `/chain?n=${n - 1}` : '/feed.xml' }).end();
  },
  '/loop-a': redirect(302, '/loop-b'),
  '/loop-b': redirect(302, '/loop-a'),
  '/to-metadata': redirect(302, 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'),
  '/to-metadata-v6': redirect(302, 'http://[fd00:ec2::254]/latest/meta-data/'),
  '/to-private': redirect(301, 'http://10.0.0.1/feed.xml'),
  '/to-mapped-private': redirect(302, 'http://[::ffff:10.0.0.1]/feed.xml'),
  '/to-file': redirect(302, 'file:///etc/passwd'),
  '/no-location': send(302),
  '/moved': redirect(301, '/moved-again'),
  '/moved-again': redirect(308, '/feed.xml'),
  '/moved-then-temp': redirect(301, '/temp'),
  '/temp': redirect(302, '/feed.xml'),
  '/temp-then-moved': redirect(307, '/moved'),
  '/wrong-charset': send(200, { 'content-type': 'text/xml; charset=utf-8' }, windows1252Body),
  '/html': send(
    200,
    { 'content-type': 'text/html; charset=utf-8' },
    '<!DOCTYPE html><html><head><title>News</title>' +
      '<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>hi</body></html>',
  ),
  '/truncated': (_req, res) => {
    res.writeHead(200, { 'content-type': RSS_TYPE, 'content-length': 4096 });
    res.write(SAMPLE_FEED.slice(0, 200), () => res.destroy());
  },
  '/truncated-gzip': (_req, res) => {
    const body = gzipSync(Buffer.from(SAMPLE_FEED.repeat(50)));
    res.writeHead(200, { 'content-type': RSS_TYPE, 'content-encoding': 'gzip', 'content-length': body.length });
    res.write(body.subarray(0, body.length >> 1), () => res.destroy());
  },
  '/truncated-xml': send(200, { 'content-type': RSS_TYPE }, SAMPLE_FEED.slice(0, 180)),
  '/rate-limited': send(429, { 'retry-after': 120 }),
  '/rate-limited-date': (_req, res) => {
    const now = Date.now();
    const headers = { date: new Date(now).toUTCString(), 'retry-after': new Date(now + 90_000).toUTCString() };
    res.writeHead(429, headers).end();
  },
  '/unavailable': send(503, { 'retry-after': 30 }),
  '/unavailable-bare': send(503),
  '/error': send(500, {}, 'Internal Server Error'),
  '/gone': send(410, {}, 'Gone'),
};

export interface HostileServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  /** Every request received, in order, with its headers (to assert User-Agent, validators, …). */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts the server on a free 127.0.0.1 port. `extraRoutes` add or override paths for a suite's own needs. */
export async function startHostileServer(extraRoutes: Record<string, Route> = {}): Promise<HostileServer> {
  const routes = { ...ROUTES, ...extraRoutes };
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, headers: req.headers });
    const route = routes[path] ?? send(404, {}, 'not found');
    void route(req, res, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // hanging and trickling responses would otherwise keep it open
        server.close(() => resolve());
      }),
  };
}
