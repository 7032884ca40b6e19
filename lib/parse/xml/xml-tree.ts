import { err, ok, type Result } from '../../result.ts';
import { decodeXmlText } from './decode-xml-text.ts';
import { canonicalPrefix, nameKeyOf } from './namespaces.ts';
import { isNameStart, type RawTag, readTag } from './read-tag.ts';
import { skipDtd } from './skip-dtd.ts';

export type XmlNode = XmlElement | string;

export interface XmlElement {
  /** Qualified name as written (kept for re-serializing inline XHTML). */
  readonly name: string;
  /** Lookup key: canonical namespace prefix + ':' + lower-cased local name, or just the local name. */
  readonly key: string;
  /** Namespace URI, when declared. */
  readonly ns: string | undefined;
  /** Attributes by the same kind of key (`href`, `xml:base`, `rdf:about`). */
  readonly attrs: Readonly<Record<string, string>>;
  /** Attributes as written, in order, for serialization. */
  readonly rawAttrs: readonly (readonly [string, string])[];
  readonly children: XmlNode[];
  /** xml:base in force here, already resolved against the enclosing bases when that is possible. */
  readonly base: string | undefined;
  readonly lang: string | undefined;
  readonly offset: number;
}

export interface XmlTreeError {
  readonly kind: 'empty' | 'refused-dtd';
  readonly message: string;
  readonly offset: number;
}

/**
 * Lets a caller consume records (items, entries) as soon as they close. A consumed element is detached from its
 * parent, so a 50 MB feed never holds more than one item's tree at a time: memory stays flat and garbage dies young.
 */
export interface XmlTreeVisitor {
  /** Called once, when the root element opens. */
  readonly onRoot?: (root: XmlElement) => void;
  /**
   * Called for each element as it closes, innermost first; return true to take it out of the tree.
   * `cutOff` is true when the text ended before the element's end tag (a truncated download).
   */
  readonly onClose?: (element: XmlElement, depth: number, cutOff: boolean) => boolean;
}

interface Scope {
  readonly element: XmlElement;
  readonly namespaces: Readonly<Record<string, string>>;
}

/**
 * A forgiving XML reader for feeds. It never throws on content: unclosed elements close at their parent's end tag
 * or at the end of the text, stray end tags are ignored, a bare `<` or `&` is text, DTDs are skipped unread (so no
 * entity is ever expanded and no external resource is named, let alone fetched). The loop is iterative, so a
 * 100k-deep document costs memory, not stack.
 */
export function readXmlTree(text: string, visitor: XmlTreeVisitor = {}): Result<XmlElement, XmlTreeError> {
  const rootScope: Scope = {
    element: makeElement('#document', '#document', undefined, {}, [], undefined, undefined, 0),
    namespaces: { xml: 'http://www.w3.org/XML/1998/namespace' },
  };
  const stack: Scope[] = [rootScope];
  let top = rootScope;
  let pos = 0;
  const { onRoot, onClose } = visitor;
  // Open elements per name: an end tag with no open match is dropped in O(1) instead of a walk down a deep stack.
  const openByName = new Map<string, number>();
  /** Pops every open element down to (and including) `depth`, innermost first. */
  const closeTo = (depth: number, cutOff = false): void => {
    for (let level = stack.length - 1; level >= depth; level--) {
      const element = stack[level]!.element;
      openByName.set(element.name, (openByName.get(element.name) ?? 1) - 1);
      if (onClose?.(element, level, cutOff)) {
        const siblings = stack[level - 1]!.element.children;
        if (siblings[siblings.length - 1] === element) siblings.pop();
      }
    }
    stack.length = depth;
    top = stack[depth - 1]!;
  };
  const length = text.length;
  while (pos < length) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt === -1 ? length : lt;
    if (textEnd > pos && stack.length > 1) top.element.children.push(decodeXmlText(text.slice(pos, textEnd)));
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        pos = end === -1 ? length : end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (stack.length > 1) top.element.children.push(text.slice(lt + 9, end === -1 ? length : end));
        pos = end === -1 ? length : end + 3;
      } else if (/^<!doctype/i.test(text.slice(lt, lt + 9))) {
        const end = skipDtd(text, lt);
        if (end === -1) return err({ kind: 'refused-dtd', message: 'unterminated DOCTYPE declaration', offset: lt });
        pos = end;
      } else {
        const end = text.indexOf('>', lt);
        pos = end === -1 ? length : end + 1;
      }
    } else if (next === 63 /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      pos = end === -1 ? length : end + 2;
    } else if (next === 47 /* / */) {
      const end = text.indexOf('>', lt);
      const name = text.slice(lt + 2, end === -1 ? length : end).trim();
      pos = end === -1 ? length : end + 1;
      // Close the nearest open element of that name and everything left open inside it; ignore strays.
      for (let depth = (openByName.get(name) ?? 0) > 0 ? stack.length - 1 : 0; depth > 0; depth--) {
        if (stack[depth]!.element.name === name) {
          closeTo(depth);
          break;
        }
      }
    } else if (isNameStart(next)) {
      const tag = readTag(text, lt);
      pos = tag.end;
      const scope = openElement(tag, top, lt);
      if (stack.length > 1) top.element.children.push(scope.element);
      else if (rootScope.element.children.length === 0) {
        rootScope.element.children.push(scope.element);
        onRoot?.(scope.element);
      }
      stack.push(scope);
      openByName.set(tag.name, (openByName.get(tag.name) ?? 0) + 1);
      top = scope;
      if (tag.selfClosing) closeTo(stack.length - 1);
    } else {
      // `<` that starts no markup (`a < b`, `<3`): keep it as text.
      if (stack.length > 1) top.element.children.push('<');
      pos = lt + 1;
    }
  }
  if (stack.length > 1) closeTo(1, true); // a truncated document: close what is open, keep what was read
  const root = rootScope.element.children.find((child): child is XmlElement => typeof child !== 'string');
  if (!root) return err({ kind: 'empty', message: 'no XML element found', offset: 0 });
  return ok(root);
}

