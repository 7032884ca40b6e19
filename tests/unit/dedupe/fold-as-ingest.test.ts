import { describe, expect, it } from 'vitest';
import { decideFold } from '../../../lib/dedupe/decide-fold.ts';
import { foldAsIngest } from '../../../lib/dedupe/fold-as-ingest.ts';

const at = (hour: number) => `2024-05-01T${String(hour).padStart(2, '0')}:00:00Z`;

describe('foldAsIngest: the decision as ingest applies it', () => {
  it('folds only what the lookup can find: same link or a shared band key', () => {
    const stored = {
      title: 'Relief convoy reaches flooded valley',
      summary: 'Trucks carrying food and medicine reached the valley on Wednesday after the road reopened.',
      url: 'https://news.example/1234567/relief-convoy-reaches-flooded-valley',
      publishedAt: at(8),
    };
    // Same slug on the same site (the decision's link rule) but another article number, other words: no key shared.
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
});
