import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { createDb, type Db } from '../../lib/store/db.ts';
import { ensureTable } from '../../lib/store/table.ts';

/** Fake credentials: dynalite ignores them, and the SDK must never look for real ones in tests. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** In-process dynalite on a free loopback port, with the wirefold table created. */
export async function startDynalite(
  tableName = 'wirefold-test',
): Promise<{ db: Db; endpoint: string; close(): Promise<void> }> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const db = createDb(tableName, { endpoint, region: 'local', credentials: LOCAL_CREDENTIALS });
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
