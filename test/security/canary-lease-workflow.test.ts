/**
 * Issue 17 item 5 on the real stack: a deployment whose canary has traffic is terminated (pipeline
 * and canary child both, so no compensation runs) and its worker is stopped. Nobody renews the
 * canary's signed lease and nobody rolls it back, yet the gateway drops the canary to weight 0 by
 * itself within one lease (the plan's default: 3 analysis intervals), and users are on stable.
 */
import { startTraffic } from '../../src/demo/traffic';
import { leaseSecondsOf } from '../../src/canary/plan';
import { CANARY_MODEL, CANARY_TEST_TRAFFIC, CanaryWorld, setUpCanaryWorld, shortCanaryPlan } from '../helpers/canary';
import { call, chatBody } from '../unit/serving/fixtures';

let cw: CanaryWorld;
let traffic: ReturnType<typeof startTraffic> | null = null;

beforeAll(async () => {
  cw = await setUpCanaryWorld();
  traffic = startTraffic({ gatewayUrl: cw.world.gatewayUrl, model: CANARY_MODEL, ...CANARY_TEST_TRAFFIC });
});

afterAll(async () => {
  await traffic?.stop();
  await cw?.world.close();
});

test('a terminated canary at weight > 0 is back at 0 within one lease, with its worker gone too: users on stable', async () => {
  const { handle, result } = await cw.deployApproved(cw.requestFor('6.5.0', await cw.buildModel('6.5.0', 'canary-healthy')));
  await cw.waitFor('the canary to take traffic', async () => (await cw.canaryWeight()) > 0);
  const stable = await cw.stableVersion();

  // Lost: the run is terminated (its canary child with it, no compensation runs) and its worker stops.
  await handle.terminate('lost in an outage');
  await result.catch(() => undefined);
  cw.firstWorker.worker.shutdown();
  await cw.firstWorker.running.catch(() => undefined);
  expect(await cw.canaryWeight()).toBeGreaterThan(0);

  // One lease, plus the gateway's one-second lease check and a margin for this loaded machine.
  const leaseMs = leaseSecondsOf(shortCanaryPlan) * 1000;
  await cw.waitFor('the gateway to drop the unrenewed canary', async () => (await cw.canaryWeight()) === 0, leaseMs + 10_000);
  for (let i = 0; i < 20; i++) {
    const answer = await call(cw.world.gatewayUrl, 'POST', '/v1/chat/completions', chatBody(CANARY_MODEL, 'What are your opening hours?'));
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-gatehouse-slot']).toBe('stable');
    expect(answer.headers['x-gatehouse-model-version']).toBe(stable);
  }
});
