import { z } from 'zod';
import { err, ok, type Result } from '../result.ts';

const settingsSchema = z.object({
  TABLE_NAME: z.string().min(3).max(255).default('wirefold'),
  QUEUE_URL: z.string().url().optional(),
  CONFIG_DIR: z.string().min(1).default('config'),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
  PUBLIC_BASE_URL: z.string().url().optional(),
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(30_000),
  FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  ARTICLE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
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
