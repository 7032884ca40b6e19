/**
 * Whether a write failed only because its condition did not hold (`ConditionalCheckFailedException`): the normal
 * outcome of a lost race or a stale version, which every caller handles, unlike any other error.
 */
export const isConditionFailure = (error: unknown): boolean =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';
