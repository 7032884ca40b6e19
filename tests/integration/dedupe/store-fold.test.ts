import { dynaliteBackend } from './store-backend.ts';
import { describeFoldSuite } from './suites/fold-suite.ts';

describeFoldSuite(dynaliteBackend);
