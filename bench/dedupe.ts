/**
 * `npm run bench:dedupe`: the folding on the labeled development pairs in ../shared/dedupe (read in place, never
 * copied), beside the two reference methods computed in the same run, a cross-validated estimate, throughput, and
 * the store reads of the candidate lookup. Prints one JSON document.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decideFold } from '../lib/dedupe/decide-fold.ts';
import { prepareItem } from '../lib/dedupe/dedupe-item.ts';
import { defaultFoldThresholds } from '../lib/dedupe/fold-thresholds.ts';
import { runPairs } from '../lib/dedupe/run-pairs.ts';
import { scoreByKind, scorePairs } from '../lib/dedupe/score-pairs.ts';
import { candidateLookupCost, lookupFoldsFoundInStore } from './dedupe-candidates.ts';
import { storeConsistency } from './dedupe-consistency.ts';
import { crossValidate } from './dedupe-cross-validation.ts';
import { asymmetricScheme, compareKeySchemes, legacyScheme, type SchemeItem } from './dedupe-key-schemes.ts';
import { perturbedCopies } from './dedupe-perturbed-copies.ts';
import { jaccardDuplicate, titleExactDuplicate } from './dedupe-references.ts';

const shared = path.resolve(process.cwd(), '../shared');
const pairsFile = path.join(shared, 'dedupe/pairs-dev.jsonl');

if (!existsSync(pairsFile)) {
  console.log(
    JSON.stringify({ skipped: `${pairsFile} not found: the labeled pairs live in ../shared beside the repo` }),
  );
  process.exit(0);
}

const text = readFileSync(pairsFile, 'utf8');
const run = runPairs(text, { labels: true });
const pairs = (await import('../lib/dedupe/pair-file.ts')).parsePairFile(text).pairs;
const labeled = pairs.filter((pair) => pair.label !== undefined);

const reference = (decide: (pair: (typeof labeled)[number]) => boolean) => {
  const scored = labeled.map((pair) => ({
    pairId: pair.pairId,
    label: pair.label === true,
    duplicate: decide(pair),
    ...(pair.kind ? { kind: pair.kind } : {}),
  }));
  return { overall: scorePairs(scored), byKind: scoreByKind(scored) };
};
const titleExact = reference(titleExactDuplicate);
const jaccard = reference((pair) => jaccardDuplicate(pair, 0.6));

// Throughput: prepare + decide, as ingest does per candidate, repeated to smooth out timer noise.
const rounds = 20;
const started = process.hrtime.bigint();
for (let round = 0; round < rounds; round++) {
  for (const pair of pairs) decideFold(prepareItem(pair.stored), prepareItem(pair.arriving));
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const topicItems = readTopicItems();
const candidateItems: SchemeItem[] = [
  ...pairs.flatMap((pair) => [
    { id: `${pair.pairId}a`, group: pair.pairId, source: 'dev-pairs' as const, item: pair.stored },
    { id: `${pair.pairId}b`, group: pair.pairId, source: 'dev-pairs' as const, item: pair.arriving },
  ]),
  ...topicItems,
];

const ours = run.report!.overall;
const ratio = (value: number, base: number) => (base === 0 ? null : Math.round((value / base) * 100) / 100);
console.log(
  JSON.stringify(
    {
      pairsFile: '../shared/dedupe/pairs-dev.jsonl',
      pairs: labeled.length,
      thresholds: defaultFoldThresholds,
      wirefold: { overall: ours, byKind: run.report!.byKind },
      references: {
        titleExact: titleExact.overall,
        jaccardAtLeast0_6: jaccard.overall,
        byKind: { titleExact: titleExact.byKind, jaccardAtLeast0_6: jaccard.byKind },
      },
      ratios: {
        precisionVsJaccard: ratio(ours.precision, jaccard.overall.precision),
        recallVsJaccard: ratio(ours.recall, jaccard.overall.recall),
        f1VsJaccard: ratio(ours.f1, jaccard.overall.f1),
        f1VsTitleExact: ratio(ours.f1, titleExact.overall.f1),
      },
      crossValidation: crossValidate(labeled),
      wrongPairs: run.report!.wrong.map((wrong) => ({
        pair_id: wrong.pair_id,
        kind: wrong.kind,
        rule: wrong.why.rule,
      })),
      throughput: { pairsPerSecond: Math.round((pairs.length * rounds) / seconds) },
      nearDupKeySchemes: compareKeySchemes(pairs, candidateItems),
      nearDupPerturbedCopies: perturbedCopies(
        candidateItems.map(({ item }) => item),
        [
          legacyScheme,
          asymmetricScheme('after (in use)'),
          asymmetricScheme('one lede probe, same window', { ledeProbes: 1, probedLedeWords: 20 }),
          asymmetricScheme('4-word shingles', { shingleWords: 4 }),
          asymmetricScheme('2 lede shingles written', { writtenLedeKeys: 2 }),
        ],
      ),
      cliAgreesWithStore: await storeConsistency(pairs, run),
      candidateLookup: await candidateLookupCost(candidateItems),
      lookupFoldsFoundInStore: await lookupFoldsFoundInStore(pairs, candidateItems),
    },
    null,
    2,
  ),
);

function readTopicItems() {
  const file = path.join(shared, 'topics/china-sea-tech/dev.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line, index) => {
      const item = JSON.parse(line) as {
        id: string;
        title: string;
        summary?: string;
        link?: string;
        published?: string;
      };
      return {
        id: item.id,
        group: `topic${index}`,
        source: 'topic-dev' as const,
        item: {
          title: item.title,
          ...(item.summary ? { summary: item.summary } : {}),
          ...(item.link ? { url: item.link } : {}),
          ...(item.published ? { publishedAt: item.published } : {}),
        },
      };
    });
}
