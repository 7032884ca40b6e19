// Runs one fetchFeed in a child process, so the test can trust a throwaway CA via NODE_EXTRA_CA_CERTS
// (Node reads that variable only at startup). Prints the Result as JSON.
import { fetchFeed } from '../../../lib/fetch/fetch-feed.ts';

const [url = '', allow = ''] = process.argv.slice(2);
const result = await fetchFeed({ url }, { timeoutMs: 5000, allowPrivateHosts: allow ? allow.split(',') : [] });
process.stdout.write(JSON.stringify(result));
