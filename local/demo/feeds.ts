import { feedIdOf } from '../../lib/config.ts';
import type { FeedSource } from '../../lib/model.ts';

/** The demo's outlets, by file name; their URLs point at the local demo feed server. */
const DEMO_TITLES: Record<string, string> = {
  'mekong-wire.xml': 'Mekong Wire',
  'straits-ledger.atom': 'The Straits Ledger',
  'nusantara-daily.json': 'Nusantara Daily',
  'delta-tech.rdf': 'Delta Tech Notes',
};

export function demoSources(feeds: ReadonlyMap<string, string>): FeedSource[] {
  return [...feeds].map(([file, url]) => ({
    // Ids from the file name, not the port: the demo's data stays consistent across runs.
    feedId: feedIdOf(`https://demo.wirefold.example/${file}`),
    url,
    title: DEMO_TITLES[file] ?? file,
    category: 'Demo',
  }));
}
