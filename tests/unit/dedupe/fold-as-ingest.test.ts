import { describe, expect, it } from 'vitest';
import { decideFold } from '../../../lib/dedupe/decide-fold.ts';
import { foldAsIngest } from '../../../lib/dedupe/fold-as-ingest.ts';
import { nearDupKeyString, probedNearDupKeysOf, writtenNearDupKeysOf } from '../../../lib/dedupe/near-dup-keys.ts';

const at = (hour: number) => `2024-05-01T${String(hour).padStart(2, '0')}:00:00Z`;

describe('foldAsIngest: the decision as ingest applies it', () => {
  it('folds only what the lookup can find: same link or a probe hitting a written key', () => {
    const stored = {
      title: 'Aid trucks get through to the valley',
      summary: 'Trucks carrying food and medicine reached the valley on Wednesday after the road reopened.',
      url: 'https://news.example/1234567/relief-convoy-reaches-flooded-valley',
      publishedAt: at(8),
    };
    // Same slug on the same site (the decision's link rule) but another article number, other words, and a slug
    // that is not the stored headline: no probe hits a written key.
    const arriving = {
      title: 'Aid finally arrives',
      summary: 'Villagers cheered as the first lorries rolled in, bringing rice, water and medical supplies.',
      url: 'https://news.example/7654321/relief-convoy-reaches-flooded-valley',
      publishedAt: at(9),
    };
    expect(decideFold(stored, arriving).why.rule).toBe('same-article-link');
    const asIngest = foldAsIngest(stored, arriving);
    expect(asIngest.duplicate).toBe(false);
    expect(asIngest.why.rule).toBe('not-a-candidate');
    expect(asIngest.why.candidate).toEqual({ via: 'none', sharedKeys: [] });
  });

  it.each([
    ['own article', 'https://www.news.example/a/b-c-d-e?utm_source=x', 'own-article'],
    ['band keys', 'https://other.example/x', 'band-keys'],
  ])('reports how the stored item is found (%s)', (_case, arrivingUrl, via) => {
    const item = {
      title: 'Council approves new tram line to the university',
      summary: 'The council voted 31 to 12 to build a tram line linking the old town with the university campus.',
      url: 'https://news.example/a/b-c-d-e',
      publishedAt: at(8),
    };
    const decision = foldAsIngest(item, { ...item, url: arrivingUrl, publishedAt: at(10) });
    expect(decision.duplicate).toBe(true);
    expect(decision.why.candidate.via).toBe(via);
  });

  it.each([
    [
      'an update re-posted under a new headline and no summary, found through its slug',
      {
        title: 'City council approves new tram line',
        url: 'https://citynews.example/local/city-council-approves-new-tram-line',
      },
      {
        title: 'Tram line gets the go-ahead',
        url: 'https://edition.citynews.example/local/city-council-approves-new-tram-line',
      },
      'same-article-link',
    ],
    [
      'a toll update at the same article number, found through the headline with numbers masked',
      { title: '7 dead after storm hits the coast', url: 'https://wire.example/story?id=97432728' },
      { title: '12 dead after storm hits the coast', url: 'https://wire.example/story?id=97432728&v=2' },
      'same-article-link',
    ],
  ])('finds %s', (_case, stored, arriving, rule) => {
    const decision = foldAsIngest({ ...stored, publishedAt: at(8) }, { ...arriving, publishedAt: at(10) });
    expect(decision.why.rule).toBe(rule);
    expect(decision.duplicate).toBe(true);
    expect(decision.why.candidate.via).toBe('band-keys');
    expect(decision.why.candidate.sharedKeys).toEqual([expect.stringMatching(/^t#/)]);
  });

  it('without the slug probe and the number mask those copies share no key (what they add)', () => {
    const storedKeys = (title: string) => writtenNearDupKeysOf({ title }).map(nearDupKeyString);
    const probes = probedNearDupKeysOf(
      {
        title: 'Tram line gets the go-ahead',
        url: 'https://citynews.example/local/city-council-approves-new-tram-line',
      },
      { slugProbe: false },
    ).map(nearDupKeyString);
    expect(probes.filter((key) => storedKeys('City council approves new tram line').includes(key))).toEqual([]);
    const unmasked = (title: string) => writtenNearDupKeysOf({ title }, { maskHeadlineNumbers: false });
    expect(unmasked('7 dead after storm')).not.toEqual(unmasked('12 dead after storm'));
    expect(storedKeys('7 dead after storm')).toEqual(storedKeys('12 dead after storm'));
  });
});
