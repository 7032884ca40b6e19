import { buildFarmModel, type FaultMix } from './farm-model.ts';
import { startFarmServer } from './farm-server.ts';

/**
 * The farm in its own process, so the bench's RSS and CPU figures are the ingest's alone. Reads the model options
 * as JSON from argv, prints `{"origin": …}` once listening, and exits when its parent closes stdin.
 */
const options = JSON.parse(process.argv[2] ?? '{}') as {
  seed: number;
  feeds: number;
  rounds: number;
  faults: FaultMix;
  baseTime: string;
  hugeBytes: number;
  firstRoundItems?: [number, number];
};
const farm = await startFarmServer(buildFarmModel(options), { hugeBytes: options.hugeBytes });
process.stdout.write(`${JSON.stringify({ origin: farm.origin })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void farm.close().then(() => process.exit(0));
});
