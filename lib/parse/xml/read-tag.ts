import { decodeXmlText } from './decode-xml-text.ts';

/** A start tag as written: name, attributes (values decoded), and where it ends. */
export interface RawTag {
  readonly name: string;
  readonly attributes: (readonly [string, string])[];
  readonly selfClosing: boolean;
  readonly end: number;
}

/** Reads a start tag at `lt`, forgiving unquoted, unterminated and valueless attributes. */
export function readTag(text: string, lt: number): RawTag {
  let pos = lt + 1;
  while (pos < text.length && !isNameEnd(text.charCodeAt(pos))) pos++;
  const name = text.slice(lt + 1, pos);
  const attributes: (readonly [string, string])[] = [];
  for (;;) {
    while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
    const code = text.charCodeAt(pos);
    if (pos >= text.length) return { name, attributes, selfClosing: false, end: pos };
    if (code === 62 /* > */) return { name, attributes, selfClosing: false, end: pos + 1 };
    if (code === 47 /* / */ && text.charCodeAt(pos + 1) === 62)
      return { name, attributes, selfClosing: true, end: pos + 2 };
    const nameStart = pos;
    while (pos < text.length && !isNameEnd(text.charCodeAt(pos)) && text.charCodeAt(pos) !== 61) pos++;
    if (pos === nameStart) {
      pos++; // a stray character such as `"` or `/`: skip it rather than loop
      continue;
    }
    const attrName = text.slice(nameStart, pos);
    while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) !== 61 /* = */) {
      attributes.push([attrName, attrName]);
      continue;
    }
    pos++;
    while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
    const quote = text.charCodeAt(pos);
    let value: string;
    if (quote === 34 || quote === 39) {
      const close = text.indexOf(quote === 34 ? '"' : "'", pos + 1);
      // A missing closing quote ends the value at the end of the text rather than looping.
      value = text.slice(pos + 1, close === -1 ? text.length : close);
      pos = close === -1 ? text.length : close + 1;
    } else {
      const start = pos;
      while (pos < text.length && !isSpace(text.charCodeAt(pos)) && text.charCodeAt(pos) !== 62) pos++;
      value = text.slice(start, pos);
    }
    attributes.push([attrName, decodeXmlText(value.replace(/[\t\n\r]/g, ' '))]);
  }
}

const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 9 || code === 13;
const isNameEnd = (code: number): boolean => isSpace(code) || code === 62 || code === 47 || Number.isNaN(code);
export const isNameStart = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58 || code > 127;
