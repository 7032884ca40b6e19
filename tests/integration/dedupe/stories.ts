import type { WireItem } from './wire-world.ts';

/** Stories written by the team; each outlet carries its own copy, the way wire copy spreads. */
export const craneA: WireItem = {
  guid: 'coast-1001',
  title: 'Harbour crane collapse injures five dock workers in Port Selat',
  summary:
    'A container crane toppled onto a loading bay in Port Selat on Tuesday morning, injuring five dock workers, the port authority said in a statement.',
  link: 'https://www.coastwire.example/news/harbour-crane-collapse-port-selat?utm_source=rss',
  published: '2024-03-05T08:10:00Z',
};

/** The same wire copy on another outlet, retitled, at its own URL. */
export const craneB: WireItem = {
  guid: 'https://dailyharbour.example/world/crane-topples-port-selat-2024',
  title: 'Five hurt as container crane topples at Port Selat',
  summary:
    'A container crane toppled onto a loading bay in Port Selat on Tuesday morning, injuring five dock workers, the port authority said in a statement. Investigators are on site.',
  link: 'https://dailyharbour.example/world/crane-topples-port-selat-2024',
  published: '2024-03-05T11:40:00Z',
};

/** The first outlet's link again, with other tracking parameters (an aggregator feed carrying it). */
export const craneViaAggregator: WireItem = {
  ...craneA,
  guid: 'agg-77',
  link: 'http://coastwire.example/news/harbour-crane-collapse-port-selat/?fbclid=abc',
  published: '2024-03-05T09:00:00Z',
};

export const ferry: WireItem = {
  guid: 'coast-1002',
  title: 'Ferry operator adds night crossings to the islands',
  summary:
    'The island ferry company will run two extra night crossings from April, citing record demand from commuters.',
  link: 'https://coastwire.example/news/ferry-night-crossings',
  published: '2024-03-05T10:00:00Z',
};

/** Same headline as nothing else, different story: must stay its own article. */
export const tariffs: WireItem = {
  guid: 'dh-9',
  title: 'Port fees rise for bulk carriers next quarter',
  summary: 'Bulk carriers calling at the southern terminals will pay higher berth fees from July under a new schedule.',
  link: 'https://dailyharbour.example/business/port-fees-bulk-carriers',
  published: '2024-03-05T12:00:00Z',
};
