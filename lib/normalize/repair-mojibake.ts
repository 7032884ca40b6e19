import { WINDOWS_1252_C1 } from '../parse/xml/decode-xml-text.ts';

/** windows-1252 code point → byte, for the characters that sit in 0x80–0x9F. */
const BYTE_OF: ReadonlyMap<number, number> = new Map(
  Object.entries(WINDOWS_1252_C1).map(([byte, codePoint]) => [codePoint, Number(byte)]),
);

// A UTF-8 lead byte (0xC2–0xF4) read as windows-1252, followed by continuation bytes (0x80–0xBF) read the same way.
const CONTINUATION =
  '\\u0080-\\u00bf\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013\\u2014\\u2018-\\u201a\\u201c-\\u201e\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122';
const SUSPECT = new RegExp(`[\\u00c2-\\u00f4][${CONTINUATION}]{1,3}`, 'g');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Repairs text that was UTF-8, got decoded as windows-1252 somewhere upstream and re-encoded (`cafÃ©`, `â€¦`,
 * or `&#226;&#128;&#166;` once its references are decoded). Only runs that form valid UTF-8 are rewritten, and
 * such runs (an accented capital followed by C1 punctuation) essentially never occur in real prose.
 */
export function repairMojibake(text: string): string {
  if (!/[\u00c2-\u00f4]/.test(text)) return text;
  return text.replace(SUSPECT, (run) => {
    const bytes: number[] = [];
    for (const char of run) bytes.push(BYTE_OF.get(char.codePointAt(0)!) ?? char.codePointAt(0)!);
    try {
      return utf8.decode(Uint8Array.from(bytes));
    } catch {
      return run;
    }
  });
}
