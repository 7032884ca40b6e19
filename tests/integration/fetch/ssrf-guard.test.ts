import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FetchOptions, fetchFeed } from '../../../lib/fetch/fetch-feed.ts';
import { type HostileServer, startHostileServer } from '../../support/hostile-server.ts';
import { recordConnectionAttempts } from './connection-attempts.ts';

const options: Partial<FetchOptions> = { timeoutMs: 1500, maxBytes: 1024 * 1024 };
const allowLoopback: Partial<FetchOptions> = { ...options, allowPrivateHosts: ['127.0.0.1'] };

let server: HostileServer;
const attempts = recordConnectionAttempts();
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(async () => {
  await server.close();
  attempts.stop();
});

/** Runs a fetch and returns the addresses it tried to connect to. */
async function attemptsDuring<T>(run: () => Promise<T>): Promise<{ result: T; tried: string[] }> {
  const before = attempts.addresses.length;
  const result = await run();
  return { result, tried: attempts.addresses.slice(before) };
}

describe('the connection-attempt recorder itself', () => {
  it('sees every TCP connection attempt (so an empty record means no attempt)', async () => {
    const { tried } = await attemptsDuring(
      () =>
        new Promise<void>((resolve) => {
          const socket = connect({ host: '127.0.0.2', port: server.port }, () => socket.destroy());
          socket.once('error', () => resolve());
          socket.once('close', () => resolve());
        }),
    );
    expect(tried).toEqual(['127.0.0.2']);
  });
});

describe('SSRF guard without an allow-list: loopback itself is forbidden', () => {
  // WHATWG URL parsing turns decimal, octal and hex IPv4 forms into dotted quads; the guard sees the result.
  it.each([
    ['dotted', (port: number) => `http://127.0.0.1:${port}/feed.xml`, 'loopback'],
    ['decimal', (port: number) => `http://2130706433:${port}/feed.xml`, 'loopback'],
    ['octal', (port: number) => `http://0177.0.0.1:${port}/feed.xml`, 'loopback'],
    ['hex', (port: number) => `http://0x7f.0.0.1:${port}/feed.xml`, 'loopback'],
    ['short', (port: number) => `http://127.1:${port}/feed.xml`, 'loopback'],
    ['single hex number', (port: number) => `http://0x7f000001:${port}/feed.xml`, 'loopback'],
    ['single octal number', (port: number) => `http://017700000001:${port}/feed.xml`, 'loopback'],
    ['zero-padded', (port: number) => `http://127.000.000.001:${port}/feed.xml`, 'loopback'],
    ['trailing dot', (port: number) => `http://127.0.0.1.:${port}/feed.xml`, 'loopback'],
    ['IPv6 ::1', (port: number) => `http://[::1]:${port}/feed.xml`, 'loopback'],
    ['IPv4-mapped IPv6', (port: number) => `http://[::ffff:127.0.0.1]:${port}/feed.xml`, 'loopback'],
    ['unspecified 0.0.0.0', (port: number) => `http://0.0.0.0:${port}/feed.xml`, 'unspecified'],
  ])('%s literal → blocked-address before any connection', async (_name, url, addressClass) => {
    const { result, tried } = await attemptsDuring(() => fetchFeed({ url: url(server.port) }, options));
    expect(!result.ok && result.error).toMatchObject({ kind: 'blocked-address', addressClass });
    expect(tried).toEqual([]);
  });

  it('blocks a host name that resolves to loopback, at the resolution step (no rebinding window)', async () => {
    const url = `http://localhost:${server.port}/feed.xml`;
    const { result, tried } = await attemptsDuring(() => fetchFeed({ url }, options));
    expect(!result.ok && result.error).toMatchObject({ kind: 'blocked-address', address: '127.0.0.1' });
    expect(tried).toEqual([]);
  });

  it('lets a host through when it is allow-listed by name', async () => {
    const url = `http://localhost:${server.port}/feed.xml`;
    const result = await fetchFeed({ url }, { ...options, allowPrivateHosts: ['localhost'] });
    expect(result.ok && result.value.kind).toBe('fetched');
  });
});

describe('SSRF guard on every redirect hop (loopback allowed for the first hop only)', () => {
  it.each([
    ['/to-metadata', '169.254.169.254', 'metadata'],
    ['/to-metadata-v6', 'fd00:ec2::254', 'metadata'],
    ['/to-private', '10.0.0.1', 'private'],
    ['/to-mapped-private', '::ffff:a00:1', 'private'],
  ])('%s → blocked-address %s (%s), never connected', async (path, address, addressClass) => {
    const url = `${server.origin}${path}`;
    const { result, tried } = await attemptsDuring(() => fetchFeed({ url }, allowLoopback));
    expect(!result.ok && result.error).toMatchObject({ kind: 'blocked-address', address, addressClass });
    expect(tried).toEqual(['127.0.0.1']); // the first hop to the hostile server, nothing else
  });
});
