/**
 * The body of the worker thread that `judgeRegressionOffThread` starts: one pure judgement, posted
 * back. Nothing else runs here; the judgement is the same function the tests call directly.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { judgeRegression } from '../gates/regression';
import { type RegressionMeasurements } from '../eval/regression/measurements';
import type { RegressionPolicy } from '../policy/sections/regression';

const input = workerData as { measurements: RegressionMeasurements; policy: RegressionPolicy; seed: string };
parentPort!.postMessage(judgeRegression(input.measurements, input.policy, input.seed));
