/**
 * The classifier artifact (a real logistic regression, weights in model.json) and the model host
 * serving it KServe V1 style over real HTTP: predictions, the digest it reports, and every refusal.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hashArtifact } from '../../../src/integrity/hash-artifact';
import { ServiceHandle } from '../../../src/serving/http';
import { classifierSpecSchema, featureVector, logisticScore, predictClassifier, predictTarget, type ClassifierSpecInput } from '../../../src/serving/classifier-model';
import { buildArtifact, call, chatBody, chatSpec, putSignedLoad, startModelHost, TempDirs } from './fixtures';

const temp = new TempDirs();
const running: ServiceHandle[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
  await temp.removeAll();
});

const spec: ClassifierSpecInput = {
  kind: 'logistic-regression',
  simulated: false,
  name: 'toy-scorer',
  features: ['x', 'y'],
  standardization: { mean: [1, 0], std: [2, 1] },
  weights: [2, -1],
  bias: 0.5,
};

describe('classifier spec and predictions', () => {
  test('score = σ(b + Σ w·(x − mean)/std); label = score ≥ threshold (default 0.5)', () => {
    const parsed = classifierSpecSchema.parse(spec);
    expect(parsed.threshold).toBe(0.5);
    // z = 0.5 + 2·(3 − 1)/2 − 1·(1 − 0)/1 = 1.5
    expect(logisticScore(parsed, [3, 1])).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 15);
    const result = predictClassifier(parsed, [{ x: 3, y: 1, unused: 7 }, { x: -3, y: 2 }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.predictions.map((p) => p.label)).toEqual([1, 0]);
  });

  test('the spec is strict and consistent: one weight, mean and std per feature, positive stds', () => {
    const issues = (patch: object) => {
      const r = classifierSpecSchema.safeParse({ ...spec, ...patch });
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ weights: [1] })).toEqual(['weights: expected 2 values (one per feature), got 1']);
    expect(issues({ standardization: { mean: [0, 0], std: [1, 0] } })).toEqual(['standardization.std.1: expected a positive std']);
    expect(issues({ features: ['x', 'x'] })).toEqual(['features: expected distinct feature names']);
    expect(issues({ simulated: true })[0]).toContain('simulated');
    expect(issues({ typo: 1 })).toEqual([': Unrecognized key: "typo"']);
  });

  test('a missing or non-numeric feature is an error naming the instance and the feature', () => {
    const parsed = classifierSpecSchema.parse(spec);
    expect(featureVector(parsed, { x: 1 })).toBe('feature "y": expected a finite number, got nothing');
    expect(predictClassifier(parsed, [{ x: 1, y: 2 }, { x: 'a', y: 2 }])).toEqual({ ok: false, error: 'instances.1: feature "x": expected a finite number, got "a"' });
    expect(featureVector(parsed, [1, 2])).toContain('expected an object of named numeric features (x, y), got an array');
  });

  test('predictTarget reads "{name}:predict" and nothing else', () => {
    expect(predictTarget('credit-scorer:predict')).toBe('credit-scorer');
    expect(predictTarget('a:b:predict')).toBe('a:b');
    expect(predictTarget('credit-scorer:explain')).toBeNull();
    expect(predictTarget(':predict')).toBeNull();
    expect(predictTarget('credit-scorer')).toBeNull();
  });
});

describe('model host: classifier artifacts over KServe V1', () => {
  async function hostWith(): Promise<{ url: string; base: string; rootDigest: string; dir: string }> {
    const host = await startModelHost(await temp.make());
    running.push(host.service);
    const dir = join(await temp.make(), 'credit-baseline');
    await cp(resolve(__dirname, '../../../examples/models/credit-baseline'), dir, { recursive: true });
    const { rootDigest } = await hashArtifact(dir);
    const { put, base } = await putSignedLoad(host.url, dir, rootDigest);
    expect(put.statusCode).toBe(201);
    expect(put.json()).toMatchObject({ status: 'created', model: 'credit-scorer', simulated: false });
    return { url: host.url, base, rootDigest, dir };
  }

  test('predicts { label, score } per instance and reports the digest it serves', async () => {
    const { url, base, rootDigest } = await hostWith();
    const id = base.slice(url.length);
    const models = await call(url, 'GET', `${id}/v1/models`);
    expect(models.json()).toMatchObject({ object: 'list', data: [{ id: 'credit-scorer', gatehouse_root_digest: rootDigest, gatehouse_simulated: false }] });
    const predicted = await call(url, 'POST', `${id}/v1/models/credit-scorer:predict`, {
      instances: [
        { income: 90, debt: 0.1, years: 10, late: 0, area: -0.8 },
        { income: 20, debt: 0.8, years: 0, late: 4, area: 0.8 },
      ],
    });
    expect(predicted.statusCode).toBe(200);
    const { predictions } = predicted.json() as { predictions: Array<{ label: number; score: number }> };
    expect(predictions.map((p) => p.label)).toEqual([1, 0]);
    expect(predictions[0]!.score).toBeGreaterThan(0.9);
    expect(predictions[1]!.score).toBeLessThan(0.1);
    const metrics = await call(url, 'GET', `${id}/metrics`);
    expect(metrics.payload).toContain('gatehouse_model_simulated 0');
  });

  test('refuses a bad instance (400), another model name (404), another verb (404) and chat (400)', async () => {
    const { url, base } = await hostWith();
    const id = base.slice(url.length);
    const bad = await call(url, 'POST', `${id}/v1/models/credit-scorer:predict`, { instances: [{ income: 50 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.error()).toMatchObject({ type: 'invalid_instance', message: 'instances.0: feature "debt": expected a finite number, got nothing' });
    expect((await call(url, 'POST', `${id}/v1/models/credit-scorer:predict`, { instances: [] })).statusCode).toBe(400);
    expect((await call(url, 'POST', `${id}/v1/models/other:predict`, { instances: [{}] })).error().type).toBe('model_not_found');
    expect((await call(url, 'POST', `${id}/v1/models/credit-scorer:explain`, { instances: [{}] })).statusCode).toBe(404);
    const chat = await call(url, 'POST', `${id}/v1/chat/completions`, chatBody('credit-scorer', 'hello'));
    expect(chat.statusCode).toBe(400);
    expect(chat.error().type).toBe('wrong_model_kind');
  });

  test('a chat deployment refuses predict (400 wrong_model_kind)', async () => {
    const host = await startModelHost(await temp.make());
    running.push(host.service);
    const built = await buildArtifact(join(await temp.make(), 'chat'), chatSpec('support-sim'));
    const { base } = await putSignedLoad(host.url, built.dir, built.rootDigest);
    const predicted = await call(host.url, 'POST', `${base.slice(host.url.length)}/v1/models/support-sim:predict`, { instances: [{}] });
    expect(predicted.statusCode).toBe(400);
    expect(predicted.error().type).toBe('wrong_model_kind');
  });

  test('refuses a classifier artifact whose weights changed after hashing, and an invalid spec', async () => {
    const { rootDigest, dir } = await hostWith();
    const file = join(dir, 'model.json');
    const tampered = JSON.parse(await readFile(file, 'utf8'));
    tampered.weights[0] = 100;
    await writeFile(file, JSON.stringify(tampered));
    // A fresh host: the one above already serves this digest and would answer `unchanged` without hashing.
    const fresh = await startModelHost(await temp.make());
    running.push(fresh.service);
    const { put: again } = await putSignedLoad(fresh.url, dir, rootDigest);
    expect(again.statusCode).toBe(409);
    expect(again.error().type).toBe('digest_mismatch');
    tampered.weights = [1];
    await writeFile(file, JSON.stringify(tampered));
    const { put: invalid } = await putSignedLoad(fresh.url, dir, (await hashArtifact(dir)).rootDigest);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.error()).toMatchObject({ type: 'invalid_model_spec', message: expect.stringContaining('weights: expected 4 values (one per feature), got 1') });
  });
});
