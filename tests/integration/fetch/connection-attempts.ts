import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/**
 * Records the IP address of every outgoing TCP connection attempt in this process, via Node's own
 * `net.client.socket` diagnostics channel. SSRF suites assert on it that the guard refused BEFORE connecting:
 * a forbidden address must never show up here, not even as a failed attempt.
 */
export function recordConnectionAttempts(): { readonly addresses: string[]; stop(): void } {
  const addresses: string[] = [];
  const onSocket = (message: unknown) => {
    const { socket } = message as { socket: Socket };
    socket.on('connectionAttempt', (ip: string) => addresses.push(ip));
  };
  subscribe('net.client.socket', onSocket);
  return { addresses, stop: () => unsubscribe('net.client.socket', onSocket) };
}
