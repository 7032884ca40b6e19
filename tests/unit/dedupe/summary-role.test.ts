import { describe, expect, it } from 'vitest';
import { decideFold } from '../../../lib/dedupe/decide-fold.ts';
import { type DedupeItem, prepareItem } from '../../../lib/dedupe/dedupe-item.ts';
import { foldAsIngest } from '../../../lib/dedupe/fold-as-ingest.ts';
import { uninformativeSummaryOf } from '../../../lib/dedupe/summary-role.ts';

// Team-written items in the shape of the hard kinds: a wire carrier whose summary is a photo caption, a feed that
// repeats the headline as its summary, an aggregator quip in place of the lede.
const headline = 'Harbour crane collapse halts container traffic at Port Kelang for a second day';
const lede =
  'Container traffic at Port Kelang stayed halted on Tuesday after a harbour crane collapsed onto a berth, the port authority said, leaving dozens of ships waiting offshore.';

const item = (summary: string, extra: Partial<DedupeItem> = {}): DedupeItem => ({
  title: headline,
  summary,
  url: 'https://wire.example/world/harbour-crane-collapse-port-kelang',
  publishedAt: '2026-03-02T08:00:00Z',
  ...extra,
});

describe('uninformativeSummaryOf', () => {
  it.each([
    [
      'photo-caption',
      'Workers stand beside a damaged crane at a berth in Klang, Malaysia, on March 1, 2026. (Ahmad Rizal/AFP via Getty Images)',
    ],
    ['photo-caption', 'An aerial view of the container terminal at dusk. (Shutterstock)'],
    ['photo-caption', 'Ships wait offshore near the port on Monday. (Port Authority via AP)'],
    ['headline-repeat', headline],
    ['unrelated-blurb', 'Somebody forgot to check the bolts, apparently.'],
    // A standfirst sharing no headline word still names something: it is a lede, not a quip.
    [undefined, 'Satellite images show the Westport berth will be closed until Friday'],
    [undefined, lede],
    [undefined, 'Port Kelang traffic stays halted.'],
    [undefined, 'The report (published on Monday) names the contractor who serviced the crane.'],
    // Longer than a quip: a real lede may name nothing the headline names, so it is still compared.
    [undefined, 'The report published on Monday names the contractor responsible for maintenance of the berth.'],
    [undefined, ''],
  ])('%s: %s', (role, summary) => {
    expect(uninformativeSummaryOf(prepareItem(item(summary)))).toBe(role);
  });
});

describe('a same-headline pair whose summary cannot vouch either way', () => {
  const stored = item(lede);
  const caption = item(
    'Workers stand beside a damaged crane at a berth in Klang, Malaysia, on March 1, 2026. (Ahmad Rizal/AFP via Getty Images)',
    { url: 'https://carrier.example/world/harbour-crane-collapse-halts-container-traffic_5512345.html' },
  );

  it('folds on the headline when the other summary is a photo caption, and says why', () => {
    const decision = foldAsIngest(stored, { ...caption, publishedAt: '2026-03-02T19:00:00Z' });
    expect(decision.duplicate).toBe(true);
    expect(decision.why.rule).toBe('same-title-no-summary');
    expect(decision.why.signals.summaryRoles).toEqual([undefined, 'photo-caption']);
  });

  it('still keeps them apart beyond the title-alone window', () => {
    const late = { ...caption, publishedAt: '2026-03-06T07:00:00Z' };
    expect(decideFold(stored, late).why.rule).toBe('title-alone-not-enough');
  });

  it('still keeps two real, different summaries under one headline apart', () => {
    const ownReport = item(
      'Dockworkers at the terminal said they had warned managers about the crane for weeks before it gave way, according to interviews conducted by our reporter.',
      { url: 'https://other.example/news/harbour-crane-collapse-port-kelang-workers' },
    );
    const decision = decideFold(stored, ownReport);
    expect(decision.duplicate).toBe(false);
    expect(decision.why.rule).toBe('summaries-differ');
  });

  it('still needs a specific headline: a short one does not fold on a caption', () => {
    const short = (summary: string, url: string) => ({ ...item(summary, { url }), title: 'Crane collapses' });
    const decision = decideFold(
      short(lede, 'https://a.example/crane-collapses-at-port'),
      short('A crane lies on its side. (Ahmad Rizal/AFP via Getty Images)', 'https://b.example/crane-collapses-x'),
    );
    expect(decision.duplicate).toBe(false);
  });
});
