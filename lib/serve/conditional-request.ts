import type { PreparedResponse } from './prepared-response.ts';

/**
 * RFC 9110 §13 preconditions for GET/HEAD: If-None-Match wins over If-Modified-Since; If-None-Match uses weak
 * comparison, and a tag we sent for a compressed variant (`"<hash>-br"`) matches the same content in any coding.
 */

const CODING_SUFFIX = /-(br|gzip)$/;

function entityTags(header: string): string[] {
  return [...header.matchAll(/(?:W\/)?"([^"]*)"|(\*)/g)].map((m) => m[2] ?? m[1]!.replace(CODING_SUFFIX, ''));
}

export function isNotModified(
  headers: Readonly<Record<string, string | undefined>>,
  prepared: PreparedResponse,
): boolean {
  if (prepared.representation.status !== 200) return false;
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return entityTags(ifNoneMatch).some((tag) => tag === '*' || tag === prepared.tag);
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined || !prepared.lastModifiedHttp) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds; the data's time is compared at the same precision.
  return !Number.isNaN(since) && Date.parse(prepared.lastModifiedHttp) <= since;
}
