import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The one handle every store function takes: which client, which table. */
export interface Db {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

export function createDb(tableName: string, clientConfig: DynamoDBClientConfig = {}): Db {
  const client = new DynamoDBClient(clientConfig);
  const doc = DynamoDBDocumentClient.from(client, {
    // Optional model fields are simply absent; DynamoDB rejects explicit undefined values.
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName };
}
