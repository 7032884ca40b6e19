import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { createDb, type Db } from '../lib/store/db.ts';
import { ensureTable } from '../lib/store/table.ts';

/** dynalite checks no signature; the SDK only needs some credentials so it never searches the machine for real ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/**
 * dynalite in this process, listening on loopback, persisted under `dataDir` (a LevelDB folder) so articles
 * survive restarts; `dataDir` undefined keeps everything in memory (the demo, tests).
 */
export async function startEmbeddedDb(options: { dataDir?: string; tableName: string }): Promise<{
  db: Db;
  endpoint: string;
  close(): Promise<void>;
}> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = dynalite({
    ...(options.dataDir ? { path: options.dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const db = createDb(options.tableName, {
    endpoint,
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
  });
  await ensureTable(db);
  return {
    db,
    endpoint,
    close: async () => {
      db.doc.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
