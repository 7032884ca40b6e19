import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Real feeds are https: prove SNI, certificate checks and the guarded lookup work together over TLS.
// A throwaway certificate is made with openssl at test time (no key material lives in the repo).
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl)
  console.warn('https fetch tests skipped: the openssl binary is not available to make a test certificate');

const run = promisify(execFile);
const child = path.resolve(import.meta.dirname, 'https-fetch-child.ts');
let dir = '';
let server: Server;
let port = 0;

beforeAll(async () => {
  if (!hasOpenssl) return;
  dir = mkdtempSync(path.join(tmpdir(), 'wirefold-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const tls = { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  server = createServer(tls, (req, res) => {
    if (req.url === '/old') return void res.writeHead(301, { location: '/feed.xml' }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-encoding': 'gzip' });
    res.end(gzipSync(`<rss><channel><title>TLS to ${req.headers.host}</title></channel></rss>`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  if (!hasOpenssl) return;
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function fetchInChild(url: string, allow: string, trustCa = true) {
  const env = { ...process.env, ...(trustCa ? { NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem') } : {}) };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, url, allow], { env });
  return JSON.parse(stdout);
}

describe.skipIf(!hasOpenssl).concurrent('fetchFeed over https', () => {
  it('fetches by host name (SNI) through a permanent redirect, with gzip', async () => {
    const result = await fetchInChild(`https://localhost:${port}/old`, 'localhost');
    expect(result).toMatchObject({
      ok: true,
      value: {
        kind: 'fetched',
        finalUrl: `https://localhost:${port}/feed.xml`,
        movedPermanentlyTo: `https://localhost:${port}/feed.xml`,
        text: `<rss><channel><title>TLS to localhost:${port}</title></channel></rss>`,
      },
    });
  });

  it('refuses a certificate it cannot verify', async () => {
    const result = await fetchInChild(`https://localhost:${port}/feed.xml`, 'localhost', false);
    expect(result).toMatchObject({ ok: false, error: { kind: 'network', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
    expect(result.error.message).toMatch(/^TLS handshake failed/);
  });

  it('still applies the SSRF guard to https URLs', async () => {
    const result = await fetchInChild(`https://localhost:${port}/feed.xml`, '');
    expect(result).toMatchObject({ ok: false, error: { kind: 'blocked-address', addressClass: 'loopback' } });
  });
});
