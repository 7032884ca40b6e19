import type { Person } from './parsed-feed-detail.ts';

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * RSS authors are free text: `jo@example.com (Jo Doe)`, `Jo Doe (jo@example.com)`, `Jo Doe <jo@example.com>`, or
 * just a name or an address. Split them into name and email so every format yields the same person shape.
 */
export function personFromText(raw: string | undefined): Person | undefined {
  const text = raw?.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const email = EMAIL.exec(text)?.[0];
  if (!email) return { name: text };
  const rest = text
    .replace(email, '')
    .replace(/mailto:/i, '')
    .replace(/[()<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return rest ? { name: rest, email } : { email };
}

/** One display string per person, the form `ParsedEntry.authors` carries. */
export function personLabel(person: Person): string | undefined {
  return person.name ?? person.email ?? person.uri;
}
