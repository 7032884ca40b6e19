/**
 * DynamoDB's own item size, per its documented rules: attribute names and string values count their UTF-8 bytes,
 * numbers about one byte per two digits plus one, booleans and nulls one byte, and each map or list three bytes
 * plus one byte per element. One write unit covers 1 KB of it.
 */
export function dynamoItemBytes(value: unknown): number {
  if (value === undefined) return 0;
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace('.', '').length / 2) + 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + dynamoItemBytes(v), 0);
  if (typeof value === 'object') {
    return (
      3 +
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .reduce((sum, [k, v]) => sum + 1 + Buffer.byteLength(k) + dynamoItemBytes(v), 0)
    );
  }
  return 0;
}
