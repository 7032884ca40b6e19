import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedAggregator } from '../../infra/feed-aggregator.ts';
import { ConfigurationError } from '../../lambdas/runtime.ts';
import { loadConfigFiles } from '../../local/config-files.ts';

/**
 * A malformed feeds.opml or topics.yaml must stop the Lambda at start-up (`loadConfigFiles` throws a
 * ConfigurationError naming file:line) and `cdk synth` (building the app fails), with nothing half-applied: no
 * partial list of feeds or topics is ever returned.
 */
const GOOD_OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>t</title></head><body>
  <outline type="rss" text="Wire" xmlUrl="https://wire.example.org/rss.xml"/>
</body></opml>
`;
const GOOD_TOPICS = `- slug: chips
  title: Chips
  description: d
  query: semiconductor* OR chipmaker
`;
const yamlAliasBomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({ length: 8 }, (_, i) => {
    const prev = String.fromCharCode(97 + i);
    const next = String.fromCharCode(98 + i);
    return `${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`;
  }),
].join('\n');

/** [name, feeds.opml, topics.yaml, the file and line the message must name (`:\\d` = any line)] */
const CASES: readonly [string, string, string, string][] = [
  ['OPML not well-formed', GOOD_OPML.replace('</body>', ''), GOOD_TOPICS, 'feeds.opml:\\d'],
  [
    'OPML with a DTD (entity expansion)',
    GOOD_OPML.replace('<opml', '<!DOCTYPE opml [<!ENTITY x "y">]>\n<opml'),
    GOOD_TOPICS,
    'feeds.opml:2',
  ],
  [
    'OPML feed with a javascript: URL',
    GOOD_OPML.replace('https://wire.example.org/rss.xml', 'javascript:alert(1)'),
    GOOD_TOPICS,
    'feeds.opml:3',
  ],
  [
    'OPML feed with a file: URL',
    GOOD_OPML.replace('https://wire.example.org/rss.xml', 'file:///etc/passwd'),
    GOOD_TOPICS,
    'feeds.opml:3',
  ],
  ['topics: invalid YAML', GOOD_OPML, `${GOOD_TOPICS}- slug: "unclosed\n  title: x\n`, 'topics.yaml:\\d'],
  ['topics: duplicate slug', GOOD_OPML, `${GOOD_TOPICS}${GOOD_TOPICS}`, 'topics.yaml:5'],
  ['topics: unknown key', GOOD_OPML, `${GOOD_TOPICS}  colour: red\n`, 'topics.yaml:\\d'],
  [
    'topics: slug with path traversal',
    GOOD_OPML,
    GOOD_TOPICS.replace('slug: chips', 'slug: ../../etc'),
    'topics.yaml:1',
  ],
  ['topics: YAML alias bomb', GOOD_OPML, yamlAliasBomb, 'topics.yaml:\\d'],
  [
    'topics: query syntax error',
    GOOD_OPML,
    GOOD_TOPICS.replace('semiconductor* OR chipmaker', '(china AND'),
    'topics.yaml:4',
  ],
  [
    'topics: query over the term limit',
    GOOD_OPML,
    GOOD_TOPICS.replace('semiconductor* OR chipmaker', Array.from({ length: 500 }, (_, i) => `w${i}`).join(' OR ')),
    'topics.yaml:4',
  ],
  ['topics: not a list', GOOD_OPML, 'slug: chips\ntitle: x\n', 'topics.yaml:1'],
];

const dirs: string[] = [];
function configDir(opml: string, topics: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirefold-config-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'feeds.opml'), opml);
  writeFileSync(join(dir, 'topics.yaml'), topics);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  console.info(`config rejection tried: ${CASES.map(([name]) => name).join('; ')}`);
});

describe('the good configuration loads (so the failures below are about the defects)', () => {
  it('start-up', () => {
    const loaded = loadConfigFiles(configDir(GOOD_OPML, GOOD_TOPICS));
    expect(loaded.sources).toHaveLength(1);
    expect(loaded.topics.map((t) => t.slug)).toEqual(['chips']);
  });
});

describe('malformed configuration is rejected at start-up with file:line', () => {
  it.each(CASES)('%s', (_name, opml, topics, where) => {
    const dir = configDir(opml, topics);
    let loaded: unknown;
    let error: unknown;
    try {
      loaded = loadConfigFiles(dir);
    } catch (caught) {
      error = caught;
    }
    expect(loaded, 'nothing half-applied: no partial config is returned').toBeUndefined();
    expect(error).toBeInstanceOf(ConfigurationError);
    const escaped = join(dir, '/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect((error as Error).message).toMatch(new RegExp(`${escaped}${where.replaceAll('.', '\\.')}`));
  });

  it('a missing file names the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefold-config-'));
    dirs.push(dir);
    expect(() => loadConfigFiles(dir)).toThrow(/feeds\.opml: cannot read/);
  });
});

describe('malformed configuration fails the CDK app at synth', () => {
  it.each(CASES)(
    '%s',
    (_name, opml, topics, where) => {
      const dir = configDir(opml, topics);
      const app = new App({
        outdir: mkdtempSync(join(tmpdir(), 'wirefold-cdk-')),
        context: { 'aws:cdk:bundling-stacks': [] },
      });
      dirs.push(app.outdir);
      const stack = new Stack(app, 'ConfigTest', { env: { account: '123456789012', region: 'eu-west-1' } });
      const build = () =>
        new FeedAggregator(stack, 'Aggregator', {
          feedsFile: join(dir, 'feeds.opml'),
          topicsFile: join(dir, 'topics.yaml'),
        });
      expect(build).toThrow(where.split(':')[0]!);
    },
    30_000,
  );
});
