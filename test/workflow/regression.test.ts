/**
 * The regression gate inside the pipeline, in parallel with safety: a first deployment is judged on
 * absolute bounds only; a candidate better on average but worse at math is blocked, with the
 * capability named, while the safety gate's verdict is still recorded beside it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { deployAndWait } from '../../src/cli/deploy';
import { signModelCommand, signPolicyCommand } from '../../src/signing/signing-files';
import { EXAMPLES_DIR, prepareDemoWorkspace } from '../../src/demo/scenario';
import type { PipelineRequest } from '../../src/pipeline-types';
import { loadDeploymentRequest } from '../../src/request';
import { simulatedChatSpecSchema, writeSimulatedChatArtifact } from '../../src/serving/simulated-chat-model';
import { createWorld, World } from '../helpers/world';

let world: World;
let base: PipelineRequest;
let policyPath: string;

async function model(name: string, version: string): Promise<PipelineRequest> {
  const spec = simulatedChatSpecSchema.parse(JSON.parse(readFileSync(join(EXAMPLES_DIR, 'models', name, 'model.json'), 'utf8')));
  const dir = join(world.dir, 'models', `${name}-${version}`);
  await writeSimulatedChatArtifact(dir, spec, { weightsBytes: 4096 });
  await signModelCommand(dir, join(world.dir, 'workspace', 'keys', 'ml-release.key'), undefined, 'qa-assistant', () => undefined);
  return { ...base, model: { name: 'qa-assistant', version, kind: 'chat' }, artifactPath: dir, signaturePath: `${dir}.sig.json`, policyPath, policySignaturePath: `${policyPath}.sig.json` };
}

beforeAll(async () => {
  world = await createWorld();
  await world.startWorker();
  const scenarios = await prepareDemoWorkspace({ dir: join(world.dir, 'workspace'), trust: world.trust, weightsBytes: 4096, safetyScenarios: false });
  base = loadDeploymentRequest(scenarios.find((s) => s.expectBlockedBy === null)!.requestPath);
  const document = parse(readFileSync(base.policyPath, 'utf8')) as Record<string, unknown> & { requiredGates: string[]; gates: Record<string, unknown> };
  const section = parse(readFileSync(join(EXAMPLES_DIR, 'datasets', 'regression-policy.yaml'), 'utf8')) as { dataset: { path: string } };
  section.dataset.path = join(EXAMPLES_DIR, 'datasets', section.dataset.path);
  document.requiredGates = [...document.requiredGates, 'regression'];
  document.gates.regression = section;
  policyPath = join(world.dir, 'policy-regression.yaml');
  writeFileSync(policyPath, stringify(document));
  for (const owner of world.trust.ownerKeyPaths) signPolicyCommand(policyPath, owner);
});

afterAll(async () => {
  await world?.close();
});

test('a first deployment is judged on absolute bounds, and a capability regression is blocked beside a passing safety verdict', async () => {
  const first = await deployAndWait(world.client, world.signed(await model('regression-baseline', '1.0.0')), world.taskQueue);
  expect(first.gates.map((g) => [g.gate, g.verdict])).toEqual(expect.arrayContaining([['regression', 'pass'], ['safety', 'pass']]));
  expect(first.outcome).toBe('deployed');

  const drop = await deployAndWait(world.client, world.signed(await model('regression-capability-drop', '1.1.0')), world.taskQueue);
  expect(drop.outcome).toBe('blocked');
  expect(drop.blockedBy).toBe('regression');
  expect(drop.gates.find((g) => g.gate === 'regression')!.reasons.join(' ')).toMatch(/math/);
  expect(drop.gates.find((g) => g.gate === 'safety')!.verdict).toBe('pass');
});
