import { copiesInRound, type FarmFeed, type FarmModel, type StoryCopy, seededRandom } from './farm-model.ts';

/** Renders one farm feed as the document an outlet would publish (RSS 2.0, Atom 1.0 or JSON Feed 1.1). */

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const PADDING_WORDS = 'the of and to in officials said on with for that by statement week analysts'.split(' ');

/** Body text derived from the story alone, so every copy of a story carries the same text (as wire copy does). */
function bodyHtml(model: FarmModel, copy: StoryCopy): string {
  const story = model.stories.get(copy.storyId)!;
  const random = seededRandom(copy.storyId + 7919);
  const parts = [`<p>${escapeXml(story.summary)}</p>`];
  let size = parts[0]!.length;
  while (size < copy.bodyBytes) {
    const sentence = Array.from({ length: 14 }, () => PADDING_WORDS[Math.floor(random() * PADDING_WORDS.length)]);
    const paragraph = `<p>${sentence.join(' ')}.</p>`;
    parts.push(paragraph);
    size += paragraph.length;
  }
  return parts.join('');
}

function rss(model: FarmModel, feed: FarmFeed, copies: readonly StoryCopy[], origin: string): string {
  const items = copies.map((copy) => {
    const story = model.stories.get(copy.storyId)!;
    return `<item><title>${escapeXml(copy.title)}</title><link>${escapeXml(copy.url)}</link>
<guid isPermaLink="false">${copy.guid}</guid><pubDate>${new Date(story.publishedAt).toUTCString()}</pubDate>
<description>${escapeXml(story.summary)}</description>
<content:encoded><![CDATA[${bodyHtml(model, copy)}]]></content:encoded></item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>${escapeXml(feed.title)}</title><link>${origin}/outlets/${feed.index}</link><description>farm</description>
${items.join('\n')}
</channel></rss>
`;
}

function atom(model: FarmModel, feed: FarmFeed, copies: readonly StoryCopy[], origin: string): string {
  const newest =
    copies
      .map((c) => model.stories.get(c.storyId)!.publishedAt)
      .sort()
      .at(-1) ?? model.baseTime;
  const entries = copies.map((copy) => {
    const story = model.stories.get(copy.storyId)!;
    return `<entry><title>${escapeXml(copy.title)}</title><link rel="alternate" href="${escapeXml(copy.url)}"/>
<id>tag:outlet${feed.index}.example,2026:${copy.guid}</id><published>${story.publishedAt}</published>
<updated>${story.publishedAt}</updated><summary>${escapeXml(story.summary)}</summary>
<content type="html">${escapeXml(bodyHtml(model, copy))}</content></entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${escapeXml(feed.title)}</title>
<id>${origin}${feed.path}</id><updated>${newest}</updated><link rel="alternate" href="${origin}/outlets/${feed.index}"/>
${entries.join('\n')}
</feed>
`;
}

function json(model: FarmModel, feed: FarmFeed, copies: readonly StoryCopy[], origin: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: `${origin}/outlets/${feed.index}`,
    feed_url: `${origin}${feed.path}`,
    items: copies.map((copy) => {
      const story = model.stories.get(copy.storyId)!;
      return {
        id: copy.guid,
        url: copy.url,
        title: copy.title,
        summary: story.summary,
        content_html: bodyHtml(model, copy),
        date_published: story.publishedAt,
      };
    }),
  });
}

export function renderFarmFeed(model: FarmModel, feed: FarmFeed, round: number, origin: string): string {
  const copies = copiesInRound(feed, round);
  switch (feed.format) {
    case 'rss':
      return rss(model, feed, copies, origin);
    case 'atom':
      return atom(model, feed, copies, origin);
    case 'json':
      return json(model, feed, copies, origin);
  }
}

/**
 * Broken documents, one per malformed feed (by index), of the kinds no lenient parser can read: each must end as a
 * typed parse or fetch error. (Truncated XML is read leniently by our parser; tests/reliability covers it apart.)
 */
export function malformedBody(feed: FarmFeed): { contentType: string; body: Buffer } {
  const xml = 'application/rss+xml; charset=utf-8';
  switch (feed.index % 5) {
    case 0: // an HTML page where the feed should be
      return {
        contentType: 'text/html; charset=utf-8',
        body: Buffer.from('<!DOCTYPE html><html><head><title>Moved</title></head><body>We redesigned!</body></html>'),
      };
    case 1: // empty body
      return { contentType: xml, body: Buffer.alloc(0) };
    case 2: // random bytes
      return { contentType: xml, body: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)) };
    case 3: // broken JSON Feed
      return {
        contentType: 'application/feed+json',
        body: Buffer.from('{"version":"https://jsonfeed.org/version/1.1",'),
      };
    default: // well-formed XML that is not a feed
      return {
        contentType: 'application/xml',
        body: Buffer.from('<?xml version="1.0"?><invoice><total>3</total></invoice>'),
      };
  }
}
