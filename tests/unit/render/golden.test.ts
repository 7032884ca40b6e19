import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS, type OutputFormat } from '../../../lib/model.ts';
import { renderFeed } from '../../../lib/render/registry.ts';
import { sampleView } from '../../fixtures/render/sample-view.ts';

// Golden files are reviewed by hand; regenerate with UPDATE_GOLDEN=1 after an intended change and read the diff.
const goldenDir = resolve(process.cwd(), 'tests/fixtures/render/golden');
const extension = { rss: 'rss', atom: 'atom', json: 'json' } as const;

// Each format's self and next links point at that format, as they do when served.
const viewFor = (format: OutputFormat) => ({
  ...sampleView,
  selfUrl: sampleView.selfUrl.replace(/\.rss$/, `.${format}`),
  nextUrl: sampleView.nextUrl?.replace('.rss?', `.${format}?`),
});

describe('renderers match their golden files', () => {
  it.each(OUTPUT_FORMATS)('%s', (format) => {
    const file = resolve(goldenDir, `sample.${extension[format]}`);
    const rendered = renderFeed(format, viewFor(format));
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(file, rendered);
    }
    expect(rendered).toBe(readFileSync(file, 'utf8'));
  });

  it.each(OUTPUT_FORMATS)('%s is byte-stable and does not depend on the clock', (format) => {
    const first = renderFeed(format, sampleView);
    const later = renderFeed(format, structuredClone(sampleView));
    expect(later).toBe(first);
    expect(first).not.toContain(new Date().toISOString().slice(0, 10));
  });
});
