import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini is full zod's validation at a few KB instead of ~450 KB in every Lambda bundle, as long as its members
 * are imported by name (a namespace object defeats tree shaking). It ships without message texts, so only the
 * English locale is loaded, once, for config errors a person can read.
 */
config(en());

export {
  _default,
  array,
  coerce,
  enum as enumOf,
  gte,
  int,
  lte,
  maxLength,
  minLength,
  object,
  optional,
  regex,
  strictObject,
  string,
  url,
} from 'zod/mini';
