import { err, ok, type Result } from '../result.ts';

export interface InvalidCursor {
  readonly kind: 'invalid-cursor';
  readonly message: string;
}

/** Paging cursors are the DynamoDB key of the last item, base64url-encoded. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  if (!key) return undefined;
  return Buffer.from(JSON.stringify({ pk: key.pk, sk: key.sk })).toString('base64url');
}

/**
 * Only a cursor for the partition being read is accepted back: a forged one must become a 400,
 * not a DynamoDB ValidationException (a 500) or a read of another partition.
 */
export function decodeCursor(
  cursor: string | undefined,
  partition: string,
): Result<Record<string, string> | undefined, InvalidCursor> {
  if (cursor === undefined || cursor === '') return ok(undefined);
  const invalid = err<InvalidCursor>({ kind: 'invalid-cursor', message: 'cursor is not one this feed issued' });
  if (cursor.length > 512) return invalid;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return invalid;
    const { pk, sk } = parsed as Record<string, unknown>;
    if (pk !== partition || typeof sk !== 'string' || sk.length === 0) return invalid;
    return ok({ pk, sk });
  } catch {
    return invalid;
  }
}
