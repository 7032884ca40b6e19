import { type LookupAddress, type LookupOptions, lookup as systemLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { type AddressClass, classifyAddress, isAddressAllowed } from './address-policy.ts';

/** Raised inside the socket's DNS step when every resolved address is forbidden; fetch-feed maps it to a value. */
export class BlockedAddressError extends Error {
  readonly code = 'EWIREFOLDBLOCKED';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly addressClass: AddressClass,
  ) {
    super(`refused to connect to ${host} (${address}, ${addressClass} address)`);
  }
}

type Resolver = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for http.request that filters resolved addresses through the SSRF policy. Because the socket connects
 * to exactly what this returns, there is no window between "check" and "connect" for DNS rebinding to exploit.
 * Forbidden addresses are dropped; if none remain the connection fails with BlockedAddressError.
 * `resolve` is injectable so the rule can be tested against any answer set without a DNS server.
 */
export function createGuardedLookup(
  allowPrivateHosts: readonly string[],
  resolve: Resolver = systemLookup as Resolver,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const permitted = addresses.filter((a) => isAddressAllowed(a.address, hostname, allowPrivateHosts));
      const first = addresses[0];
      if (permitted.length === 0 || !first) {
        const address = first?.address ?? '';
        callback(new BlockedAddressError(hostname, address, classifyAddress(address)), '', 0);
        return;
      }
      if (options.all) {
        (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, permitted);
      } else {
        callback(null, permitted[0]!.address, permitted[0]!.family);
      }
    });
  };
}
