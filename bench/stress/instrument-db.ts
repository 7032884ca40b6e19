import type { Db } from '../../lib/store/db.ts';

/**
 * What a wrapper may do around one DynamoDB call: let it through (optionally after a delay), or fail it the way
 * AWS would. `command` is the SDK command's class name (`PutCommand`, `GetCommand`, …).
 */
export type CallDecision =
  | { readonly kind: 'pass' }
  /** The request never reaches the table. */
  | { readonly kind: 'fail'; readonly error: Error }
  /** The request is applied, then the caller gets an error anyway (a lost answer: the ambiguous timeout). */
  | { readonly kind: 'fail-after'; readonly error: Error };
export type CallHook = (command: string, input: Record<string, unknown>, callIndex: number) => CallDecision;

/** The error shapes the AWS SDK raises, with the fields our code and the SDK's retry logic look at. */
export function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}
export const throttled = () =>
  awsError('ProvisionedThroughputExceededException', 'The level of configured provisioned throughput was exceeded');
export const timedOut = () =>
  Object.assign(new Error('socket hang up (injected timeout)'), { name: 'TimeoutError', code: 'ETIMEDOUT' });

/**
 * A Db whose client `send` goes through `hook` first: a test helper around the AWS client (never around our code),
 * used to count calls and to inject throttling and timeouts. Returns the wrapped Db and live counters.
 */
export function instrumentDb(db: Db, hook: CallHook = () => ({ kind: 'pass' })) {
  const counts: Record<string, number> = {};
  const failures: Record<string, number> = {};
  let calls = 0;
  const original = db.doc.send.bind(db.doc) as (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  const send = (command: { constructor: { name: string }; input: Record<string, unknown> }, ...rest: unknown[]) => {
    const name = command.constructor.name;
    counts[name] = (counts[name] ?? 0) + 1;
    const decision = hook(name, command.input, calls++);
    if (decision.kind === 'fail') {
      failures[name] = (failures[name] ?? 0) + 1;
      return Promise.reject(decision.error);
    }
    if (decision.kind === 'fail-after') {
      failures[`${name} (applied)`] = (failures[`${name} (applied)`] ?? 0) + 1;
      return original(command, ...rest).then(
        () => Promise.reject(decision.error),
        () => Promise.reject(decision.error),
      );
    }
    return original(command, ...rest);
  };
  const doc = new Proxy(db.doc, {
    get: (target, property, receiver) => (property === 'send' ? send : Reflect.get(target, property, receiver)),
  });
  return { db: { doc, tableName: db.tableName } as Db, counts, failures, totalCalls: () => calls };
}
