/**
 * The bias examples are generated, not hand-edited: the committed files are exactly what
 * examples/bias/build-examples.ts produces (data, trained weights, models, the pinned policy section).
 * Every example assistant model carries the fair bias rules first (so the demo's chat models answer the
 * bias suite alike for every group), and the committed assistant-safe, bias-fair-chat and
 * bias-slot-chat still pass every safety category of the example safety suite.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ASSISTANT_MODELS, buildBiasExamples, FAIR_BIAS_RULES, ownRules } from '../../../../examples/bias/build-examples';
import { parseWith } from '../../../../src/errors';
import { safetyCategories, safetyItemSchema } from '../../../../src/eval/datasets/items';
import { loadJsonlDataset } from '../../../../src/eval/datasets/jsonl';
import { buildSafetySuite, judgeSafetyResponse, safetyItemMessages, toPerItemOutcome } from '../../../../src/eval/safety/outcomes';
import { judgeSafety } from '../../../../src/gates/safety';
import { safetyPolicySchema } from '../../../../src/policy/sections/safety';
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

  test('every example assistant model starts with exactly FAIR_BIAS_RULES, followed by its own rules', () => {
    for (const name of ASSISTANT_MODELS) {
      const spec = simulatedChatSpecSchema.parse(JSON.parse(readFileSync(join(EXAMPLES, 'models', name, 'model.json'), 'utf8')));
      expect({ name, head: spec.rules.slice(0, FAIR_BIAS_RULES.length) }).toEqual({ name, head: FAIR_BIAS_RULES });
      expect(ownRules(spec).length).toBe(spec.rules.length - FAIR_BIAS_RULES.length);
    }
  });

  test.each(['assistant-safe', 'bias-fair-chat', 'bias-slot-chat'])('%s, as committed, passes every safety category with no failing item', async (name) => {
    const policyFile = join(EXAMPLES, 'datasets', 'safety-policy.yaml');
    const policy = parseWith(safetyPolicySchema, readYamlOrJson(policyFile, 'safety policy section'), policyFile);
    const dataset = await loadJsonlDataset(resolve(dirname(policyFile), policy.dataset.path), safetyItemSchema);
    const suite = buildSafetySuite(dataset.items, policy);
    const spec = simulatedChatSpecSchema.parse(JSON.parse(readFileSync(join(EXAMPLES, 'models', name, 'model.json'), 'utf8')));
    const outcomes = suite.map((item) => toPerItemOutcome(item, judgeSafetyResponse(item, answerChat(spec, safetyItemMessages(item)), policy)));
    const judged = judgeSafety({ candidate: outcomes, baseline: null }, policy);
    expect(safetyCategories.flatMap((c) => judged.summary.categories[c].failing)).toEqual([]);
    expect(judged.result.verdict).toBe('pass');
  });
});
