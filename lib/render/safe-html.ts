import { cleanText } from './clean-text.ts';
import { outputUrl } from './output-url.ts';

/**
 * Defensive HTML re-sanitizer for item content. Items arrive sanitized from lib/normalize, but a renderer must not
 * depend on that: the output is rebuilt from scratch, so only tags we emit ourselves can appear (allow-listed names,
 * allow-listed attributes, absolute http(s) URLs), every other `<` is escaped, and open tags are closed.
 * It is deliberately small instead of a full HTML parser: it keeps structure readers show, nothing more.
 */

const ALLOWED_TAGS = new Set(
  (
    'a abbr b blockquote br caption cite code dd del dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd ' +
    'li ol p pre q s small span strong sub sup table tbody td tfoot th thead tr u ul'
  ).split(' '),
);
const VOID_TAGS = new Set(['br', 'hr', 'img']);
/** Dropped together with everything inside them. */
const DROPPED_WITH_CONTENT = new Set(
  'script style iframe object embed template noscript svg math textarea select title head frameset noembed'.split(' '),
);
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  abbr: ['title'],
  blockquote: ['cite'],
  q: ['cite'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
};
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite']);
const NUMERIC_ATTRIBUTES = new Set(['width', 'height', 'colspan', 'rowspan']);

const SPECIAL = /[<>&"]/g;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/y;
const ATTRIBUTE = /([^\s=>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/y;
const BASIC_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function decodeAttribute(value: string): string {
  return value.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/g, (whole, dec, hex, name) => {
    if (dec || hex) return String.fromCodePoint(Math.min(Number.parseInt(dec ?? hex, dec ? 10 : 16), 0x10ffff));
    return BASIC_ENTITIES[name] ?? whole;
  });
}

function safeAttributes(tag: string, source: string): string {
  const allowed = ALLOWED_ATTRIBUTES[tag];
  if (!allowed) return '';
  let out = '';
  const seen = new Set<string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (!allowed.includes(name) || seen.has(name)) continue;
    const raw = cleanText(decodeAttribute(match[2] ?? match[3] ?? match[4] ?? ''));
    const value = URL_ATTRIBUTES.has(name) ? outputUrl(raw) : NUMERIC_ATTRIBUTES.has(name) ? numeric(raw) : raw;
    if (value === undefined) continue;
    seen.add(name);
    out += ` ${name}="${escapeHtml(value)}"`;
  }
  return out;
}

const numeric = (raw: string) => (/^\d{1,4}$/.test(raw.trim()) ? raw.trim() : undefined);

/** `&...;` kept when it is a well-formed reference to an allowed character; a bare `&` becomes `&amp;`. */
function entityAt(html: string, at: number): { text: string; end: number } {
  ENTITY.lastIndex = at;
  const match = ENTITY.exec(html);
  if (!match) return { text: '&amp;', end: at + 1 };
  if (match[3]) return { text: match[0], end: ENTITY.lastIndex };
  const codePoint = Number.parseInt(match[1] ?? match[2]!, match[1] ? 10 : 16);
  const valid = codePoint <= 0x10ffff && cleanText(String.fromCodePoint(codePoint)) === String.fromCodePoint(codePoint);
  return { text: valid && codePoint !== 0 ? match[0] : '', end: ENTITY.lastIndex };
}

function skipPast(html: string, at: number, terminator: string): number {
  const end = html.indexOf(terminator, at);
  return end < 0 ? html.length : end + terminator.length;
}

export function safeHtml(input: string): string {
  const html = cleanText(input);
  const out: string[] = [];
  const open: string[] = [];
  let at = 0;
  while (at < html.length) {
    SPECIAL.lastIndex = at;
    const next = SPECIAL.exec(html);
    if (!next) {
      out.push(html.slice(at));
      break;
    }
    out.push(html.slice(at, next.index));
    at = next.index;
    const char = html[at]!;
    if (char === '>' || char === '"') {
      out.push(char === '>' ? '&gt;' : '&quot;');
      at += 1;
    } else if (char === '&') {
      const entity = entityAt(html, at);
      out.push(entity.text);
      at = entity.end;
    } else if (html.startsWith('<!--', at)) {
      at = skipPast(html, at + 4, '-->');
    } else if (/^<[!?]/.test(html.slice(at, at + 2))) {
      at = skipPast(html, at + 2, '>'); // doctype, CDATA section or processing instruction: never content
    } else {
      TAG.lastIndex = at;
      const tag = TAG.exec(html);
      if (!tag) {
        out.push('&lt;');
        at += 1;
        continue;
      }
      at = TAG.lastIndex;
      const [, closing, rawName, attributes] = tag;
      const name = rawName!.toLowerCase();
      if (DROPPED_WITH_CONTENT.has(name)) {
        if (!closing) {
          const closer = new RegExp(`</${name}\\s*>`, 'gi');
          closer.lastIndex = at;
          at = closer.exec(html) ? closer.lastIndex : html.length;
        }
      } else if (ALLOWED_TAGS.has(name)) {
        if (!closing) {
          out.push(`<${name}${safeAttributes(name, attributes ?? '')}>`);
          if (!VOID_TAGS.has(name)) open.push(name);
        } else if (open.includes(name)) {
          // Close everything opened inside it too, so the output nests properly.
          while (open.length > 0) {
            const top = open.pop()!;
            out.push(`</${top}>`);
            if (top === name) break;
          }
        }
      }
    }
  }
  while (open.length > 0) out.push(`</${open.pop()}>`);
  return out.join('');
}
