import { dynaliteBackend } from './store-backend.ts';
import { describeRaceSuite } from './suites/race-suite.ts';

describeRaceSuite(dynaliteBackend);
