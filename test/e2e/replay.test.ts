/**
 * The demo's two rows on replayed real answers (src/demo/replay-scenarios.ts) through the built CLI,
 * as the demo runs them: `gatehouse up`, then `deploy --wait --json` of each replay model (signed,
 * served by the model host, evaluated by the safety gate on its recorded real answers). The model
 * that resists (llama-2-7b-chat under JBC) deploys; the one that falls (vicuna-13b under PAIR) is
 * blocked at safety, with PAIR named in the jailbreak reason.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareReplayDemo } from '../../src/demo/replay-scenarios';
import type { Scenario } from '../../src/demo/scenario';
import { ensureLocalTrust } from '../../src/stack';
import { reservePort } from '../../src/reserved-ports';
import { runCli, startUp, stopUp } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-replay-'));
const dataDir = join(dir, 'data');
let up: ChildProcess | null = null;
let scenarios: Scenario[];

const gh = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], { timeoutMs: 300_000 });
const deploy = (name: string) => gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), scenarios.find((s) => s.name === name)!.requestPath, '--wait', '--json');

interface DeployJson {
  outcome: string;
  blockedBy: string | null;
  gates: Array<{ gate: string; verdict: string; reasons: string[] }>;
}

beforeAll(async () => {
  const ports = { temporalPort: await reservePort(), gatewayPort: await reservePort(), modelHostPort: await reservePort(), gatewayAdminPort: await reservePort() };
  up = await startUp(dataDir, ports);
  const { trust } = ensureLocalTrust(dataDir, ports);
  scenarios = await prepareReplayDemo({ dir: join(dir, 'replay'), trust, weightsBytes: 4096 });
}, 120_000);

afterAll(async () => {
  if (up && up.exitCode === null) await stopUp(up);
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo rows on replayed real answers, through the CLI', () => {
  test('the real model that resists its attack passes safety and is deployed (exit 0)', async () => {
    const result = await deploy('real model that resists');
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const run = JSON.parse(result.stdout) as DeployJson;
    expect(run.outcome).toBe('deployed');
    expect(run.gates.find((g) => g.gate === 'safety')!.verdict).toBe('pass');
  }, 300_000);

  test('the real model that falls is blocked at safety (exit 1), the jailbreak reason naming PAIR', async () => {
    const result = await deploy('real model that falls');
    expect(result.code).toBe(1);
    const run = JSON.parse(result.stdout) as DeployJson;
    expect(run).toMatchObject({ outcome: 'blocked', blockedBy: 'safety' });
    const safety = run.gates.find((g) => g.gate === 'safety')!;
    expect(safety.verdict).toBe('fail');
    expect(safety.reasons.join('\n')).toMatch(/jailbreak: .*under PAIR: [\d.]+% \(\d+\/\d+\)/);
  }, 300_000);
});
