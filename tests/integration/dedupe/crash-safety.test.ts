import { dynaliteBackend } from './store-backend.ts';
import { describeCrashSuite } from './suites/crash-suite.ts';

describeCrashSuite(dynaliteBackend);
