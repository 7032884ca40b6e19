/**
 * One URL per article, whatever tracking, AMP or mobile dressing an outlet puts on it.
 *
 * The result is an identity key (it feeds the article id), not a URL we fetch, so it may fold forms that a server
 * could in theory treat differently (http vs https, a trailing slash). Every rule here is one that publishers use
 * for the same page; anything doubtful (path case, unknown query parameters) is left alone, because folding two
 * different pages is worse than missing a fold — the near-duplicate step still catches what this misses.
 */

/** Host prefixes that serve the same page as the bare host. */
const MIRROR_HOST_PREFIXES = ['www.', 'm.', 'mobile.', 'amp.'] as const;

/** Exact query parameter names that only track the click, never select the content. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gclsrc',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ocid',
  'cmpid',
  'cmp',
  'smid',
  'smtyp',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'src',
  'srcref',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'xtor',
  'ns_mchannel',
  'ns_source',
  'ns_campaign',
  'ns_linkname',
  'ns_fee',
  'icid',
  'mbid',
  'soc_src',
  'soc_trk',
  'sr_share',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  '_ga',
  '_gl',
  'spm',
  'rss',
  'feed',
  'feedtype',
  'outputtype',
  'output',
  'amp',
  'ftag',
  'taid',
  'li',
  'rd',
  'wt.mc_id',
  'wt_mc',
  'mkt_tok',
  'hss_channel',
  '__twitter_impression',
]);

/** Prefixes of query parameter names that only track (`utm_source`, `pk_campaign`, …). */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'oly_', 'vero_', 'itm_'] as const;

/** A sane cap: canonicalization is a fixpoint loop, and hostile 1 MB links must not make it slow. */
const MAX_URL_CHARS = 4096;

export function canonicalizeUrl(url: string): string {
  let current = url.trim().slice(0, MAX_URL_CHARS);
  // Each pass may expose another rule (`/a/amp/` → `/a/amp` → `/a`); iterating to a fixpoint makes the function
  // idempotent by construction, which the property test checks.
  for (let pass = 0; pass < 6; pass++) {
    const next = canonicalizeOnce(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}

function canonicalizeOnce(input: string): string {
  const repaired = repairDoubledOrigin(input);
  let parsed: URL;
  try {
    parsed = new URL(repaired);
  } catch {
    return repaired;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return parsed.href;
  const host = stripMirrorPrefixes(parsed.hostname.replace(/\.$/, ''));
  const path = canonicalPath(parsed.pathname);
  const query = canonicalQuery(parsed.searchParams);
  // http and https serve the same article on every news site we know; the port is kept only when non-default.
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';
  return `https://${host}${port}${path}${query}`;
}

/**
 * Feeds that resolve an absolute link against their base produce `https://a.comhttps://a.com/x`. The URL parser
 * accepts it with host `a.comhttps`; the intended URL is the second one.
 */
function repairDoubledOrigin(url: string): string {
  const match = /^https?:\/\/[^/?#]*?(https?):\/\/(.*)$/i.exec(url);
  if (!match) return url;
  return `${match[1]?.toLowerCase()}://${match[2]}`;
}

function stripMirrorPrefixes(host: string): string {
  let bare = host.toLowerCase();
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const prefix of MIRROR_HOST_PREFIXES) {
      // Keep at least `name.tld`: `m.co` or `www.com` are real hosts, not mirrors.
      if (bare.startsWith(prefix) && bare.slice(prefix.length).includes('.')) {
        bare = bare.slice(prefix.length);
        stripped = true;
      }
    }
  }
  return bare;
}

function canonicalPath(pathname: string): string {
  let path = pathname.replace(/\/{2,}/g, '/');
  // AMP forms of the same article: a trailing `/amp` segment and `name.amp.html`.
  path = path.replace(/\/amp\/?$/i, '/').replace(/\.amp(\.html?)$/i, '$1');
  // Directory index documents are the directory.
  path = path.replace(/\/index\.(html?|php|aspx?)$/i, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

function canonicalQuery(params: URLSearchParams): string {
  const kept: [string, string][] = [];
  for (const [name, value] of params) {
    if (!isTrackingParam(name)) kept.push([name, value]);
  }
  if (kept.length === 0) return '';
  kept.sort(([nameA, valueA], [nameB, valueB]) =>
    nameA === nameB ? compareStrings(valueA, valueB) : compareStrings(nameA, nameB),
  );
  return `?${new URLSearchParams(kept).toString()}`;
}

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
