/** `gatehouse init` and `gatehouse keys id`: the starting point a model team gets, checked file by file. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { keyIdCommand } from '../../../src/signing/signing-files';
import { InputError } from '../../../src/errors';
import { initWorkspace } from '../../../src/init/init-workspace';
import { pinnedFiles } from '../../../src/init/pinned-files';
import { policySchema } from '../../../src/policy/schema';
import { deploymentRequestSchema } from '../../../src/request';

const root = mkdtempSync(join(tmpdir(), 'gatehouse-init-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  n += 1;
  return { dir: join(root, `ws-${n}`), dataDir: join(root, `data-${n}`) };
};
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('gatehouse init', () => {
  test('writes a chat policy that passes the policy schema, with safety, regression and bias required and every suite copied and pinned', () => {
    const { dir, dataDir } = fresh();
    const result = initWorkspace({ dir, dataDir, kind: 'chat', model: 'support-bot', force: false });
    const policy = policySchema.parse(parse(readFileSync(result.policyPath, 'utf8')));
    expect(policy.requiredGates).toEqual(['policy', 'integrity', 'provenance', 'safety', 'regression', 'bias']);
    expect(Object.keys(policy.gates).sort()).toEqual(['bias', 'regression', 'safety']);
    const pins = pinnedFiles(parse(readFileSync(result.policyPath, 'utf8')));
    expect(pins.length).toBeGreaterThanOrEqual(8);
    for (const pin of pins) {
      expect(pin.path.startsWith('suites/')).toBe(true);
      expect(sha256(resolve(dirname(result.policyPath), pin.path))).toBe(pin.sha256);
    }
    // Only the suites the policy names are copied: no classifier data for a chat model.
    expect(result.suites.map((s) => s.split('/').pop())).not.toContain('bias-credit.jsonl');
  });

  test("takes the pipeline key id from the data dir's keys, creating them when there are none, and reuses them next time", () => {
    const { dir, dataDir } = fresh();
    const first = initWorkspace({ dir, dataDir, kind: 'chat', model: 'm', force: false });
    expect(first.createdDataDirKeys).toHaveLength(4);
    expect(first.pipelineKeyId).toBe(keyIdCommand(join(dataDir, 'keys', 'pipeline.pub')));
    expect(parse(readFileSync(first.policyPath, 'utf8')).pipelineKeyId).toBe(first.pipelineKeyId);
    const second = initWorkspace({ dir: join(dir, 'again'), dataDir, kind: 'chat', model: 'm', force: false });
    expect(second.createdDataDirKeys).toEqual([]);
    expect(second.pipelineKeyId).toBe(first.pipelineKeyId);
  });

  test('trusts the release key it writes and writes a request the request schema accepts', () => {
    const { dir, dataDir } = fresh();
    const result = initWorkspace({ dir, dataDir, kind: 'chat', model: 'support-bot', force: false });
    const policy = policySchema.parse(parse(readFileSync(result.policyPath, 'utf8')));
    expect(policy.trustedModelKeys[0]!.publicKey).toBe(readFileSync(result.releaseKey.publicKeyPath, 'utf8'));
    const request = deploymentRequestSchema.parse(parse(readFileSync(result.requestPath, 'utf8')));
    expect(request).toMatchObject({ model: { name: 'support-bot', kind: 'chat' }, policy: './policy.yaml', artifact: './model' });
    expect(result.nextCommands).toHaveLength(4);
    expect(result.nextCommands[0]).toMatch(/^gatehouse sign model .* --key .*release\.key --model-name support-bot$/);
    expect(result.nextCommands[1]).toMatch(/^gatehouse sign policy .*policy\.yaml --key .*policy-owner-1\.key$/);
    expect(result.nextCommands[3]).toMatch(/deploy .*request\.yaml --key .*requester\.key --wait$/);
  });

  test('says what each threshold means in comments above it', () => {
    const { dir, dataDir } = fresh();
    const result = initWorkspace({ dir, dataDir, kind: 'chat', model: 'm', force: false });
    const doc = parseDocument(readFileSync(result.policyPath, 'utf8'));
    const commentOf = (path: string[]) => {
      const parent = doc.getIn(path.slice(0, -1), true) as { items: Array<{ key: { value: string; commentBefore?: string } }> };
      return parent.items.find((p) => p.key.value === path[path.length - 1])!.key.commentBefore ?? '';
    };
    expect(commentOf(['gates', 'safety', 'thresholds'])).toMatch(/leak rate of at most 5%/);
    expect(commentOf(['gates', 'regression', 'metrics'])).toMatch(/relative degradation/);
    expect(commentOf(['gates', 'bias', 'counterfactual'])).toMatch(/maxFlipRate/);
  });

  test('a classifier gets the bias gate with the classifier suite only', () => {
    const { dir, dataDir } = fresh();
    const result = initWorkspace({ dir, dataDir, kind: 'classifier', model: 'credit', force: false });
    const policy = policySchema.parse(parse(readFileSync(result.policyPath, 'utf8')));
    expect(policy.requiredGates).toEqual(['policy', 'integrity', 'provenance', 'bias']);
    expect(policy.gates.safety).toBeUndefined();
    expect(policy.gates.bias!.classifier).toBeDefined();
    expect(policy.gates.bias!.counterfactual).toBeUndefined();
    expect(result.suites.map((s) => s.split('/').pop())).toEqual(['bias-credit.jsonl']);
  });

  test('refuses to overwrite without --force (naming the file), overwrites with it and keeps the release key', () => {
    const { dir, dataDir } = fresh();
    const first = initWorkspace({ dir, dataDir, kind: 'chat', model: 'm', force: false });
    writeFileSync(first.policyPath, 'edited\n');
    expect(() => initWorkspace({ dir, dataDir, kind: 'chat', model: 'm', force: false })).toThrow(InputError);
    expect(() => initWorkspace({ dir, dataDir, kind: 'chat', model: 'm', force: false })).toThrow(/policy\.yaml.*--force/);
    expect(readFileSync(first.policyPath, 'utf8')).toBe('edited\n');
    const forced = initWorkspace({ dir, dataDir, kind: 'chat', model: 'm', force: true });
    expect(readFileSync(forced.policyPath, 'utf8')).not.toBe('edited\n');
    expect(forced.releaseKey).toMatchObject({ created: false, keyId: first.releaseKey.keyId });
  });

  test('refuses a model name the request schema would refuse, before writing anything', () => {
    const { dir, dataDir } = fresh();
    expect(() => initWorkspace({ dir, dataDir, kind: 'chat', model: 'My Model', force: false })).toThrow(/model\.name/);
  });
});

describe('gatehouse keys id', () => {
  test('gives the same id for a private key and its public key, the id the key generator reported', () => {
    const { dir, dataDir } = fresh();
    const result = initWorkspace({ dir, dataDir, kind: 'chat', model: 'm', force: false });
    expect(keyIdCommand(result.releaseKey.privateKeyPath)).toBe(result.releaseKey.keyId);
    expect(keyIdCommand(result.releaseKey.publicKeyPath)).toBe(result.releaseKey.keyId);
  });

  test('names the file when it is not a key', () => {
    const path = join(root, 'not-a-key.pem');
    writeFileSync(path, 'hello\n');
    expect(() => keyIdCommand(path)).toThrow(/not-a-key\.pem/);
  });
});
