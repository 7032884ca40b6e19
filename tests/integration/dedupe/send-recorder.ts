import type { Db } from '../../../lib/store/db.ts';

/**
 * Wraps the AWS document client's `send` (not our code) to count store calls and to inject a failure at the n-th
 * one, the way a Lambda dies between two writes.
 */
export function recordSends(db: Db, options: { failAt?: number } = {}) {
  const calls: string[] = [];
  /** Each call's input, beside its name, for tests that check which keys a call read. */
  const inputs: unknown[] = [];
  const original = db.doc.send.bind(db.doc);
  const wrapped = ((command: { constructor: { name: string }; input?: { KeyConditionExpression?: string } }) => {
    calls.push(command.constructor.name);
    inputs.push(command.input);
    if (options.failAt !== undefined && calls.length === options.failAt) {
      return Promise.reject(
        Object.assign(new Error(`injected failure at store call ${options.failAt}`), { name: 'InjectedFailure' }),
      );
    }
    return original(command as never);
  }) as typeof db.doc.send;
  const recorded: Db = { tableName: db.tableName, doc: Object.assign(Object.create(db.doc), { send: wrapped }) };
  return { db: recorded, calls, inputs };
}
