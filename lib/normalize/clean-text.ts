/**
 * Text hygiene at the boundary where feed text enters the system (normalize) and again where it leaves (render).
 * XML 1.0 forbids most C0 controls, U+FFFE/U+FFFF and lone surrogates; a single one makes a whole feed unreadable
 * downstream, and terminal escapes in a stored title are a hazard for anyone reading logs or exports.
 */

// C0 controls except TAB/LF/CR, DEL and C1 controls (discouraged by XML 1.0 and flagged by validators),
// the non-characters U+FDD0–U+FDEF, U+FFFE and U+FFFF.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Any string made safe to place in XML or JSON: forbidden characters dropped, line ends normalized to LF. */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(FORBIDDEN_CHARS, '').replace(/\r\n?/g, '\n');
}

/** A one-line plain-text value (titles, names, categories): cleaned, whitespace runs collapsed, trimmed. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}
