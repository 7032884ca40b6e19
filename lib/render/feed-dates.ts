/**
 * Date formats per output: RFC 3339 for Atom and JSON Feed, RFC 822 (as RSS 2.0 profiles it) for RSS.
 * Seconds precision everywhere, so one item carries the same instant in every format.
 */

function parseInstant(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  const year = date.getUTCFullYear();
  // Four-digit years only: both RFC 3339 and RFC 822 serializations break outside that range.
  if (Number.isNaN(date.getTime()) || year < 1000 || year > 9999) return undefined;
  return date;
}

/** `2026-11-25T14:37:39Z`, or undefined for a missing or unparseable input. */
export function toRfc3339(iso: string | undefined): string | undefined {
  const date = parseInstant(iso);
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}

/** `Wed, 25 Nov 2026 14:37:39 GMT`, or undefined for a missing or unparseable input. */
export function toRfc822(iso: string | undefined): string | undefined {
  return parseInstant(iso)?.toUTCString();
}

/** The Unix epoch, for required dates that are missing: deterministic, unlike "now". */
export const EPOCH_ISO = '1970-01-01T00:00:00Z';
