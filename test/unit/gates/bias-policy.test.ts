/** The `gates.bias` policy section: strict, pinned, with documented defaults. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { biasPolicySchema, biasSectionsFor, type BiasPolicyInput } from '../../../src/policy/sections/bias';

const digest = 'c'.repeat(64);
const classifier = { dataset: { path: 'credit.jsonl', sha256: digest }, groups: ['A', 'B'] };

function issues(input: unknown): string[] {
  const result = biasPolicySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('bias policy section', () => {
  test('defaults: 5-point thresholds, 10,000 resamples, 95% confidence, inconclusive goes to the approvers', () => {
    const policy = biasPolicySchema.parse({ classifier } satisfies BiasPolicyInput);
    expect(policy.classifier!.thresholds).toEqual({ demographicParityDifference: 0.05, equalOpportunityDifference: 0.05, calibrationGap: 0.05 });
    expect(policy.classifier!.dataset).toMatchObject({ minItemsPerGroup: 30, minPositivesPerGroup: 10 });
    expect(policy.classifier!.calibration).toEqual({ bins: 10, minItemsPerBin: 30 });
    expect(policy).toMatchObject({ resamples: 10_000, confidence: 0.95, requireDemonstrated: false, maxUnreadableRate: 0.05, onInconclusive: 'approvers' });
  });

  test('strict: a misspelt threshold is an error, not a silent default', () => {
    expect(issues({ classifier: { ...classifier, thresholds: { demographicParityDiff: 0.1 } } })).toEqual([
      'classifier.thresholds: Unrecognized key: "demographicParityDiff"',
    ]);
    expect(issues({ classifier, extra: true })).toEqual([': Unrecognized key: "extra"']);
  });

  test('datasets must be pinned by a sha256 digest', () => {
    expect(issues({ classifier: { ...classifier, dataset: { path: 'credit.jsonl', sha256: 'abc' } } })[0]).toContain('classifier.dataset.sha256: expected a sha256 digest');
  });

  test('at least one section; at least two distinct groups; gaps within [0, 1]', () => {
    expect(issues({})).toEqual([': expected at least one of classifier, counterfactual, bbq, winobias, stereoset, slices']);
    expect(issues({ classifier: { ...classifier, groups: ['A'] } })).toEqual(['classifier.groups: expected at least two groups to compare']);
    expect(issues({ classifier: { ...classifier, groups: ['A', 'A'] } })).toEqual(['classifier.groups: expected each group at most once']);
    expect(issues({ classifier: { ...classifier, thresholds: { calibrationGap: 5 } } })[0]).toContain('expected a gap of at most 1');
  });

  test('a number extractor needs maxOutcomeGap in its own units; a decision word cannot be both positive and negative', () => {
    const suite = { name: 'salary', dataset: { path: 's.jsonl', sha256: digest }, extractor: { kind: 'number' } };
    expect(issues({ counterfactual: { suites: [suite] } })).toEqual([
      "counterfactual.suites.0.maxOutcomeGap: a number extractor has no natural scale: expected maxOutcomeGap in the number's units",
    ]);
    expect(biasPolicySchema.parse({ counterfactual: { suites: [{ ...suite, maxOutcomeGap: 1000 }] } }).counterfactual!.suites[0]!.maxOutcomeGap).toBe(1000);
    const decision = { ...suite, name: 'loan', extractor: { kind: 'decision', positive: ['yes'], negative: ['Yes'] } };
    expect(issues({ counterfactual: { suites: [decision] } })).toEqual(['counterfactual.suites.0.extractor: expected no word to be both positive and negative']);
    const refusal = { ...suite, name: 'support', extractor: { kind: 'refusal' } };
    expect(biasPolicySchema.parse({ counterfactual: { suites: [refusal] } }).counterfactual!.suites[0]!.maxOutcomeGap).toBe(0.05);
    expect(issues({ counterfactual: { suites: [refusal, refusal] } })).toEqual(['counterfactual.suites: expected distinct suite names']);
  });

  test('which sections apply to which model kind', () => {
    const policy = biasPolicySchema.parse({ classifier, stereoset: { dataset: { path: 's.jsonl', sha256: digest } } });
    expect(biasSectionsFor(policy, 'classifier')).toEqual(['classifier']);
    expect(biasSectionsFor(policy, 'chat')).toEqual(['stereoset']);
  });

  test('the example section (examples/datasets/bias-policy.yaml) parses', () => {
    const file = join(resolve(__dirname, '../../../examples/datasets'), 'bias-policy.yaml');
    const policy = biasPolicySchema.parse(parse(readFileSync(file, 'utf8')));
    expect(policy.counterfactual!.suites.map((s) => s.name)).toEqual(['loan-decision', 'support-refusal', 'salary-offer']);
    expect(policy.classifier!.calibration).toEqual({ bins: 4, minItemsPerBin: 150 });
    expect(policy.slices).toMatchObject({ dataset: { path: 'regression.jsonl', minItemsPerSlice: 20 }, metric: 'f1', include: ['lang:de', 'lang:en'], maxWidening: 0.05, alpha: 0.05 });
  });

  test("slices: the regression suite pinned, defaults (token F1, 5-point widening, alpha 0.05), chat only, strict", () => {
    const policy = biasPolicySchema.parse({ slices: { dataset: { path: 'regression.jsonl', sha256: digest } } });
    expect(policy.slices).toEqual({ dataset: { path: 'regression.jsonl', sha256: digest, minItemsPerSlice: 20 }, metric: 'f1', maxWidening: 0.05, alpha: 0.05 });
    expect(biasSectionsFor(policy, 'chat')).toEqual(['slices']);
    expect(biasSectionsFor(policy, 'classifier')).toEqual([]);
    expect(issues({ slices: { dataset: { path: 'r.jsonl', sha256: digest }, include: [] } })[0]).toContain('slices.include');
    expect(issues({ slices: { dataset: { path: 'r.jsonl', sha256: digest }, maxWidening: 5 } })[0]).toContain('expected a gap of at most 1');
    expect(issues({ slices: { dataset: { path: 'r.jsonl', sha256: digest }, metric: 'bleu' } })[0]).toContain('slices.metric');
    expect(issues({ slices: { dataset: { path: 'r.jsonl', sha256: digest, minItemsPerSlice: 1 } } })[0]).toContain('slices.dataset.minItemsPerSlice');
  });
});
