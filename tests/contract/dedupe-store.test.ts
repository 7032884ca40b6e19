import { describe } from 'vitest';
import { describeCrashSuite } from '../integration/dedupe/suites/crash-suite.ts';
import { describeFoldSuite } from '../integration/dedupe/suites/fold-suite.ts';
import { describeRaceSuite } from '../integration/dedupe/suites/race-suite.ts';
import { dynamoDbLocalBackend, dynamoDbLocalUnavailable } from './dynamodb-local-backend.ts';

/** The dynalite store suites, run again on Amazon's DynamoDB Local: what passes on one must pass on the other. */
const unavailable = dynamoDbLocalUnavailable();
if (unavailable) console.warn(`skipping the DynamoDB Local contract suite: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('store contract on DynamoDB Local', () => {
  describeFoldSuite(dynamoDbLocalBackend);
  describeRaceSuite(dynamoDbLocalBackend);
  describeCrashSuite(dynamoDbLocalBackend);
});
