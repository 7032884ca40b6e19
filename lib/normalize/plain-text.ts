import { decodeXmlText } from '../parse/xml/decode-xml-text.ts';

const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'em',
  'font',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
]);

/**
 * Plain text from a feed's text or HTML: tags (and script/style bodies) removed, entities decoded, whitespace
 * collapsed. Titles are shown and matched as text; markup in them is presentation the publisher leaked. Inline
 * tags vanish (`<b>Ex</b>ample` stays one word), block tags become a space. No-break spaces are kept: they are
 * the author's choice, not layout noise.
 */
export function plainTextOf(value: string | undefined, type: 'text' | 'html' = 'html'): string {
  if (!value) return '';
  // Longer than any title or snippet needs; the cap keeps hostile megabyte "titles" linear and cheap.
  const bounded = value.length > MAX_INPUT_CHARS ? value.slice(0, MAX_INPUT_CHARS) : value;
  const text =
    type === 'text'
      ? bounded
      : decodeXmlText(
          withoutInvisibleElements(bounded)
            .replace(/<!--[\s\S]*?-->/g, '')
            .replace(/<\/?([A-Za-z][\w:-]*)[^>]*>/g, (_tag, name: string) =>
              INLINE_TAGS.has(name.toLowerCase()) ? '' : ' ',
            ),
        );
  // Only real runs are replaced: rewriting every lone space with itself was most of this function's cost.
  return text.replace(/[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+/g, ' ').trim();
}

const MAX_INPUT_CHARS = 16_384;

/** Drops `<script>`/`<style>` bodies with indexOf scans (a lazy regex is quadratic on many unclosed tags). */
function withoutInvisibleElements(html: string): string {
  if (!/<(script|style)/i.test(html)) return html;
  const lower = html.toLowerCase();
  let out = '';
  let pos = 0;
  for (;;) {
    const script = lower.indexOf('<script', pos);
    const style = lower.indexOf('<style', pos);
    const start = script === -1 ? style : style === -1 ? script : Math.min(script, style);
    if (start === -1) return out + html.slice(pos);
    const close = lower.indexOf(start === script ? '</script' : '</style', start);
    out += html.slice(pos, start);
    if (close === -1) return out;
    const end = lower.indexOf('>', close);
    pos = end === -1 ? html.length : end + 1;
  }
}
