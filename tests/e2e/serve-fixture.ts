import { serveDepsFor } from '../../lambdas/serve-deps.ts';
import { startServer } from '../../local/server.ts';
import { FIXTURE_FEEDS, FIXTURE_NOW, FIXTURE_TOPICS, seedStore } from '../fixtures/render/seed-store.ts';
import { startDynalite } from '../support/dynalite.ts';

/** dynalite + seeded fixture stories + the local API server on a free loopback port. */
export async function startSeededServer(storyCount: number): Promise<{ url: string; close(): Promise<void> }> {
  const store = await startDynalite();
  await seedStore(store.db, storyCount);
  const deps = {
    ...serveDepsFor({ db: store.db, topics: FIXTURE_TOPICS, feeds: FIXTURE_FEEDS }),
    now: () => new Date(FIXTURE_NOW),
  };
  const server = await startServer({ host: '127.0.0.1', port: 0, deps });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}
