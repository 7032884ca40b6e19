import { canonicalizeUrl } from './canonical-url.ts';

/**
 * "Is this the same article on the same site?" from the link alone: `cnn.com` vs `edition.cnn.com`, `bbc.co.uk` vs
 * `bbc.com`, a mirror host, one article under two sections, an article re-dated at the same slug. Outlets keep their
 * own article id or slug when they re-post or mirror, and never reuse one for a different story.
 */
export interface UrlIdentity {
  /** The registrable name without its suffix: `bbc` for both bbc.co.uk and bbc.com. */
  readonly site: string;
  /** The last long number in the path or an `id`-like query value (≥ 6 digits), if any. */
  readonly numericId?: string;
  /** The last path segment when it is a descriptive slug (≥ 4 words) or an opaque mixed id (`ar-AA15EvDR`). */
  readonly slug?: string;
  /** Date segments of the path (`2022/11/04`, `2023/aug/18`): a series reuses its slug under a new date. */
  readonly pathDate?: string;
}

/** Second-level labels under a country code that are not the site's name (`co.uk`, `com.au`). */
const GENERIC_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'or', 'ne', 'go']);

const LONG_NUMBER = /\d{6,}/g;
/** `202308` or `20231104` in a path is a date, not an article number. */
const DATE_NUMBER = /^(19|20)\d{2}(0[1-9]|1[0-2])([0-3]\d)?$/;
const DATE_SEGMENT = /^((19|20)\d{2}|0?[1-9]|[12]\d|3[01]|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)$/i;
const MIN_SLUG_WORDS = 4;

export function urlIdentityOf(url: string | undefined): UrlIdentity | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(canonicalizeUrl(url));
  } catch {
    return undefined;
  }
  const site = siteNameOf(parsed.hostname);
  if (!site) return undefined;
  const segments = parsed.pathname.split('/').filter(Boolean);
  const last = (segments.at(-1) ?? '').replace(/\.(s?html?|cms|phtml|php|aspx?)$/i, '');
  const pathIds = (parsed.pathname.match(LONG_NUMBER) ?? []).filter((digits) => !DATE_NUMBER.test(digits));
  const queryIds = [...parsed.searchParams.values()].filter((value) => /^\d{6,}$/.test(value));
  const numericId = pathIds.at(-1) ?? queryIds.at(-1);
  const pathDate = segments.filter((segment) => DATE_SEGMENT.test(segment)).join('/');
  return {
    site,
    ...(numericId ? { numericId } : {}),
    ...(isIdentifyingSlug(last) ? { slug: last.toLowerCase() } : {}),
    ...(pathDate ? { pathDate: pathDate.toLowerCase() } : {}),
  };
}

function siteNameOf(hostname: string): string | undefined {
  const labels = hostname.toLowerCase().split('.').filter(Boolean);
  if (labels.length < 2) return undefined;
  const tld = labels.at(-1) ?? '';
  const second = labels.at(-2) ?? '';
  if (tld.length === 2 && GENERIC_SECOND_LEVEL.has(second) && labels.length >= 3) return labels.at(-3);
  return second;
}

function isIdentifyingSlug(segment: string): boolean {
  if (segment.split(/[-_]+/).filter(Boolean).length >= MIN_SLUG_WORDS) return true;
  // Opaque ids mix letters and digits (`ar-AA15EvDR`); a plain word, a year or a short number identifies nothing.
  return segment.split(/[-_]+/).some((part) => part.length >= 6 && /\d/.test(part) && /[a-z]/i.test(part));
}

/** Which part of the two links shows they are one article, or undefined. */
export function sameArticleLink(a: UrlIdentity | undefined, b: UrlIdentity | undefined): string | undefined {
  if (!a || !b || a.site !== b.site) return undefined;
  if (a.pathDate && b.pathDate && a.pathDate !== b.pathDate) return undefined;
  if (a.numericId && a.numericId === b.numericId) return `same article number ${a.numericId} on ${a.site}`;
  if (a.slug && a.slug === b.slug) return `same slug "${a.slug}" on ${a.site}`;
  return undefined;
}
