import { OUTPUT_FORMATS } from '../model.ts';
import { cleanLine, cleanText } from './clean-text.ts';
import { toRfc3339 } from './feed-dates.ts';
import { INDEX_STYLE } from './index-style.ts';
import {
  FORMAT_LABELS,
  FORMAT_MEDIA_TYPES,
  type FormatLinks,
  type IndexView,
  type TopicSummary,
} from './index-view.ts';
import { type PreparedItem, prepareItem } from './prepare-view.ts';

/**
 * The HTML index: static markup, no script, readable on a phone. Every value is escaped here; item HTML is never
 * inlined (titles, outlets and explanations are plain text), so hostile feed content cannot reach the page as markup.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const h = (text: string) => cleanText(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** `2026-11-24 09:30 UTC` inside a <time>; deterministic (no locale, no clock). */
function time(iso: string | undefined): string {
  const rfc3339 = toRfc3339(iso);
  if (!rfc3339) return 'never';
  return `<time datetime="${rfc3339}">${rfc3339.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

const link = (href: string | undefined, text: string) => (href ? `<a href="${h(href)}">${h(text)}</a>` : h(text));

function subscribeLinks(feeds: FormatLinks): string {
  return OUTPUT_FORMATS.map((f) => `<a class="feed" href="${h(feeds[f])}">${FORMAT_LABELS[f]}</a>`).join(' ');
}

function itemHtml(item: PreparedItem, index: number): string {
  const outlets = item.alsoReportedBy.map((o) => link(o.url, o.title)).join(', ');
  const why = item.why.map((line) => `<li>${h(line)}</li>`).join('');
  return [
    '<li class="item">',
    `<a class="headline" href="${h(item.url ?? '#')}">${h(item.title)}</a>`,
    `<div class="meta">${item.source ? link(item.source.url, item.source.title) : ''} · ${time(item.published)}</div>`,
    outlets ? `<div class="also">Also reported by ${outlets}</div>` : '',
    why
      ? `<details${index === 0 ? ' open' : ''}><summary>Why it matched</summary><ul class="why">${why}</ul></details>`
      : '',
    '</li>',
  ].join('');
}

function topicHtml(topic: TopicSummary): string {
  const count = `${topic.itemCount}${topic.countIsLowerBound ? '+' : ''} item${topic.itemCount === 1 ? '' : 's'}`;
  const items = topic.latest.map((item, index) => itemHtml(prepareItem(item, topic.updatedAt ?? ''), index)).join('\n');
  return [
    `<section class="topic" id="topic-${h(topic.slug)}">`,
    `<h2>${h(cleanLine(topic.title))}</h2>`,
    `<p class="description">${h(topic.description)}</p>`,
    `<p class="meta">${count} · last update ${time(topic.updatedAt)}</p>`,
    `<p class="subscribe">Subscribe: ${subscribeLinks(topic.feeds)}</p>`,
    items ? `<ol class="items">\n${items}\n</ol>` : '<p class="empty">No items yet.</p>',
    '</section>',
  ].join('\n');
}

function sourcesHtml(view: IndexView): string {
  if (view.sources.length === 0) return '<p class="empty">No feeds polled yet.</p>';
  const rows = view.sources.map((s) =>
    [
      `<tr class="status-${s.status}">`,
      `<td>${link(s.url, s.title || s.url)}</td>`,
      `<td>${h(s.status)}</td>`,
      `<td>${time(s.lastSuccessAt)}</td>`,
      `<td>${s.consecutiveFailures}</td>`,
      `<td>${s.lastError ? h(`${s.lastError.kind}: ${s.lastError.message}`) : ''}</td>`,
      '</tr>',
    ].join(''),
  );
  const head = '<tr><th>Feed</th><th>Status</th><th>Last success</th><th>Failures</th><th>Last error</th></tr>';
  return `<div class="table"><table>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table></div>`;
}

function alternates(view: IndexView): string {
  const feeds = view.topics.flatMap((topic) =>
    OUTPUT_FORMATS.map((f) => ({
      type: FORMAT_MEDIA_TYPES[f],
      title: `${topic.title} (${FORMAT_LABELS[f]})`,
      href: topic.feeds[f],
    })),
  );
  return feeds
    .map((feed) => `<link rel="alternate" type="${feed.type}" title="${h(feed.title)}" href="${h(feed.href)}">`)
    .join('\n');
}

export function renderHtmlIndex(view: IndexView): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(view.title)}</title>
${alternates(view)}
<style>${INDEX_STYLE}</style>
</head>
<body>
<header>
<h1>${h(view.title)}</h1>
<p>Topic feeds folded from many outlets, one story once. Subscribe to all topics with <a href="${h(view.opmlUrl)}">OPML</a>; every story: ${subscribeLinks(view.allFeeds)}.</p>
</header>
<main>
${view.topics.map(topicHtml).join('\n')}
<section id="sources">
<h2>Sources</h2>
${sourcesHtml(view)}
</section>
</main>
</body>
</html>
`;
}
