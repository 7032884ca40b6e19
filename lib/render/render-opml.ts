import type { TopicSummary } from './index-view.ts';
import { XmlWriter } from './xml-writer.ts';

/**
 * OPML 2.0 subscription list: one outline per topic, so a reader subscribes to every topic in one step. RSS is the
 * format every reader imports; the outline's htmlUrl points at the topic's section of the index page.
 */
export function renderOpml(input: {
  title: string;
  baseUrl: string;
  updatedAt?: string;
  topics: readonly TopicSummary[];
}): string {
  const xml = new XmlWriter();
  xml.open('opml', { version: '2.0' });
  xml.open('head');
  xml.text('title', input.title);
  xml.text('dateModified', input.updatedAt ? new Date(input.updatedAt).toUTCString() : undefined);
  xml.text('docs', 'http://opml.org/spec2.opml');
  xml.close();
  xml.open('body');
  for (const topic of input.topics) {
    xml.empty('outline', {
      type: 'rss',
      text: topic.title,
      title: topic.title,
      description: topic.description || undefined,
      xmlUrl: topic.feeds.rss,
      htmlUrl: `${input.baseUrl}/#topic-${topic.slug}`,
    });
  }
  xml.close().close();
  return xml.toString();
}
