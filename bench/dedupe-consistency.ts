/**
 * The CLI and ingest run one decision: every labeled pair is also stored `a` then `b` through the real article
 * path (storeEntry on dynalite, one empty table per pair) and the two answers are compared.
 */
import type { ItemPair } from '../lib/dedupe/pair-file.ts';
import type { PairsRun } from '../lib/dedupe/run-pairs.ts';
import { dynaliteBackend } from '../tests/integration/dedupe/store-backend.ts';
import { storePair } from '../tests/integration/dedupe/store-pair.ts';

export async function storeConsistency(pairs: readonly ItemPair[], run: PairsRun, limit = pairs.length) {
  const running = await dynaliteBackend.start();
  const started = Date.now();
  try {
    const checked = pairs.slice(0, limit);
    const dbs = await Promise.all(checked.map((_, index) => running.createTable(`consistency-${index}`)));
    const disagreements: string[] = [];
    for (const [index, pair] of checked.entries()) {
      const folded = await storePair(dbs[index]!, pair);
      if (folded !== run.decisionLines[index]?.duplicate) disagreements.push(pair.pairId);
    }
    return {
      pairsChecked: checked.length,
      agree: checked.length - disagreements.length,
      disagreements,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await running.close();
  }
}
