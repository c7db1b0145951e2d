/**
 * DESIGN §6, "Canary steering / stranding" (the command side): a canary command is bound to one
 * pipeline run, single use and short-lived. A replayed command, a command for another run, and an
 * expired one change nothing, and the canary says why.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { signCanaryCommand } from '../../src/canary/command';
import type { CanaryCommand } from '../../src/canary/command-schema';
import { loadPrivateKey } from '../../src/signing/keys';
import { CanaryWorld, setUpCanaryWorld } from '../helpers/canary';

let cw: CanaryWorld;

beforeAll(async () => {
  cw = await setUpCanaryWorld();
});

afterAll(async () => {
  await cw?.world.close();
});

async function refusal(update: Promise<unknown>): Promise<string> {
  const err = await update.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as WorkflowUpdateFailedError).cause?.message ?? '';
}

test('a replayed, another run\'s or an expired canary command changes nothing, and the canary says why', async () => {
  const { handle, result } = await cw.deployApproved(cw.requestFor('6.9.0', await cw.buildModel('6.9.0', 'canary-healthy')));
  await cw.waitFor('the canary to run', () => cw.canaryView(handle));
  const canary = cw.world.client.workflow.getHandle(`${handle.workflowId}-canary`);
  const runId = (await handle.describe()).runId;
  const key = loadPrivateKey(cw.people.carol.keyPath);
  const now = Date.now();
  const command = (fields: Partial<CanaryCommand>): { envelope: ReturnType<typeof signCanaryCommand> } => ({
    envelope: signCanaryCommand(
      { workflowId: handle.workflowId, runId, nonce: randomUUID(), command: 'pause', operator: 'carol', signedAt: new Date(now).toISOString(), expiresAt: new Date(now + 120_000).toISOString(), ...fields },
      key,
    ),
  });
  const send = (c: ReturnType<typeof command>) => canary.executeUpdate<{ accepted: true; status: string }, [ReturnType<typeof command>]>('canaryCommand', { args: [c] });

  const pause = command({ command: 'pause', reason: 'looking at dashboards' });
  expect(await send(pause)).toEqual({ accepted: true, status: 'paused' });
  const resume = command({ command: 'resume' });
  expect(await send(resume)).toEqual({ accepted: true, status: 'running' });

  // The same signed pause again: refused, the canary keeps running.
  expect(await refusal(send(pause))).toMatch(/^the command with nonce [0-9a-f-]{36} was already accepted: a replay changes nothing$/);
  expect(await refusal(send(command({ runId: 'an-earlier-run' })))).toBe(`the command is for ${handle.workflowId} run an-earlier-run, not ${handle.workflowId} run ${runId}`);
  expect(await refusal(send(command({ signedAt: new Date(now - 600_000).toISOString(), expiresAt: new Date(now - 300_000).toISOString() })))).toMatch(/^the command expired at /);
  expect((await cw.canaryView(handle))!.state.status).toBe('running');

  await send(command({ command: 'abort', reason: 'end of test' }));
  expect((await result).outcome).toBe('aborted');
});

test('a canary terminated at weight > 0 strands no traffic: its pipeline signs the weight back to 0 from its own evidence, and says why', async () => {
  const { handle, result } = await cw.deployApproved(cw.requestFor('6.9.1', await cw.buildModel('6.9.1', 'canary-healthy')));
  await cw.waitFor('the canary to take traffic', async () => (await cw.canaryWeight()) > 0);
  await cw.world.client.workflow.getHandle(`${handle.workflowId}-canary`).terminate('an operator with Temporal access only');
  const status = await result;
  expect(status.outcome).toBe('rolled_back');
  expect(status.canary!.reason).toMatch(/^the canary ended without finishing \(.*\): its traffic was returned to stable$/);
  expect(await cw.canaryWeight()).toBe(0);
  expect(await cw.stableVersion()).toBe('6.0.0');
});
