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
  const text =
    type === 'text'
      ? value
      : decodeXmlText(
          value
            .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
            .replace(/<!--[\s\S]*?-->/g, '')
            .replace(/<\/?([A-Za-z][\w:-]*)[^>]*>/g, (_tag, name: string) =>
              INLINE_TAGS.has(name.toLowerCase()) ? '' : ' ',
            ),
        );
  return text.replace(/[ \t\n\r\f\v]+/g, ' ').trim();
}
