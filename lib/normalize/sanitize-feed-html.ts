import sanitizeHtml from 'sanitize-html';
import { decodeXmlText, WINDOWS_1252_C1 } from '../parse/xml/decode-xml-text.ts';
import { VOID_ELEMENTS } from '../parse/xml/xml-query.ts';
import { SANITIZE_OPTIONS, URL_ATTRIBUTES } from './html-allow-list.ts';
import { resolveHttpUrl } from './resolve-url.ts';

/**
 * Allow-list sanitizing of feed HTML before it is stored: no script, style, event handlers or forms; URLs only
 * http(s) (mailto for links), made absolute against `baseUrl`; iframes only from ALLOWED_IFRAME_HOSTS.
 */
export function sanitizeFeedHtml(html: string | undefined, baseUrl: string | undefined): string | undefined {
  if (!html) return undefined;
  // Fast path: without a `<` there is no element, so no parser is needed, only the escaping the parser would do.
  // (A large share of real summaries are plain text; a 50 MB feed of them must not pay for an HTML parser.)
  const markup = html.includes('<') && !nestsTooDeep(html);
  const serialized = markup
    ? sanitizeHtml(html, {
        ...SANITIZE_OPTIONS,
        transformTags: { '*': (tagName, attribs) => ({ tagName, attribs: absolutizeUrls(attribs, baseUrl) }) },
      }).replace(ESCAPED_LONE_AMPERSAND, '&')
    : escapeAsText(html);
  const clean = (serialized.includes('&#') ? normalizeCharacterReferences(serialized) : serialized).trim();
  return clean === '' ? undefined : clean;
}

/**
 * Text without elements (or with markup we refuse to interpret) in one pass: `<` and `>` escaped, and `&` escaped
 * where it could start a reference — the same result sanitize-html gives, without its parser. Most summaries take
 * this path, so it must stay one allocation per string.
 */
function escapeAsText(text: string): string {
  return TEXT_ESCAPES.test(text)
    ? text.replace(TEXT_ESCAPES_GLOBAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&'))
    : text;
}
// `&amp;` before whitespace becomes a plain `&`, as on the sanitize-html path (see ESCAPED_LONE_AMPERSAND).
const TEXT_ESCAPES = /[<>]|&amp;(?=\s)|&(?![a-zA-Z0-9#]{1,20};)(?!\s)/;
const TEXT_ESCAPES_GLOBAL = new RegExp(TEXT_ESCAPES.source, 'g');

function normalizeCharacterReferences(html: string): string {
  return html.replace(C1_REFERENCE, c1ReferenceToWindows1252).replace(/&#X(?=[0-9a-fA-F]+;)/g, '&#x');
}

/**
 * sanitize-html slows down quadratically on very deep nesting (100k open divs take half a minute), so markup nested
 * deeper than any real article is treated as text: escaped, shown, never interpreted. Only long inputs are scanned.
 */
const MAX_HTML_DEPTH = 1024;
/** Elements that are never (void) or often not (optional end tag) closed: they do not count as nesting. */
const UNCLOSED_TAGS = new Set([...VOID_ELEMENTS, 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option']);
function nestsTooDeep(html: string): boolean {
  if (html.length < MAX_HTML_DEPTH * 4) return false;
  // Fewer tags than the limit cannot nest deeper than it: count `<` cheaply before running the tag regex.
  let tags = 0;
  for (let at = html.indexOf('<'); at !== -1 && tags <= MAX_HTML_DEPTH; at = html.indexOf('<', at + 1)) tags++;
  if (tags <= MAX_HTML_DEPTH) return false;
  let depth = 0;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*>/g)) {
    if (UNCLOSED_TAGS.has(match[2]!.toLowerCase())) continue;
    if (match[1]) depth = Math.max(0, depth - 1);
    // `<div/>` opens a div in HTML (only void elements self-close), so a trailing slash does not end it.
    else if (++depth > MAX_HTML_DEPTH) return true;
  }
  return false;
}

/**
 * HTML needs `&` escaped only where it could start a reference; before whitespace it is plain text. Leaving it
 * as written keeps `Tom & Jerry` byte-identical to the publisher's CDATA.
 */
const ESCAPED_LONE_AMPERSAND = /&amp;(?=\s)/g;

/** `&#146;` names a C1 control; every browser reads it as windows-1252 `’`, so store what it means. */
const C1_REFERENCE = /&#(?:(1[2-5]\d)|x([89][0-9a-f]));/gi;
function c1ReferenceToWindows1252(reference: string, decimal?: string, hex?: string): string {
  const code = decimal ? Number(decimal) : Number.parseInt(hex ?? '', 16);
  const mapped = WINDOWS_1252_C1[code];
  return mapped === undefined ? reference : `&#x${mapped.toString(16)};`;
}

function absolutizeUrls(attribs: sanitizeHtml.Attributes, baseUrl: string | undefined): sanitizeHtml.Attributes {
  let result: sanitizeHtml.Attributes | undefined;
  for (const name of Object.keys(attribs)) {
    if (!URL_ATTRIBUTES.has(name)) continue;
    // Decode first so `jav&#x61;script:` is seen for what it is, then keep only absolute http(s)/mailto.
    const decoded = decodeXmlText(attribs[name] ?? '').trim();
    const resolved = /^mailto:/i.test(decoded) ? decoded : resolveHttpUrl(decoded, baseUrl);
    result ??= { ...attribs };
    if (resolved === undefined) delete result[name];
    else result[name] = resolved;
  }
  return result ?? attribs;
}
