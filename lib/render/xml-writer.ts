import { cleanText } from './clean-text.ts';

/**
 * A tiny XML writer: every text and attribute value goes through one escaping path, so no caller can produce
 * ill-formed XML. We never use CDATA: escaping `>` makes a stray `]]>` harmless, and no reader needs CDATA.
 */

export type XmlAttributes = Readonly<Record<string, string | undefined>>;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// Attribute values also escape quotes and whitespace controls, which attribute normalization would otherwise fold.
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export const escapeXmlText = (text: string): string => cleanText(text).replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]!);
export const escapeXmlAttribute = (text: string): string =>
  cleanText(text).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]!);

function attributesOf(attributes: XmlAttributes | undefined): string {
  if (!attributes) return '';
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) out += ` ${name}="${escapeXmlAttribute(value)}"`;
  }
  return out;
}

export class XmlWriter {
  private readonly parts: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  private readonly openNames: string[] = [];

  private indent(): string {
    return '  '.repeat(this.openNames.length);
  }

  open(name: string, attributes?: XmlAttributes): this {
    this.parts.push(`${this.indent()}<${name}${attributesOf(attributes)}>\n`);
    this.openNames.push(name);
    return this;
  }

  close(): this {
    const name = this.openNames.pop();
    if (name === undefined) throw new Error('XmlWriter.close() without an open element');
    this.parts.push(`${this.indent()}</${name}>\n`);
    return this;
  }

  /** An element with text content; skipped entirely when the text is undefined. */
  text(name: string, text: string | undefined, attributes?: XmlAttributes): this {
    if (text === undefined) return this;
    this.parts.push(`${this.indent()}<${name}${attributesOf(attributes)}>${escapeXmlText(text)}</${name}>\n`);
    return this;
  }

  /** An element with attributes only. */
  empty(name: string, attributes: XmlAttributes): this {
    this.parts.push(`${this.indent()}<${name}${attributesOf(attributes)}/>\n`);
    return this;
  }

  toString(): string {
    if (this.openNames.length > 0) throw new Error(`XmlWriter: unclosed <${this.openNames.join('>, <')}>`);
    return this.parts.join('');
  }
}
