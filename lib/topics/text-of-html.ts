import { plainTextOf } from '../normalize/plain-text.ts';

/** What plainTextOf acts on besides runs of spaces: tags, comments and script bodies (`<`), references (`&`). */
const MARKUP_OR_LAYOUT = /[<&\t\n\r\f\v]/;
/** plainTextOf's own cap: longer input is cut before anything else happens. */
const PLAIN_TEXT_MAX_CHARS = 16_384;

/**
 * normalize's plainTextOf (the one HTML-to-text rule), skipped when it could only trim the ends: text without `<`,
 * `&`, line breaks, tabs or doubled spaces comes out of it unchanged but trimmed. Many feeds (and every labeled
 * item) send plain-text summaries, and plainTextOf's whitespace pass alone costs more than indexing the words.
 * A fast-check property holds the two equal (tests/unit/topics/text-of-html.test.ts).
 */
export function textOfHtml(html: string): string {
  if (html.length > PLAIN_TEXT_MAX_CHARS || MARKUP_OR_LAYOUT.test(html) || html.includes('  '))
    return plainTextOf(html);
  return html.trim();
}
