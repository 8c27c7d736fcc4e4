// A worker thread of the read pool (./pool.ts): reads and normalises the files it is sent, one at a
// time, and posts each Register back. A bug is posted as an error, never swallowed.
import { parentPort, workerData } from 'node:worker_threads';
import { UnitResolver } from './normalise/unit.js';
import { readRegister, type ReadJob, type ReadSetup } from './read-pool.js';

const setup = workerData as ReadSetup;
const resolver = setup.tree ? new UnitResolver(setup.tree) : null;
let chain: Promise<void> = Promise.resolve();

parentPort?.on('message', (msg: { index: number; job: ReadJob }) => {
  // Serially: a large sheet is read in chunks (awaits), and the next file must wait for it.
  chain = chain.then(async () => {
    try {
      const outcome = await readRegister(msg.job, setup, resolver);
      parentPort!.postMessage({ index: msg.index, outcome });
    } catch (e) {
      parentPort!.postMessage({ index: msg.index, error: (e as Error)?.stack ?? String(e) });
    }
  });
});
