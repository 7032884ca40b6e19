import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { err, ok, type Result } from '../result.ts';
import { classifyAddress, isAddressAllowed, normalizeHost } from './address-policy.ts';
import type { FetchError } from './fetch-error.ts';
import { BlockedAddressError, createGuardedLookup } from './guarded-lookup.ts';
import { BodyDecodeError, type BodyProgress, BodyTooLargeError, readBody } from './read-body.ts';

export interface HopRequest {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** Aborts when the whole fetch's time budget is spent (shared by every hop). */
  readonly signal: AbortSignal;
  readonly allowPrivateHosts: readonly string[];
}

export interface HopResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Decompressed body; read only for 2xx answers (redirects and errors are not worth the bytes). */
  readonly body?: Buffer;
}

/** One HTTP GET without following redirects, guarded against SSRF and capped in time and size. */
export async function requestHop(hop: HopRequest): Promise<Result<HopResponse, FetchError>> {
  const url = hop.url.href;
  const host = normalizeHost(hop.url.hostname);
  // An IP literal never goes through `lookup`, so it is checked here, before any socket exists.
  if (isIP(host) && !isAddressAllowed(host, host, hop.allowPrivateHosts)) {
    return err(blockedError(url, new BlockedAddressError(host, host, classifyAddress(host))));
  }
  const progress: BodyProgress = { wireBytes: 0 };
  let response: IncomingMessage | undefined;
  try {
    response = await openResponse(hop, host);
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      response.destroy();
      return ok({ status, headers: response.headers });
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > hop.maxBytes) {
      response.destroy();
      return err(tooLarge(url, hop.maxBytes, `declares ${declared} bytes`));
    }
    const body = await readBody(response, hop.maxBytes, hop.signal, progress);
    return ok({ status, headers: response.headers, body });
  } catch (error) {
    response?.destroy();
    return err(classifyFailure(error, hop, response, progress));
  }
}

function openResponse(hop: HopRequest, host: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = hop.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      {
        protocol: hop.url.protocol,
        hostname: host,
        port: hop.url.port || undefined,
        path: `${hop.url.pathname}${hop.url.search}`,
        method: 'GET',
        headers: hop.headers,
        lookup: createGuardedLookup(hop.allowPrivateHosts),
        agent: false, // no pooled socket can outlive the check or carry over between hosts
        signal: hop.signal,
      },
      resolve,
    );
    req.on('error', reject);
    // Belt and braces: whatever path led here, refuse a socket whose peer is a forbidden address.
    req.on('socket', (socket) => {
      socket.once('connect', () => {
        const peer = socket.remoteAddress ?? '';
        if (!isAddressAllowed(peer, host, hop.allowPrivateHosts)) {
          req.destroy(new BlockedAddressError(host, peer, classifyAddress(peer)));
        }
      });
    });
    req.end();
  });
}

function blockedError(url: string, blocked: BlockedAddressError): FetchError {
  return {
    kind: 'blocked-address',
    message: `${blocked.message}; only public addresses may be fetched`,
    url,
    address: blocked.address,
    addressClass: blocked.addressClass,
  };
}

function tooLarge(url: string, maxBytes: number, detail: string): FetchError {
  return { kind: 'too-large', message: `response ${detail}, over the ${maxBytes}-byte cap`, url, maxBytes };
}

function classifyFailure(
  error: unknown,
  hop: HopRequest,
  response: IncomingMessage | undefined,
  progress: BodyProgress,
): FetchError {
  const url = hop.url.href;
  if (error instanceof BlockedAddressError) return blockedError(url, error);
  if (error instanceof BodyTooLargeError) return tooLarge(url, hop.maxBytes, 'grew past the cap while streaming');
  if (error instanceof BodyDecodeError) return { kind: 'decode', message: error.message, url };
  if (hop.signal.aborted) {
    const phase = response ? `while reading the body (${progress.wireBytes} bytes in)` : 'before the response headers';
    return { kind: 'timeout', message: `gave up after ${hop.timeoutMs} ms ${phase}`, url, timeoutMs: hop.timeoutMs };
  }
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if (response) {
    const declared = Number(response.headers['content-length']);
    const expectedBytes = Number.isFinite(declared) ? declared : undefined;
    const of = expectedBytes === undefined ? '' : ` of ${expectedBytes}`;
    return {
      kind: 'truncated',
      message: `connection closed after ${progress.wireBytes}${of} bytes (${code ?? message})`,
      url,
      receivedBytes: progress.wireBytes,
      ...(expectedBytes === undefined ? {} : { expectedBytes }),
    };
  }
  return { kind: 'network', message: networkMessage(code, message, hop.url.hostname), url, ...(code ? { code } : {}) };
}

/** OpenSSL and getaddrinfo messages are long and multi-line; the health line needs the gist. */
function networkMessage(code: string | undefined, message: string, hostname: string): string {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `DNS lookup failed for ${hostname}`;
  const oneLine = message.replace(/\s+/g, ' ').trim();
  const tls = code === 'EPROTO' || /^(ERR_SSL|ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code ?? '');
  return tls ? `TLS handshake failed: ${oneLine}` : oneLine;
}
