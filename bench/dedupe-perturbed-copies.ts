/**
 * The development pairs are small and their copies mostly share a headline or a whole lede, so every key scheme
 * finds them. Unseen copies differ more. Each real summary of ≥ 25 words (dev pair items + topic dev items) gets a
 * copy — a dateline added, an opening clause added, cut after 20 words, one or three words edited — under a
 * reworded headline (same content words in another order: the decision may fold it, but only a lede key can find
 * it). We count how often the lookup finds the original from the copy, and how often a race between the two creators
 * is settled: when the two share a written key, the second to join that register learns of the first. `decisionFolds` is the share the decision itself folds, the ceiling for the lookup.
 */
import { decideFold } from '../lib/dedupe/decide-fold.ts';
import { type DedupeItem, prepareItem } from '../lib/dedupe/dedupe-item.ts';
import { plainTextOf } from '../lib/dedupe/text.ts';
import type { KeyScheme } from './dedupe-key-schemes.ts';

const copies: Record<string, (summary: string) => string> = {
  datelineAdded: (summary) => `HANOI, Vietnam (AP) — ${summary}`,
  openingAdded: (summary) => `In a statement released on Tuesday, officials said ${summary}`,
  cutTo20Words: (summary) => summary.split(' ').slice(0, 20).join(' '),
  oneWordEdited: (summary) => editWords(summary, [6]),
  threeWordsEdited: (summary) => editWords(summary, [3, 9, 15]),
};

function editWords(summary: string, positions: readonly number[]): string {
  const words = summary.split(' ');
  // Each edit writes another word in its place (the word reversed): one fixed token would rank alike everywhere.
  for (const position of positions) words[position] = `${[...(words[position] ?? '')].reverse().join('')}x`;
  return words.join(' ');
}

export function perturbedCopies(items: readonly DedupeItem[], schemes: readonly KeyScheme[]) {
  const originals = items
    .map((item) => plainTextOf(item.summary))
    .filter((summary) => summary.split(' ').length >= 25)
    .map((summary) => ({
      title: 'Officials respond to the report on the port',
      summary,
      publishedAt: '2024-05-01T08:00:00Z',
    }));
  const figures = Object.entries(copies).map(([copy, edit]) => {
    const pairs = originals.map((original) => ({
      original: prepareItem(original),
      copy: prepareItem({
        title: 'Port officials respond to report',
        summary: edit(original.summary),
        publishedAt: '2024-05-01T10:00:00Z',
      }),
    }));
    const share = (count: number) => Math.round((count / pairs.length) * 100) / 100;
    const decisionFolds = share(pairs.filter(({ original, copy }) => decideFold(original, copy).duplicate).length);
    const bySchemes = schemes.map((scheme) => {
      const finds = (stored: ReturnType<typeof prepareItem>, arriving: ReturnType<typeof prepareItem>) => {
        const written = new Set(scheme.written(stored));
        return scheme.probed(arriving).some((key) => written.has(key));
      };
      const shareWrittenKey = (a: ReturnType<typeof prepareItem>, b: ReturnType<typeof prepareItem>) => {
        const written = new Set(scheme.written(a));
        return scheme.written(b).some((key) => written.has(key));
      };
      const forward = pairs.filter(({ original, copy }) => finds(original, copy));
      const raceSettled = forward.filter(({ original, copy }) => shareWrittenKey(original, copy));
      return {
        scheme: scheme.name,
        copyFindsOriginal: share(forward.length),
        raceSettled: share(raceSettled.length),
      };
    });
    return { copy, decisionFolds, schemes: bySchemes };
  });
  return { items: originals.length, copies: figures };
}
