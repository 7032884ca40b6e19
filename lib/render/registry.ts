import type { FeedView, OutputFormat } from '../model.ts';
import { renderAtom } from './render-atom.ts';
import { renderJsonFeed } from './render-json-feed.ts';
import { renderRss } from './render-rss.ts';

/**
 * The one place that maps an output format to its renderer and media type. Adding a format is one file plus one
 * line here; `satisfies Record<OutputFormat, …>` makes the compiler demand that line.
 */

export interface Renderer {
  readonly render: (view: FeedView) => string;
  /** Exact Content-Type, charset included (readers and check-feed compare it literally). */
  readonly contentType: string;
}

export const RENDERERS = {
  rss: { render: renderRss, contentType: 'application/rss+xml; charset=utf-8' },
  atom: { render: renderAtom, contentType: 'application/atom+xml; charset=utf-8' },
  json: { render: renderJsonFeed, contentType: 'application/feed+json; charset=utf-8' },
} as const satisfies Record<OutputFormat, Renderer>;

export function renderFeed(format: OutputFormat, view: FeedView): string {
  return RENDERERS[format].render(view);
}

export const contentTypeOf = (format: OutputFormat): string => RENDERERS[format].contentType;
