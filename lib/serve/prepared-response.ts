import { createHash } from 'node:crypto';
import { type ContentCoding, compress, MIN_COMPRESS_BYTES } from './negotiate-encoding.ts';
import type { Representation } from './representation.ts';

/**
 * A representation with everything that depends only on its bytes computed once: the strong ETag (a hash of the
 * body, so equal data gives equal tags on every instance), and per content coding the bytes, the Lambda body string
 * and the complete 200/304 header sets. A cached feed then costs a negotiation and a lookup per request.
 */

export interface Variant {
  readonly coding: ContentCoding;
  readonly bytes: Buffer;
  /** The body as a Lambda response carries it: the text itself, or base64 when compressed. */
  readonly lambdaBody: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly notModifiedHeaders: Readonly<Record<string, string>>;
}

export interface PreparedResponse {
  readonly representation: Representation;
  /** Opaque tag without quotes; a coding suffix is added per variant (a strong ETag names exact bytes). */
  readonly tag: string;
  readonly lastModifiedHttp?: string;
  variant(coding: ContentCoding): Variant;
}

/** Readable cross-origin: feeds are public; ETag and Link must be exposed for conditional polling and paging. */
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Link, Content-Length',
} as const;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  // The index page has only inline CSS; feeds opened in a browser must not run anything either.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:",
} as const;

function httpDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toUTCString();
}

export function prepareResponse(representation: Representation): PreparedResponse {
  const bytes = Buffer.from(representation.body, 'utf8');
  const tag = createHash('sha256').update(bytes).digest('base64url').slice(0, 27);
  const lastModifiedHttp = httpDate(representation.lastModified);
  const cacheable = representation.status === 200;
  const variants = new Map<ContentCoding, Variant>();

  function build(coding: ContentCoding): Variant {
    const encoded = coding === 'identity' ? bytes : compress(bytes, coding);
    const validators: Record<string, string> = {};
    if (cacheable) {
      validators.etag = `"${tag}${coding === 'identity' ? '' : `-${coding}`}"`;
      if (lastModifiedHttp) validators['last-modified'] = lastModifiedHttp;
    }
    const notModifiedHeaders = {
      ...CORS_HEADERS,
      ...SECURITY_HEADERS,
      'cache-control': representation.cacheControl,
      vary: 'Accept-Encoding',
      ...validators,
      ...representation.headers,
    };
    const headers = {
      ...notModifiedHeaders,
      'content-type': representation.contentType,
      'content-length': String(encoded.length),
      ...(coding === 'identity' ? {} : { 'content-encoding': coding }),
    };
    const lambdaBody = coding === 'identity' ? representation.body : encoded.toString('base64');
    return { coding, bytes: encoded, lambdaBody, headers, notModifiedHeaders };
  }

  return {
    representation,
    tag,
    lastModifiedHttp,
    variant(requested) {
      // Errors and small bodies go as they are: compressing them saves nothing worth a variant.
      const coding = cacheable && bytes.length >= MIN_COMPRESS_BYTES ? requested : 'identity';
      let variant = variants.get(coding);
      if (!variant) {
        variant = build(coding);
        variants.set(coding, variant);
      }
      return variant;
    },
  };
}
