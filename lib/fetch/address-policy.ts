import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which IP addresses a feed fetch may connect to. A feed URL is attacker-controlled input: without this check a
 * feed (or a redirect it answers with) could make our Lambda read cloud metadata credentials or internal services.
 * We classify by the IANA special-purpose registries and allow only ordinary public unicast.
 */
export type AddressClass =
  | 'public'
  | 'invalid'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'metadata'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved'
  | 'unique-local';

interface Ipv4Range {
  readonly base: number;
  readonly bits: number;
  readonly cls: AddressClass;
}

const v4 = (dotted: string, bits: number, cls: AddressClass): Ipv4Range => ({ base: ipv4ToNumber(dotted)!, bits, cls });

// Most specific first: the first match wins.
const IPV4_RANGES: readonly Ipv4Range[] = [
  v4('169.254.169.254', 32, 'metadata'), // AWS/GCP/Azure instance metadata
  v4('255.255.255.255', 32, 'broadcast'),
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'cgnat'), // also holds Alibaba's metadata address 100.100.100.200
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'),
  v4('192.0.2.0', 24, 'documentation'),
  v4('192.88.99.0', 24, 'reserved'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'benchmarking'),
  v4('198.51.100.0', 24, 'documentation'),
  v4('203.0.113.0', 24, 'documentation'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'),
];

function ipv4ToNumber(dotted: string): number | undefined {
  if (!isIPv4(dotted)) return undefined;
  return dotted.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function classifyIpv4Number(value: number): AddressClass {
  for (const range of IPV4_RANGES) {
    const size = 2 ** (32 - range.bits);
    if (value >= range.base && value < range.base + size) return range.cls;
  }
  return 'public';
}

/** Expands any valid IPv6 text (including `::` and an embedded dotted IPv4 tail) to its 8 16-bit groups. */
function ipv6ToGroups(text: string): number[] | undefined {
  if (!isIPv6(text)) return undefined;
  let body = text;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const n = ipv4ToNumber(dotted[1]!);
    if (n === undefined) return undefined;
    tail.push(Math.floor(n / 65536), n % 65536);
    body = body.slice(0, -dotted[1]!.length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const [head = '', rest] = body.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const missing = 8 - left.length - right.length - tail.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return undefined;
  return [...left, ...new Array<number>(missing).fill(0), ...right, ...tail];
}

const embeddedV4 = (high: number, low: number) => high * 65536 + low;

function classifyIpv6Groups(g: readonly number[]): AddressClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 0) return 'unspecified';
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback';
  // ::ffff:a.b.c.d reaches the IPv4 host a.b.c.d: judge it by that address.
  if (upperZero && g5 === 0xffff) return classifyIpv4Number(embeddedV4(g6, g7));
  // Deprecated IPv4-compatible ::a.b.c.d: never legitimate today.
  if (upperZero && g5 === 0) return 'reserved';
  // NAT64 well-known prefix 64:ff9b::/96 reaches the embedded IPv4 host; allow only if that host is public.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return classifyIpv4Number(embeddedV4(g6, g7));
  }
  if (g0 === 0xfd00 && g1 === 0x0ec2 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && g6 === 0 && g7 === 0x254) {
    return 'metadata'; // AWS IMDS over IPv6
  }
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation';
  // 6to4 2002::/16 tunnels to the IPv4 address in groups 1-2.
  if (g0 === 0x2002) return classifyIpv4Number(embeddedV4(g1, g2));
  // 2001::/23 holds Teredo (obfuscated IPv4), ORCHID and benchmarking space: nothing a feed needs.
  if (g0 === 0x2001 && g1 < 0x0200) return 'reserved';
  // Only global unicast 2000::/3 is public; everything else is unassigned or special.
  if ((g0 & 0xe000) !== 0x2000) return 'reserved';
  return 'public';
}

/** Classifies an IP address given as text (IPv4 dotted quad or IPv6, with or without brackets or zone id). */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const n = ipv4ToNumber(bare);
  if (n !== undefined) return classifyIpv4Number(n);
  const groups = ipv6ToGroups(bare);
  return groups ? classifyIpv6Groups(groups) : 'invalid';
}

/** Normalizes a host name or address for allow-list comparison: case, brackets, trailing dot. */
export function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/**
 * The decision the fetcher acts on. `allowPrivateHosts` names hosts or addresses (e.g. `127.0.0.1`, `localhost`)
 * that tests and the local demo may reach; naming a host trusts whatever it resolves to.
 */
export function isAddressAllowed(address: string, host: string, allowPrivateHosts: readonly string[]): boolean {
  if (classifyAddress(address) === 'public') return true;
  const allowed = new Set(allowPrivateHosts.map(normalizeHost));
  return allowed.has(normalizeHost(address)) || allowed.has(normalizeHost(host));
}
