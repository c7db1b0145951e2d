/**
 * Evaluating an already-running OpenAI-compatible server instead of the model host (DESIGN §5.2):
 * it must report the verified artifact's root digest, or the run fails closed; a non-production
 * policy may allow an unverified endpoint, and then the report says so and nothing is promoted.
 */
import { createServer, request as httpRequest, Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { signPolicyCommand } from '../../src/signing/signing-files';
import { deployAndWait } from '../../src/cli/deploy';
import { prepareDemoWorkspace } from '../../src/demo/scenario';
import { hashArtifact } from '../../src/integrity/hash-artifact';
import { loadRequest } from '../../src/serving/load-order';
import type { PipelineRequest } from '../../src/pipeline-types';
import { loadDeploymentRequest } from '../../src/request';
import { createWorld, World } from '../helpers/world';
import { writeFlowPolicy } from '../helpers/flow-policy';

let world: World;
let good: PipelineRequest;
let other: PipelineRequest;
let stripper: Server;
let stripperUrl: string;

/** Loads an artifact on the model host directly (as an operator running their own server would) and returns its URL. */
async function hostDirectly(request: PipelineRequest): Promise<string> {
  const { rootDigest } = await hashArtifact(request.artifactPath);
  const load = loadRequest(request.artifactPath, rootDigest, world.workerConfig.pipelineKey);
  const response = await fetch(`${world.modelHostUrl}${load.path}`, { method: load.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(load.body) });
  expect(response.ok).toBe(true);
  return `${world.modelHostUrl}${load.deploymentPath}`;
}

/** A server that forwards to `target` but does not say which artifact it serves (like a plain vLLM). */
async function withoutDigest(target: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const upstream = httpRequest(`${target}${req.url ?? ''}`, { method: req.method, headers: req.headers }, (answer) => {
      if (req.url === '/v1/models') {
        let body = '';
        answer.on('data', (c: Buffer) => (body += c.toString()));
        answer.on('end', () => {
          const list = JSON.parse(body) as { data: Array<Record<string, unknown>> };
          for (const entry of list.data) delete entry.gatehouse_root_digest;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(list));
        });
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

beforeAll(async () => {
  world = await createWorld();
  await world.startWorker();
  const scenarios = await prepareDemoWorkspace({ dir: join(world.dir, 'workspace'), trust: world.trust, weightsBytes: 64 * 1024 });
  const demoGood = loadDeploymentRequest(scenarios.find((s) => s.name === 'good model')!.requestPath);
  // A flow safety section (helpers/flow-policy.ts): this suite is about which endpoint is evaluated.
  const policyPath = writeFlowPolicy(demoGood.policyPath, join(world.dir, 'policy-flow.yaml'), world.trust.ownerKeyPaths);
  good = { ...demoGood, policyPath, policySignaturePath: `${policyPath}.sig.json` };
  other = loadDeploymentRequest(scenarios.find((s) => s.name === 'encoded jailbreak')!.requestPath);
  const proxied = await withoutDigest(await hostDirectly(good));
  stripper = proxied.server;
  stripperUrl = proxied.url;
});

afterAll(async () => {
  await new Promise((resolve) => stripper?.close(resolve));
  await world?.close();
});

const variant = (version: string, changes: Partial<PipelineRequest>): PipelineRequest => ({ ...good, model: { ...good.model, version }, ...changes });

test('an external endpoint that serves the verified artifact is evaluated and deployed', async () => {
  const url = await hostDirectly(good);
  const status = await deployAndWait(world.client, world.signed(variant('4.0.0', { endpoint: { url } })), world.taskQueue);
  expect(status.outcome).toBe('deployed');
  expect(status.gates.find((g) => g.gate === 'safety')!.verdict).toBe('pass');
});

test('an endpoint serving another artifact fails closed at provenance, naming both digests', async () => {
  const url = await hostDirectly(other);
  const status = await deployAndWait(world.client, world.signed(variant('4.0.1', { endpoint: { url } })), world.taskQueue);
  expect(status.blockedBy).toBe('provenance');
  expect(status.gates.at(-1)!.reasons[0]).toMatch(/serves root digest [0-9a-f]{64}, not the verified artifact/);
  expect(status.gates.map((g) => g.gate)).not.toContain('safety');
});

test('an endpoint that does not report its digest fails closed in production', async () => {
  const status = await deployAndWait(world.client, world.signed(variant('4.0.2', { endpoint: { url: stripperUrl } })), world.taskQueue);
  expect(status.blockedBy).toBe('provenance');
  expect(status.gates.at(-1)!.reasons[0]).toMatch(/does not report which artifact it serves/);
});

test('a non-production policy may allow an unverified endpoint: evaluated, flagged for the reviewer, never promoted', async () => {
  const document = parse(readFileSync(good.policyPath, 'utf8')) as { environments: string[]; evaluation: Record<string, unknown>; name: string };
  document.environments = ['staging'];
  document.name = 'staging-demo';
  document.evaluation.allowUnverifiedEndpoints = true;
  const policyPath = join(world.dir, 'policy-staging.yaml');
  writeFileSync(policyPath, stringify(document));
  for (const owner of world.trust.ownerKeyPaths) signPolicyCommand(policyPath, owner);
  const request = variant('4.0.3', { endpoint: { url: stripperUrl }, environment: 'staging', policyPath, policySignaturePath: `${policyPath}.sig.json` });
  const status = await deployAndWait(world.client, world.signed(request), world.taskQueue);
  expect(status.gates.find((g) => g.gate === 'safety')!.verdict).toBe('pass');
  expect(status.warnings[0]).toMatch(/^UNVERIFIED ENDPOINT/);
  expect(status.outcome).toBe('blocked');
  expect(status.gates.at(-1)!.reasons[0]).toMatch(/cannot be promoted/);
});

test('a policy allowing unverified endpoints for production is refused by its schema', () => {
  const document = parse(readFileSync(good.policyPath, 'utf8')) as { evaluation: Record<string, unknown> };
  document.evaluation.allowUnverifiedEndpoints = true;
  const path = join(world.dir, 'policy-bad.yaml');
  writeFileSync(path, stringify(document));
  expect(() => signPolicyCommand(path, world.trust.ownerKeyPaths[0]!)).toThrow(/never be allowed for production/);
});
