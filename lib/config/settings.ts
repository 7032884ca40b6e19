import { err, ok, type Result } from '../result.ts';
import * as z from './zod.ts';

const number = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.gte(min), z.lte(max)), fallback);

const settingsSchema = z.object({
  TABLE_NAME: z._default(z.string().check(z.minLength(3), z.maxLength(255)), 'wirefold'),
  QUEUE_URL: z.optional(z.url()),
  CONFIG_DIR: z._default(z.string().check(z.minLength(1)), 'config'),
  LOG_LEVEL: z._default(z.enumOf(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']), 'INFO'),
  PUBLIC_BASE_URL: z.optional(z.url()),
  FETCH_TIMEOUT_MS: number(1000, 120_000, 30_000),
  FETCH_MAX_BYTES: number(1024, 256 * 1024 * 1024, 16 * 1024 * 1024),
  ARTICLE_RETENTION_DAYS: number(1, 3650, 30),
});

export interface Settings {
  readonly tableName: string;
  readonly queueUrl?: string;
  readonly configDir: string;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  readonly publicBaseUrl?: string;
  readonly fetchTimeoutMs: number;
  readonly fetchMaxBytes: number;
  readonly articleRetentionDays: number;
}

/** Pure: reads only the object it is given, and names every bad key at once. */
export function loadSettings(env: Readonly<Record<string, string | undefined>>): Result<Settings, string[]> {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) return err(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const s = parsed.data;
  return ok({
    tableName: s.TABLE_NAME,
    queueUrl: s.QUEUE_URL,
    configDir: s.CONFIG_DIR,
    logLevel: s.LOG_LEVEL,
    publicBaseUrl: s.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    fetchTimeoutMs: s.FETCH_TIMEOUT_MS,
    fetchMaxBytes: s.FETCH_MAX_BYTES,
    articleRetentionDays: s.ARTICLE_RETENTION_DAYS,
  });
}
