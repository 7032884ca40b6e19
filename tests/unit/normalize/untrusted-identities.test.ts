import { describe, expect, it } from 'vitest';
import { untrustedIdentitiesOf } from '../../../lib/normalize/untrusted-identities.ts';

describe('untrustedIdentitiesOf', () => {
  it.each([
    {
      name: 'every entry shares one guid',
      entries: [
        { guid: 'same', url: 'https://a/1', title: 'One' },
        { guid: 'same', url: 'https://a/2', title: 'Two' },
      ],
      guids: ['same'],
      links: [],
    },
    {
      name: 'a repeated guid on the same story is fine (feeds repeat items)',
      entries: [
        { guid: 'g', url: 'https://a/1', title: 'One' },
        { guid: 'g', url: 'https://a/1', title: 'One' },
      ],
      guids: [],
      links: [],
    },
    {
      name: 'a guid equal to the home page while the entry links elsewhere',
      entries: [{ guid: 'https://a/', url: 'https://a/story', title: 'Story' }],
      feedLink: 'https://a/',
      guids: ['https://a/'],
      links: [],
    },
    {
      name: 'entries without guid share a link with different titles',
      entries: [
        { url: 'https://a/', title: 'One' },
        { url: 'https://a/', title: 'Two' },
        { url: 'https://a/3', title: 'Three' },
      ],
      guids: [],
      links: ['https://a/'],
    },
    {
      name: 'a shared link does not matter when the guids are trustworthy',
      entries: [
        { guid: '1', url: 'https://a/', title: 'One' },
        { guid: '2', url: 'https://a/', title: 'Two' },
      ],
      guids: [],
      links: [],
    },
  ])('$name', ({ entries, feedLink, guids, links }) => {
    const found = untrustedIdentitiesOf(entries, feedLink);
    expect([...found.guids]).toEqual(guids);
    expect([...found.links]).toEqual(links);
  });
});