function openElement(tag: RawTag, parent: Scope, offset: number): Scope {
  let namespaces = parent.namespaces;
  for (const [attrName, value] of tag.attributes) {
    if (attrName !== 'xmlns' && !attrName.startsWith('xmlns:')) continue;
    const prefix = attrName === 'xmlns' ? '' : attrName.slice(6);
    // Flat copies, not prototype chains: 100k nested declarations must not make every lookup walk 100k links.
    // A hostile document declaring ever more prefixes is capped instead of copied without bound.
    if (namespaces === parent.namespaces) {
      if (Object.keys(namespaces).length >= MAX_NAMESPACE_BINDINGS && !(prefix in namespaces)) continue;
      namespaces = { ...parent.namespaces };
    }
    (namespaces as Record<string, string>)[prefix] = value.trim();
  }
  // Most feed elements have no attributes: share one empty record instead of allocating one per element.
  const attrs: Record<string, string> = tag.attributes.length === 0 ? NO_ATTRIBUTES : {};
  for (const [attrName, value] of tag.attributes) {
    const colon = attrName.indexOf(':');
    if (colon === -1) attrs[attrName.toLowerCase()] = value;
    else {
      const prefix = attrName.slice(0, colon);
      attrs[`${canonicalPrefix(namespaces[prefix], prefix)}:${attrName.slice(colon + 1).toLowerCase()}`] = value;
    }
  }
  const { key, ns } = nameKeyOf(tag.name, namespaces);
  const parentElement = parent.element;
  const xmlBase = attrs['xml:base'];
  const base = xmlBase === undefined ? parentElement.base : joinBase(xmlBase, parentElement.base);
  const lang = attrs['xml:lang'] ?? parentElement.lang;
  const element = makeElement(tag.name, key, ns, attrs, tag.attributes, base, lang, offset);
  return { element, namespaces };
}

const MAX_NAMESPACE_BINDINGS = 64;
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

function joinBase(reference: string, enclosing: string | undefined): string {
  const trimmed = reference.trim();
  if (enclosing === undefined) return trimmed;
  try {
    return new URL(trimmed, enclosing).href;
  } catch {
    return trimmed; // the enclosing base is itself relative: keep the nearest one, normalize resolves it later
  }
}

function makeElement(
  name: string,
  key: string,
  ns: string | undefined,
  attrs: Record<string, string>,
  rawAttrs: (readonly [string, string])[],
  base: string | undefined,
  lang: string | undefined,
  offset: number,
): XmlElement {
  return { name, key, ns, attrs, rawAttrs, children: [], base, lang, offset };
}
