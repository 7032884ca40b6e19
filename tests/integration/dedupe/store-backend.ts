import { createDb, type Db } from '../../../lib/store/db.ts';
import { ensureTable } from '../../../lib/store/table.ts';
import { LOCAL_CREDENTIALS, startDynalite } from '../../support/dynalite.ts';

/** A DynamoDB-compatible server the store suites run against: dynalite in process, or Amazon's DynamoDB Local. */
export interface StoreBackend {
  readonly name: string;
  start(): Promise<RunningBackend>;
}

export interface RunningBackend {
  readonly endpoint: string;
  /** A fresh wirefold table on this server, so each scenario starts empty. */
  createTable(name: string): Promise<Db>;
  close(): Promise<void>;
}

export function tableFactory(endpoint: string) {
  return async (name: string): Promise<Db> => {
    const db = createDb(name, { endpoint, region: 'local', credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
    await ensureTable(db);
    return db;
  };
}

export const dynaliteBackend: StoreBackend = {
  name: 'dynalite',
  async start() {
    const local = await startDynalite('backend-setup');
    return { endpoint: local.endpoint, createTable: tableFactory(local.endpoint), close: local.close };
  },
};
