import { createDb, type Db } from '../../lib/store/db.ts';
import { ensureTable } from '../../lib/store/table.ts';
import { startDynamoDbLocal as startProcess } from '../../local/dynamodb-local.ts';
import { LOCAL_CREDENTIALS } from '../../local/embedded-db.ts';

/** DynamoDB Local in memory with the wirefold table created. */
export async function startDynamoDbLocal(tableName = 'wirefold-stress'): Promise<{ db: Db; close(): Promise<void> }> {
  const local = await startProcess();
  const db = createDb(tableName, {
    endpoint: local.endpoint,
    region: 'local',
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 3,
  });
  await ensureTable(db);
  return {
    db,
    close: async () => {
      db.doc.destroy();
      await local.close();
    },
  };
}
