/**
 * `judgeRegression` on a worker thread. The judgement is pure but CPU-bound (10,000 paired
 * resamples per metric, capability and slice: about half a second for the example suite); on the
 * activity's thread it would stall the event loop, and with it every other gate's evaluation running
 * beside it in the same worker (gates 3–5 run in parallel). Same inputs, same result, only elsewhere.
 *
 * Compiled (dist/) the thread runs the .js file; from TypeScript sources (tests, `tsx`) it runs the
 * .ts file through tsx, a devDependency.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RegressionJudgement } from '../gates/regression-summary';
import type { RegressionMeasurements } from '../eval/regression/measurements';
import type { RegressionPolicy } from '../policy/sections/regression';

function workerFile(): { file: string; execArgv: string[] } {
  const js = join(__dirname, 'regression-judge-worker.js');
  if (__filename.endsWith('.js') && existsSync(js)) return { file: js, execArgv: [] };
  return { file: join(__dirname, 'regression-judge-worker.ts'), execArgv: ['--require', 'tsx/cjs'] };
}

export function judgeRegressionOffThread(measurements: RegressionMeasurements, policy: RegressionPolicy, seed: string): Promise<RegressionJudgement> {
  const { file, execArgv } = workerFile();
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { execArgv, workerData: { measurements, policy, seed } });
    let settled = false;
    worker.once('message', (judgement: RegressionJudgement) => {
      settled = true;
      resolve(judgement);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the regression judgement's worker thread exited with code ${code} before answering`));
    });
  });
}
