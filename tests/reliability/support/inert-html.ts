import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * Decides whether markup is inert by PARSING it the way a browser-like HTML parser does and walking every element
 * and attribute — never by searching strings, which encodings and broken markup defeat.
 */

/** Elements that run code, load active content, or change how the rest of the page is interpreted. */
const ACTIVE_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'svg',
  'math',
  'style',
  'template',
  'portal',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'poster',
  'background',
  'cite',
  'longdesc',
  'ping',
  'lowsrc',
  'dynsrc',
  'codebase',
  'manifest',
  'srcset',
  'imagesrcset',
]);

/** What a browser effectively sees as the scheme: entities already decoded by the parser; controls and spaces dropped. */
export function effectiveScheme(url: string): string | undefined {
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(squeezed)?.[1];
}
export const isDangerousUrl = (url: string) =>
  ['javascript', 'vbscript', 'data', 'livescript'].includes(effectiveScheme(url) ?? '');

const DANGEROUS_CSS =
  /expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|@import|url\s*\(\s*['"]?\s*(javascript|data|vbscript):/i;

export interface Violation {
  readonly where: string;
  readonly what: string;
}

function walk(nodes: readonly ChildNode[], visit: (element: Element) => void) {
  for (const node of nodes) {
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      visit(node as Element);
      walk((node as Element).children, visit);
    }
  }
}

/**
 * Every active element, event-handler attribute, dangerous URL or dangerous inline style in an HTML fragment.
 * `allow` names elements legitimately present (the index page's own `<style>`, `<meta>`, `<link>`); those are still
 * checked for attributes and, for style, for dangerous CSS.
 */
export function violationsIn(html: string, where: string, allow: ReadonlySet<string> = new Set()): Violation[] {
  const violations: Violation[] = [];
  const document = parseDocument(html, { decodeEntities: true, lowerCaseAttributeNames: true });
  walk(document.children, (element) => {
    const name = element.name.toLowerCase();
    if (ACTIVE_ELEMENTS.has(name) && !allow.has(name)) violations.push({ where, what: `<${name}> element` });
    if (name === 'style' || name === 'script') {
      const text = element.children.map((c) => ('data' in c ? c.data : '')).join('');
      if (DANGEROUS_CSS.test(text) || /alert|XSS/.test(text))
        violations.push({ where, what: `<${name}> with ${text.slice(0, 60)}` });
    }
    for (const [attribute, value] of Object.entries(element.attribs)) {
      const key = attribute.toLowerCase();
      if (key.startsWith('on')) violations.push({ where, what: `<${name} ${key}="${value.slice(0, 40)}">` });
      const urls = key.endsWith('srcset') ? value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [value];
      if ((URL_ATTRIBUTES.has(key) || key.endsWith(':href')) && urls.some(isDangerousUrl)) {
        violations.push({ where, what: `<${name} ${key}="${value.slice(0, 60)}">` });
      }
      if (key === 'style' && DANGEROUS_CSS.test(value))
        violations.push({ where, what: `<${name} style="${value.slice(0, 60)}">` });
      if (name === 'meta' && key === 'http-equiv' && value.toLowerCase() === 'refresh') {
        violations.push({ where, what: '<meta http-equiv=refresh>' });
      }
    }
  });
  return violations;
}
