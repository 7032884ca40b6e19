import type { PreparedResponse } from './prepared-response.ts';

/**
 * A small per-instance cache of rendered responses. Feed readers poll the same few URLs over and over; without
 * it every poll would be a Query plus a render. Entries live `ttlMs` (well under the 300 s we tell clients), so
 * new items appear within seconds, and concurrent misses for one URL share a single load (no stampede).
 * The clock only decides when to reload; the response bytes never depend on it.
 */
export interface ResponseCache {
  get(key: string, load: () => Promise<PreparedResponse>): Promise<PreparedResponse>;
}

export function createResponseCache(options: {
  ttlMs: number;
  maxEntries?: number;
  nowMs?: () => number;
}): ResponseCache {
  const maxEntries = options.maxEntries ?? 256;
  const nowMs = options.nowMs ?? Date.now;
  const entries = new Map<string, { expiresAtMs: number; value: Promise<PreparedResponse> }>();
  return {
    get(key, load) {
      const now = nowMs();
      const hit = entries.get(key);
      if (hit && hit.expiresAtMs > now) return hit.value;
      entries.delete(key);
      const value = load();
      entries.set(key, { expiresAtMs: now + options.ttlMs, value });
      // A failed load (e.g. a throttled table) is not remembered: the next request tries again.
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      // Map keeps insertion order: the oldest entry goes first when the cache is full.
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return value;
    },
  };
}
