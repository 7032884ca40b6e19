import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { shortHash } from '../dedupe/entry-key.ts';
import type { FeedSource } from '../model.ts';
import { err, ok, type Result } from '../result.ts';
import { type ConfigError, type ConfigProblem, lineOf } from './config-error.ts';

interface Outline {
  readonly '@_text'?: string;
  readonly '@_title'?: string;
  readonly '@_xmlUrl'?: string;
  readonly '@_htmlUrl'?: string;
  readonly '@_type'?: string;
  readonly outline?: Outline | Outline[];
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * A feed id that stays the same while the OPML title changes and is still readable in logs and keys:
 * the host, then a hash of the whole configured URL.
 */
export function feedIdOf(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '').replace(/[^a-z0-9]+/gi, '-');
  return `${host.slice(0, 40)}-${shortHash(url).slice(0, 8)}`;
}

function locate(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : lineOf(text, at);
}

/** Reads `config/feeds.opml`: every outline with an `xmlUrl` is a feed; its parent outline names its category. */
export function parseFeedsOpml(text: string, fileName: string): Result<FeedSource[], ConfigError> {
  const fail = (problems: ConfigProblem[]) => err<ConfigError>({ kind: 'invalid-config', file: fileName, problems });
  // Config is trusted more than feeds, but a DTD is never needed in OPML and is how entity tricks start.
  if (/<!DOCTYPE/i.test(text)) return fail([{ line: locate(text, '<!DOCTYPE'), message: 'DTDs are not allowed' }]);
  const valid = XMLValidator.validate(text);
  if (valid !== true) return fail([{ line: valid.err.line, column: valid.err.col, message: valid.err.msg }]);
  const doc = new XMLParser({ ignoreAttributes: false, processEntities: true }).parse(text) as {
    opml?: { body?: { outline?: Outline | Outline[] } };
  };
  if (!doc.opml?.body) return fail([{ message: 'not an OPML document (expected <opml><body>…)' }]);

  const feeds: FeedSource[] = [];
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  const visit = (outline: Outline, category: string | undefined) => {
    const name = outline['@_title'] ?? outline['@_text'];
    const xmlUrl = outline['@_xmlUrl']?.trim();
    if (xmlUrl === undefined) {
      for (const child of asArray(outline.outline)) visit(child, name ?? category);
      return;
    }
    const line = locate(text, xmlUrl) ?? locate(text, name ?? '\u0000');
    let url: URL;
    try {
      url = new URL(xmlUrl);
    } catch {
      problems.push({ line, message: `xmlUrl "${xmlUrl}" is not an absolute URL` });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      problems.push({ line, message: `xmlUrl "${xmlUrl}" must be http or https` });
      return;
    }
    if (seen.has(url.href)) {
      problems.push({ line, message: `feed ${url.href} is listed twice (first on line ${seen.get(url.href)})` });
      return;
    }
    seen.set(url.href, line ?? 0);
    feeds.push({
      feedId: feedIdOf(url.href),
      url: url.href,
      title: name?.trim() || url.hostname,
      ...(outline['@_htmlUrl'] ? { siteUrl: outline['@_htmlUrl'] } : {}),
      ...(category ? { category } : {}),
    });
  };
  for (const outline of asArray(doc.opml.body.outline)) visit(outline, undefined);
  if (problems.length > 0) return fail(problems);
  if (feeds.length === 0) return fail([{ message: 'no <outline xmlUrl="…"> feeds found' }]);
  return ok(feeds);
}
