import type { InputFormat } from '../model.ts';
import type { ParsedEntryDetail, ParsedFeedDetail } from './parsed-feed-detail.ts';
import { rssTextOf } from './xml/text-construct.ts';
import { childOf, childrenOf, trimmedTextOf } from './xml/xml-query.ts';
import type { XmlElement } from './xml/xml-tree.ts';

/** Channel-level fields shared by RSS 0.9x/2.0, RSS 1.0 and CDF, with the same module fallbacks as items. */
export function readChannel(
  format: InputFormat,
  root: XmlElement,
  channel: XmlElement,
  entries: ParsedEntryDetail[],
): ParsedFeedDetail {
  const linkElement = childOf(channel, 'link');
  const alternate = childrenOf(channel, 'atom:link').find((link) => (link.attrs.rel ?? 'alternate') === 'alternate');
  const title = rssTextOf(childOf(channel, 'title', 'dc:title', 'itunes:title'), 'title');
  const description = rssTextOf(
    childOf(channel, 'description', 'dc:description', 'abstract', 'itunes:summary', 'itunes:subtitle', 'subtitle'),
    'html',
  );
  return {
    format,
    title: title?.value,
    titleType: title?.type,
    titleBase: title?.base,
    link:
      trimmedTextOf(linkElement) ??
      linkElement?.attrs.href?.trim() ??
      alternate?.attrs.href?.trim() ??
      channel.attrs.href?.trim(),
    linkBase: linkElement?.base ?? channel.base,
    description: description?.value,
    descriptionType: description?.type,
    language: trimmedTextOf(childOf(channel, 'language', 'dc:language')) ?? channel.lang ?? root.lang,
    base: channel.base ?? root.base,
    updated:
      trimmedTextOf(childOf(channel, 'lastbuilddate', 'dc:date', 'dcterms:modified', 'pubdate', 'atom:updated')) ??
      channel.attrs.lastmod,
    ttlMinutes: ttlMinutesOf(channel),
    entries,
  };
}

const PERIOD_MINUTES: Readonly<Record<string, number>> = {
  hourly: 60,
  daily: 1440,
  weekly: 10080,
  monthly: 43200,
  yearly: 525600,
};

/** RSS `<ttl>` wins; else `sy:updatePeriod` divided by `sy:updateFrequency`. */
function ttlMinutesOf(channel: XmlElement): number | undefined {
  const ttl = Number(trimmedTextOf(childOf(channel, 'ttl')));
  if (Number.isFinite(ttl) && ttl > 0) return ttl;
  const period = PERIOD_MINUTES[trimmedTextOf(childOf(channel, 'sy:updateperiod'))?.toLowerCase() ?? ''];
  if (period === undefined) return undefined;
  const frequency = Number(trimmedTextOf(childOf(channel, 'sy:updatefrequency')) ?? '1');
  return Number.isFinite(frequency) && frequency > 0 ? Math.max(1, Math.round(period / frequency)) : period;
}
