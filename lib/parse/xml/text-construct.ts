import type { ParsedEntryDetail, TextType } from '../parsed-feed-detail.ts';
import { childOf, hasChildElements, innerMarkupOf, textOf } from './xml-query.ts';
import type { XmlElement } from './xml-tree.ts';

export interface TextValue {
  readonly value: string;
  readonly type: TextType;
  /** xml:base in force at the element that held the text. */
  readonly base: string | undefined;
}

/**
 * Atom text constructs (title, subtitle, summary, content, rights): `type` text/html/xhtml in Atom 1.0, MIME types
 * plus `mode` (xml/escaped/base64) in Atom 0.3. Markup found inside a construct that claims to be text is kept as
 * markup: the author plainly meant it, and dropping it would lose the content.
 */
export function atomTextOf(element: XmlElement | undefined): TextValue | undefined {
  if (!element) return undefined;
  const type = (element.attrs.type ?? 'text').trim().toLowerCase();
  const mode = element.attrs.mode?.trim().toLowerCase();
  const base = element.base;
  const isAtom03 = element.ns === ATOM_03;
  // Atom 1.0: a MIME type that is neither text nor XML means base64 content; Atom 0.3 says so with mode="base64".
  if (mode === 'base64' || (!isAtom03 && type.includes('/') && !type.startsWith('text/') && !isXmlType(type))) {
    const decoded = Buffer.from(textOf(element) ?? '', 'base64').toString('utf8');
    return { value: decoded, type: type.includes('html') || !isAtom03 ? 'html' : 'text', base };
  }
  const isXhtml = type === 'xhtml' || type === 'application/xhtml+xml';
  if (isXhtml || (hasChildElements(element) && !type.includes('html'))) {
    // Atom 1.0 wraps xhtml content in a div that is not part of the content; Atom 0.3 has no such rule.
    const wrapper = isXhtml && !isAtom03 ? onlyChildElement(element) : undefined;
    const inner = wrapper?.key.endsWith('div') ? innerMarkupOf(wrapper) : innerMarkupOf(element);
    return { value: inner, type: 'html', base };
  }
  const text = textOf(element) ?? '';
  return { value: text, type: type.includes('html') ? 'html' : 'text', base };
}

const ATOM_03 = 'http://purl.org/atom/ns#';
const isXmlType = (type: string): boolean => type.endsWith('+xml') || type.endsWith('/xml');

/** The single element child of an Atom xhtml construct (its wrapping div), ignoring whitespace around it. */
function onlyChildElement(element: XmlElement): XmlElement | undefined {
  let found: XmlElement | undefined;
  for (const child of element.children) {
    if (typeof child === 'string') {
      if (child.trim() !== '') return undefined;
    } else if (found) return undefined;
    else found = child;
  }
  return found;
}

/**
 * RSS text: descriptions are HTML by definition; titles are text unless they plainly carry markup or entity
 * references (then they are HTML that was escaped once, as most publishers do).
 */
export function rssTextOf(element: XmlElement | undefined, kind: 'title' | 'html'): TextValue | undefined {
  if (!element) return undefined;
  const base = element.base;
  if (hasChildElements(element)) {
    const body = childOf(element, 'xhtml:body', 'xhtml:div');
    return { value: innerMarkupOf(body ?? element), type: 'html', base };
  }
  const text = textOf(element) ?? '';
  if (kind === 'html') return { value: text, type: 'html', base };
  return { value: text, type: looksLikeHtml(text) ? 'html' : 'text', base };
}

const HTML_HINT =
  /<\/[a-z][a-z0-9]*\s*>|<(?:br|img|hr|p|b|i|em|strong|span|a)\b[^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

export function looksLikeHtml(text: string): boolean {
  return text.includes('<') || text.includes('&') ? HTML_HINT.test(text) : false;
}

/**
 * An entry's title, summary and content as the entry fields carry them: each value with its type (text or HTML)
 * and the xml:base in force where it was written (relative links inside it resolve against that).
 */
export function entryTextFields(
  title: TextValue | undefined,
  summary: TextValue | undefined,
  content: TextValue | undefined,
): Pick<
  ParsedEntryDetail,
  | 'title'
  | 'titleType'
  | 'titleBase'
  | 'summary'
  | 'summaryType'
  | 'summaryBase'
  | 'content'
  | 'contentType'
  | 'contentBase'
> {
  return {
    title: title?.value,
    titleType: title?.type,
    titleBase: title?.base,
    summary: summary?.value,
    summaryType: summary?.type,
    summaryBase: summary?.base,
    content: content?.value,
    contentType: content?.type,
    contentBase: content?.base,
  };
}
