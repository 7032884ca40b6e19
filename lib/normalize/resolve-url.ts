/**
 * Resolves a reference against the first base that makes it an absolute http(s) URL. Returns undefined for
 * anything else (javascript:, data:, mailto:, garbage, or a relative reference with no usable base), because
 * downstream code must be able to trust that every URL it stores is absolute and fetchable.
 */
export function resolveHttpUrl(reference: string | undefined, ...bases: (string | undefined)[]): string | undefined {
  const trimmed = reference?.trim().replace(/[\t\n\r]/g, '');
  if (!trimmed) return undefined;
  const absolute = toHttpUrl(trimmed, undefined);
  if (absolute !== undefined || (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^https?:/i.test(trimmed))) return absolute;
  for (const base of bases) {
    if (!base) continue;
    const resolved = toHttpUrl(trimmed, base);
    if (resolved !== undefined) return resolved;
  }
  return undefined;
}

/** The first of `candidates` that is already an absolute http(s) URL (used to pick a base). */
export function firstHttpBase(...candidates: (string | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    const url = candidate ? toHttpUrl(candidate.trim(), undefined) : undefined;
    if (url) return url;
  }
  return undefined;
}

// Only characters RFC 3986 allows unescaped: no quotes, angle brackets, spaces or backslashes survive as written.
const AS_WRITTEN = /^https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;

function toHttpUrl(reference: string, base: string | undefined): string | undefined {
  if (base !== undefined && !/^https?:/i.test(base)) return undefined;
  try {
    const url = new URL(reference, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    // An absolute URL made only of characters RFC 3986 allows is kept as the publisher wrote it (no added trailing slash,
    // no case folding): identity is canonicalized later by lib/dedupe, and readers compare links as written.
    return base === undefined && AS_WRITTEN.test(reference) ? reference : url.href;
  } catch {
    return undefined;
  }
}
