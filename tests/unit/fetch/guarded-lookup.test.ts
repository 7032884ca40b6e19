import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { BlockedAddressError, createGuardedLookup } from '../../../lib/fetch/guarded-lookup.ts';

/** A resolver answering from a fixed table: the DNS answers an attacker might serve, without a DNS server. */
const answering =
  (addresses: LookupAddress[]) =>
  (_host: string, _options: unknown, callback: (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) =>
    callback(null, addresses);

function lookupAll(addresses: LookupAddress[], allow: string[] = [], all = true) {
  const lookup = createGuardedLookup(allow, answering(addresses));
  return new Promise<{ error: Error | null; result: unknown }>((resolve) =>
    lookup('feeds.example', { all }, (error, result, family) =>
      resolve({ error, result: all ? result : { address: result, family } }),
    ),
  );
}

const v4 = (address: string): LookupAddress => ({ address, family: 4 });
const v6 = (address: string): LookupAddress => ({ address, family: 6 });

describe('createGuardedLookup', () => {
  it('passes public answers through unchanged', async () => {
    const { error, result } = await lookupAll([v4('93.184.216.34'), v6('2606:2800:220:1::1')]);
    expect(error).toBeNull();
    expect(result).toEqual([v4('93.184.216.34'), v6('2606:2800:220:1::1')]);
  });

  it('drops forbidden answers mixed into a public set, so the socket can only pick a public one', async () => {
    const { result } = await lookupAll([v4('169.254.169.254'), v4('93.184.216.34'), v6('::1')]);
    expect(result).toEqual([v4('93.184.216.34')]);
  });

  it('fails with BlockedAddressError when every answer is forbidden (a rebinding host)', async () => {
    const { error } = await lookupAll([v4('127.0.0.1'), v6('::ffff:10.1.2.3')]);
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(error).toMatchObject({ host: 'feeds.example', address: '127.0.0.1', addressClass: 'loopback' });
  });

  it('answers in the single-address form when all is not requested', async () => {
    const { result } = await lookupAll([v4('10.0.0.2'), v4('93.184.216.34')], [], false);
    expect(result).toEqual({ address: '93.184.216.34', family: 4 });
  });

  it('lets an allow-listed host resolve to a private address', async () => {
    const lookup = createGuardedLookup(['feeds.example'], answering([v4('10.0.0.2')]));
    const result = await new Promise((resolve) => lookup('feeds.example', { all: true }, (_e, a) => resolve(a)));
    expect(result).toEqual([v4('10.0.0.2')]);
  });

  it('passes resolver errors through', async () => {
    const failing = (_h: string, _o: unknown, cb: (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) =>
      cb(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), []);
    const lookup = createGuardedLookup([], failing);
    const error = await new Promise((resolve) => lookup('nope.example', { all: true }, (e) => resolve(e)));
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
