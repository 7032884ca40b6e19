import { createHash } from 'node:crypto';
import { type ContentCoding, compress, MIN_COMPRESS_BYTES } from './negotiate-encoding.ts';
import type { Representation } from './representation.ts';

/**
 * A representation with everything that depends only on its bytes computed once: the body as bytes, the strong
 * ETag (a hash of the body, so equal data gives equal tags on every instance) and the compressed variants.
 */
export interface PreparedResponse {
  readonly representation: Representation;
  readonly bytes: Buffer;
  /** Opaque tag without quotes; a coding suffix is added per variant (a strong ETag names exact bytes). */
  readonly tag: string;
  readonly lastModifiedHttp?: string;
  encoded(coding: ContentCoding): { coding: ContentCoding; bytes: Buffer };
}

function httpDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toUTCString();
}

export function prepareResponse(representation: Representation): PreparedResponse {
  const bytes = Buffer.from(representation.body, 'utf8');
  const tag = createHash('sha256').update(bytes).digest('base64url').slice(0, 27);
  const variants = new Map<ContentCoding, Buffer>();
  return {
    representation,
    bytes,
    tag,
    lastModifiedHttp: httpDate(representation.lastModified),
    encoded(coding) {
      if (coding === 'identity' || bytes.length < MIN_COMPRESS_BYTES) return { coding: 'identity', bytes };
      let compressed = variants.get(coding);
      if (!compressed) {
        compressed = compress(bytes, coding);
        variants.set(coding, compressed);
      }
      return { coding, bytes: compressed };
    },
  };
}
