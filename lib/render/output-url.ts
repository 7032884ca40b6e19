/**
 * Links in our output must be absolute http(s) URIs: readers resolve relative links against our host (wrong) and
 * validators reject `javascript:` or malformed values. IRIs (non-ASCII hosts or paths) are converted to URIs by the
 * WHATWG URL serializer (punycode host, percent-encoded path), which every consumer accepts.
 */
export function outputUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (!parsed.hostname) return undefined;
  return parsed.href;
}
