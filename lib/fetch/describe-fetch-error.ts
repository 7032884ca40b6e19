import { assertNever } from '../result.ts';
import type { FetchError } from './fetch-error.ts';

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * One line for a source's health page: what went wrong, in words an operator acts on, with the detail that matters
 * (address, status, wait). Never more than one line, whatever a server put in a header.
 */
export function describeFetchError(error: FetchError): string {
  return collapse(describe(error)).slice(0, 300);
}

function describe(error: FetchError): string {
  switch (error.kind) {
    case 'invalid-url':
      return `Invalid feed URL: ${error.message}`;
    case 'blocked-address':
      return `Refused: ${error.url} points to a ${error.addressClass} address (${error.address})`;
    case 'timeout':
      return `Timed out after ${error.timeoutMs / 1000} s: ${error.message}`;
    case 'too-large':
      return `Too large: over ${(error.maxBytes / 1024 / 1024).toFixed(1)} MiB after decompression`;
    case 'too-many-redirects':
      return `Too many redirects (more than ${error.maxRedirects})`;
    case 'redirect-loop':
      return `Redirect loop: ${error.message}`;
    case 'bad-redirect':
      return `Broken redirect: ${error.message}`;
    case 'rate-limited':
      return error.retryAfterS === undefined
        ? `Rate limited (HTTP ${error.status})`
        : `Rate limited (HTTP ${error.status}); server asks to wait ${error.retryAfterS} s`;
    case 'gone':
      return 'Gone (HTTP 410): the publisher removed this feed; polling disabled';
    case 'http-status':
      return `HTTP ${error.status} from ${error.url}`;
    case 'truncated':
      return `Connection dropped mid-body: ${error.message}`;
    case 'decode':
      return `Could not decode the body: ${error.message}`;
    case 'not-a-feed':
      return error.discoveredFeedUrls.length
        ? `Got a web page, not a feed; it links to ${error.discoveredFeedUrls[0]}`
        : 'Got a web page, not a feed';
    case 'network':
      return `Network error${error.code ? ` (${error.code})` : ''}: ${error.message}`;
    default:
      return assertNever(error, 'fetch error');
  }
}
