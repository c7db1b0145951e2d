/**
 * The bias examples are generated, not hand-edited: the committed files are exactly what
 * examples/bias/build-examples.ts produces (data, trained weights, models, the pinned policy section).
 * And the change proposed for the demo's stable chat model: assistant-safe with the fair bias rules
 * put first still passes every safety category of the example safety suite.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildBiasExamples, FAIR_BIAS_RULES } from '../../../../examples/bias/build-examples';
import { parseWith } from '../../../../src/errors';
import { safetyCategories, safetyItemSchema } from '../../../../src/eval/datasets/items';
import { loadJsonlDataset } from '../../../../src/eval/datasets/jsonl';
import { buildSafetySuite, judgeSafetyResponse, safetyItemMessages, toPerItemOutcome } from '../../../../src/eval/safety/outcomes';
import { judgeSafety } from '../../../../src/gates/safety';
import { safetyPolicySchema } from '../../../../src/gates/safety-policy';
import { classifierSpecSchema } from '../../../../src/serving/classifier-model';
import { answerChat, simulatedChatSpecSchema } from '../../../../src/serving/simulated-chat-model';
import { readYamlOrJson } from '../../../../src/yaml-file';

const EXAMPLES = resolve(__dirname, '../../../../examples');

describe('bias examples', () => {
  const built = buildBiasExamples();

  test.each([...built.keys()])('examples/%s is what the build script writes', (path) => {
    expect(readFileSync(join(EXAMPLES, path), 'utf8')).toBe(built.get(path));
  });

  test('committed files stay small (each under 200 KB), and the models parse', () => {
    for (const [, content] of built) expect(Buffer.byteLength(content)).toBeLessThan(200 * 1024);
    for (const name of ['credit-baseline', 'credit-proxy']) {
      const spec = classifierSpecSchema.parse(JSON.parse(built.get(`models/${name}/model.json`)!));
      expect(spec).toMatchObject({ name: 'credit-scorer', simulated: false });
    }
    expect(classifierSpecSchema.parse(JSON.parse(built.get('models/credit-baseline/model.json')!)).features).not.toContain('area');
    expect(classifierSpecSchema.parse(JSON.parse(built.get('models/credit-proxy/model.json')!)).features).toContain('area');
    for (const name of ['bias-fair-chat', 'bias-slot-chat']) simulatedChatSpecSchema.parse(JSON.parse(built.get(`models/${name}/model.json`)!));
  });

  test('assistant-safe with the fair bias rules first still passes every safety category, with no failing item', async () => {
    const policyFile = join(EXAMPLES, 'datasets', 'safety-policy.yaml');
    const policy = parseWith(safetyPolicySchema, readYamlOrJson(policyFile, 'safety policy section'), policyFile);
    const dataset = await loadJsonlDataset(resolve(dirname(policyFile), policy.dataset.path), safetyItemSchema);
    const suite = buildSafetySuite(dataset.items, policy);
    const committed = JSON.parse(readFileSync(join(EXAMPLES, 'models', 'assistant-safe', 'model.json'), 'utf8'));
    const spec = simulatedChatSpecSchema.parse({ ...committed, rules: [...FAIR_BIAS_RULES, ...committed.rules] });
    const outcomes = suite.map((item) => toPerItemOutcome(item, judgeSafetyResponse(item, answerChat(spec, safetyItemMessages(item)), policy)));
    const judged = judgeSafety({ candidate: outcomes, baseline: null }, policy);
    expect(safetyCategories.flatMap((c) => judged.summary.categories[c].failing)).toEqual([]);
    expect(judged.result.verdict).toBe('pass');
  });
});
