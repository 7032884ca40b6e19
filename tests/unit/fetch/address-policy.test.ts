import { describe, expect, it } from 'vitest';
import { classifyAddress, isAddressAllowed } from '../../../lib/fetch/address-policy.ts';

describe('classifyAddress', () => {
  it.each([
    // IPv4
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.255.1.2', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['11.0.0.1', 'public'],
    ['100.63.255.255', 'public'],
    ['100.64.0.1', 'cgnat'],
    ['100.100.100.200', 'cgnat'], // Alibaba Cloud metadata
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.0', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'metadata'],
    ['169.254.0.1', 'link-local'],
    ['172.15.255.255', 'public'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.0', 'public'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['192.88.99.1', 'reserved'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    // IPv6
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a00:1', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'reserved'], // deprecated IPv4-compatible
    ['64:ff9b::10.0.0.1', 'private'], // NAT64 to a private host
    ['64:ff9b::a9fe:a9fe', 'metadata'], // NAT64 to 169.254.169.254
    ['64:ff9b::8.8.8.8', 'public'],
    ['fd00:ec2::254', 'metadata'], // AWS IMDS over IPv6
    ['fc00::1', 'unique-local'],
    ['fdff:ffff::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'reserved'], // Teredo
    ['2002:0a00:0001::1', 'private'], // 6to4 wrapping 10.0.0.1
    ['2002:0808:0808::1', 'public'], // 6to4 wrapping 8.8.8.8
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:81b::200e', 'public'],
    ['4000::1', 'reserved'],
    // Not addresses
    ['localhost', 'invalid'],
    ['999.1.1.1', 'invalid'],
    ['', 'invalid'],
  ])('%s → %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('isAddressAllowed', () => {
  it.each([
    ['public address, no allow-list', '8.8.8.8', 'example.com', [], true],
    ['loopback, no allow-list', '127.0.0.1', '127.0.0.1', [], false],
    ['loopback allowed by address', '127.0.0.1', 'example.test', ['127.0.0.1'], true],
    ['loopback allowed by host name', '127.0.0.1', 'LocalHost.', ['localhost'], true],
    ['IPv6 loopback allowed in brackets', '::1', '[::1]', ['[::1]'], true],
    ['another private address is not covered', '10.0.0.1', 'intranet', ['127.0.0.1'], false],
  ] as const)('%s → %s', (_name, address, host, allow, expected) => {
    expect(isAddressAllowed(address, host, allow)).toBe(expected);
  });
});
