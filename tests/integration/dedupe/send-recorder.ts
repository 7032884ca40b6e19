import type { Db } from '../../../lib/store/db.ts';

/** The AWS document client's `send`, as the wrappers below see it. */
export type Send = (command: { constructor: { name: string }; input: Record<string, unknown> }) => Promise<unknown>;
export type SentCommand = Parameters<Send>[0];

/**
 * A handle whose AWS document client `send` (not our code) goes through `wrap`, which may observe, delay, answer or
 * fail each command before (or instead of) sending it on.
 */
export function wrapSend(db: Db, wrap: (send: Send, command: SentCommand) => Promise<unknown>): Db {
  const original = db.doc.send.bind(db.doc) as unknown as Send;
  const send = ((command: SentCommand) => wrap(original, command)) as unknown as typeof db.doc.send;
  return { tableName: db.tableName, doc: Object.assign(Object.create(db.doc), { send }) };
}

/** Counts store calls and injects a failure at the n-th one, the way a Lambda dies between two writes. */
export function recordSends(db: Db, options: { failAt?: number } = {}) {
  const calls: string[] = [];
  /** Each call's input, beside its name, for tests that check which keys a call read. */
  const inputs: unknown[] = [];
  const recorded = wrapSend(db, (send, command) => {
    calls.push(command.constructor.name);
    inputs.push(command.input);
    if (options.failAt !== undefined && calls.length === options.failAt) {
      return Promise.reject(
        Object.assign(new Error(`injected failure at store call ${options.failAt}`), { name: 'InjectedFailure' }),
      );
    }
    return send(command);
  });
  return { db: recorded, calls, inputs };
}
