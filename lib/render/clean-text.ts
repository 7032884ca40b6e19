import { cleanLine, cleanText } from '../normalize/clean-text.ts';

// One set of text rules for what comes in and what goes out (see lib/normalize/clean-text.ts).
export { cleanLine, cleanText };

/** BCP 47-shaped language tags only; anything else is dropped rather than emitted as an invalid attribute. */
export function cleanLanguage(language: string | undefined): string | undefined {
  if (!language) return undefined;
  const tag = language.trim();
  return /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : undefined;
}
