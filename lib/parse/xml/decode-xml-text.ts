import { HTML_ENTITIES } from './html-entities.ts';

/**
 * Decodes character and entity references in XML text the way real feeds need it: the five XML entities, numeric
 * references, and every HTML named entity (feeds paste HTML into XML without declaring them). Anything that is not
 * a complete reference — a bare `&` in a query string, an unknown `&name;` — stays literally as written, because
 * dropping or mangling it would corrupt URLs and titles. DTD-declared entities are never expanded (see skip-dtd.ts).
 */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf('&') === -1) return raw;
  // One regex pass with a callback builds a flat string: far cheaper than concatenating pieces on large feeds.
  return raw.replace(REFERENCE, (whole, body: string) => decodeReference(body) ?? whole);
}

// References are short; anything longer (or without `;`) is a bare `&` followed by text.
const REFERENCE = /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,9}|[A-Za-z][A-Za-z0-9]{0,31});/g;

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** HTML's rule for C1 controls in numeric references: authors meant windows-1252. */
export const WINDOWS_1252_C1: Readonly<Record<number, number>> = {
  128: 0x20ac,
  130: 0x201a,
  131: 0x0192,
  132: 0x201e,
  133: 0x2026,
  134: 0x2020,
  135: 0x2021,
  136: 0x02c6,
  137: 0x2030,
  138: 0x0160,
  139: 0x2039,
  140: 0x0152,
  142: 0x017d,
  145: 0x2018,
  146: 0x2019,
  147: 0x201c,
  148: 0x201d,
  149: 0x2022,
  150: 0x2013,
  151: 0x2014,
  152: 0x02dc,
  153: 0x2122,
  154: 0x0161,
  155: 0x203a,
  156: 0x0153,
  158: 0x017e,
  159: 0x0178,
};

function decodeReference(body: string): string | undefined {
  if (body.charCodeAt(0) === 35 /* # */) {
    const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88; /* x X */
    return codePointToString(Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10));
  }
  return XML_ENTITIES[body] ?? (Object.hasOwn(HTML_ENTITIES, body) ? HTML_ENTITIES[body] : undefined);
}

export function codePointToString(codePoint: number): string {
  const mapped = WINDOWS_1252_C1[codePoint] ?? codePoint;
  if (mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(mapped);
}

/**
 * C1 control characters (U+0080–U+009F) never mean themselves in a feed: they are windows-1252 punctuation that
 * was decoded as ISO-8859-1 somewhere upstream. Map them the way HTML does.
 */
export function demoronize(text: string): string {
  return /[\u0080-\u009f]/.test(text)
    ? text.replace(/[\u0080-\u009f]/g, (c) => String.fromCodePoint(WINDOWS_1252_C1[c.charCodeAt(0)] ?? c.charCodeAt(0)))
    : text;
}
