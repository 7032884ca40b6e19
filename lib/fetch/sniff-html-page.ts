/**
 * Recognizes an HTML page served where a feed was expected (a site redesign, a login wall, a parked domain) and
 * collects the feeds it advertises with `<link rel="alternate">`, so the health line can suggest the new URL.
 * Only a document whose first markup is an HTML doctype or `<html>` counts: an RSS, Atom, RDF or JSON document
 * never starts that way, so a feed served as text/html is not misjudged.
 */
export function sniffHtmlPage(text: string, baseUrl: string): { readonly discoveredFeedUrls: string[] } | undefined {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  // Skip leading whitespace and comments, which some CMSs emit before the doctype.
  const start = head.replace(/^(\s|<!--[\s\S]*?-->)*/, '');
  if (!/^<(!doctype\s+html|html[\s>])/i.test(start)) return undefined;
  const discoveredFeedUrls: string[] = [];
  for (const [tag] of text.slice(0, 65536).matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, 'rel')?.toLowerCase().split(/\s+/) ?? [];
    const type = attribute(tag, 'type')?.toLowerCase() ?? '';
    const href = attribute(tag, 'href');
    if (!rel.includes('alternate') || !href || !/(rss|atom|rdf|feed)\+(xml|json)|\/json$/.test(type)) continue;
    try {
      discoveredFeedUrls.push(new URL(href, baseUrl).href);
    } catch {
      // An unparseable href advertises nothing.
    }
  }
  return { discoveredFeedUrls };
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}
