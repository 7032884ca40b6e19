import type { XmlElement, XmlNode } from './xml-tree.ts';

/** First child element whose key is one of `keys`, in the order of `keys` (earlier keys win). */
export function childOf(element: XmlElement, ...keys: string[]): XmlElement | undefined {
  for (const key of keys) {
    for (const child of element.children) if (typeof child !== 'string' && child.key === key) return child;
  }
  return undefined;
}

export function childrenOf(element: XmlElement, ...keys: string[]): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) if (typeof child !== 'string' && keys.includes(child.key)) found.push(child);
  return found;
}

/** All text below an element, markup dropped. Iterative: inputs may nest 100k deep. */
export function textOf(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  const { children } = element;
  if (children.length === 1 && typeof children[0] === 'string') return children[0];
  let out = '';
  const pending: XmlNode[] = [...children].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (typeof node === 'string') out += node;
    else for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
  }
  return out;
}

/** Trimmed text, or undefined when empty. */
export function trimmedTextOf(element: XmlElement | undefined): string | undefined {
  const text = textOf(element)?.trim();
  return text ? text : undefined;
}

export function hasChildElements(element: XmlElement): boolean {
  return element.children.some((child) => typeof child !== 'string');
}

/** HTML's void elements: written without an end tag, never with content. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'br',
  'hr',
  'img',
  'input',
  'meta',
  'link',
  'area',
  'base',
  'col',
  'embed',
  'source',
  'wbr',
]);

/**
 * Markup inside an element, re-serialized as HTML: namespace declarations and the xhtml prefix are dropped, text
 * is escaped again. Used for Atom xhtml content and for RSS descriptions that carry unescaped markup.
 */
export function innerMarkupOf(element: XmlElement): string {
  let out = '';
  type Step = XmlNode | { readonly close: string };
  const pending: Step[] = [...element.children].reverse();
  while (pending.length > 0) {
    const step = pending.pop()!;
    if (typeof step === 'string') out += escapeHtmlText(step);
    else if ('close' in step) out += step.close;
    else {
      const name = step.key.startsWith('xhtml:') ? step.key.slice(6) : step.name;
      let open = `<${name}`;
      for (const [attrName, value] of step.rawAttrs) {
        if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) continue;
        open += ` ${attrName}="${escapeHtmlAttribute(value)}"`;
      }
      if (step.children.length === 0 && VOID_ELEMENTS.has(name.toLowerCase())) {
        out += `${open} />`;
        continue;
      }
      out += `${open}>`;
      pending.push({ close: `</${name}>` });
      for (let i = step.children.length - 1; i >= 0; i--) pending.push(step.children[i]!);
    }
  }
  return out;
}

export const escapeHtmlText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const escapeHtmlAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
