import fc from 'fast-check';
import { parseWith } from '../../../../src/errors';
import { safetyCategories } from '../../../../src/eval/datasets/items';
import { mergeShardOutcomes, SafetyShardOutcomes, safetyShardOutcomesSchema, shardItems } from '../../../../src/eval/safety/shards';
import { judgeSafety } from '../../../../src/gates/safety';
import { type PerItemOutcome } from '../../../../src/eval/safety/per-item-outcome';
import { safetyPolicySchema, type SafetyPolicyInput } from '../../../../src/policy/sections/safety';
import { evaluationSettingsSchema } from '../../../../src/policy/schema';

const policy = parseWith(
  safetyPolicySchema,
  {
    dataset: { path: 'safety.jsonl', sha256: 'a'.repeat(64) },
    mutators: { names: ['base64', 'rot13'] },
    canarySecrets: [],
    thresholds: Object.fromEntries(safetyCategories.map((c) => [c, { minPassRate: 0.9 }])) as SafetyPolicyInput['thresholds'],
  },
  'test policy',
);

/** A suite of `n` items over every category, with mutators and paraphrase groups; some fail. */
function suiteOutcomes(n: number, seed: number): PerItemOutcome[] {
  return Array.from({ length: n }, (_, i) => {
    const category = safetyCategories[i % safetyCategories.length]!;
    const passed = (i * 7 + seed) % 11 !== 0;
    return {
      itemId: `item-${String((i * 37 + seed) % 1000).padStart(4, '0')}-${i}`,
      category,
      ...(category === 'jailbreak' ? { mutator: i % 2 ? 'base64' : 'rot13' } : {}),
      ...(category === 'consistency' ? { group: `g${i % 4}` } : {}),
      passed,
      behaviour: passed ? 'refused' : 'complied',
      reason: passed ? 'refused as expected' : 'complied',
    } satisfies PerItemOutcome;
  });
}

const sorted = (outcomes: PerItemOutcome[]) => [...outcomes].sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));

/** What N shard activities would store for these outcomes (the suite in its order, the baseline mirrored). */
function shardResults(candidate: PerItemOutcome[], baseline: PerItemOutcome[] | null, shards: number): SafetyShardOutcomes[] {
  return Array.from({ length: shards }, (_, shard) =>
    safetyShardOutcomesSchema.parse({
      gate: 'safety',
      shard,
      shards,
      dataset: { sha256: 'b'.repeat(64), suiteItems: candidate.length },
      responses: { path: `/data/safety/shard-${shard}/responses.jsonl`, sha256: 'c'.repeat(64) },
      // Each shard judges in item-id order, as readResponses returns its answers.
      outcomes: { candidate: sorted(shardItems(candidate, shard, shards)), baseline: baseline ? sorted(shardItems(baseline, shard, shards)) : null },
    }),
  );
}

describe('shardItems: a deterministic, disjoint split of the suite', () => {
  test('every item lands in exactly one shard, by index mod shards, in suite order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 200 }), fc.integer({ min: 1, max: 17 }), (values, shards) => {
        const items = values.map((value, index) => ({ index, value }));
        const slices = Array.from({ length: shards }, (_, s) => shardItems(items, s, shards));
        expect(slices.flat().map((i) => i.index).sort((a, b) => a - b)).toEqual(items.map((i) => i.index));
        slices.forEach((slice, s) => {
          expect(slice.every((i) => i.index % shards === s)).toBe(true);
          expect(slice.map((i) => i.index)).toEqual([...slice.map((i) => i.index)].sort((a, b) => a - b));
          // Balanced: sizes differ by at most one.
          expect(Math.abs(slice.length - items.length / shards)).toBeLessThan(1);
        });
        expect(shardItems(items, 0, 1)).toEqual(items);
      }),
    );
  });

  test('refuses a shard outside 0…shards-1 and a shard count below 1', () => {
    expect(() => shardItems([1, 2], 2, 2)).toThrow(/shard: expected 0 to 1/);
    expect(() => shardItems([1, 2], -1, 2)).toThrow(RangeError);
    expect(() => shardItems([1, 2], 0, 0)).toThrow(/shards/);
    expect(() => shardItems([1, 2], 0, 1.5)).toThrow(/shards/);
  });
});

describe('mergeShardOutcomes', () => {
  test('the merged verdict, metrics and summary equal the unsharded judgement of the same outcomes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), (n, seed, shards, withBaseline) => {
        const candidate = suiteOutcomes(n, seed);
        const baseline = withBaseline ? suiteOutcomes(n, seed + 1).map((o, i) => ({ ...o, itemId: candidate[i]!.itemId })) : null;
        const merged = mergeShardOutcomes({ suiteItemIds: candidate.map((o) => o.itemId), shards, results: shardResults(candidate, baseline, shards), withBaseline });
        if (!merged.ok) throw new Error(merged.problem);
        // What the unsharded activity judges: every outcome, in item-id order.
        const unsharded = { candidate: sorted(candidate), baseline: baseline ? sorted(baseline) : null };
        expect(merged.outcomes).toEqual(unsharded);
        expect(judgeSafety(merged.outcomes, policy)).toEqual(judgeSafety(unsharded, policy));
      }),
      { numRuns: 60 },
    );
  });

  test('the shards may report in any order', () => {
    const candidate = suiteOutcomes(40, 3);
    const results = shardResults(candidate, null, 4).reverse();
    const merged = mergeShardOutcomes({ suiteItemIds: candidate.map((o) => o.itemId), shards: 4, results, withBaseline: false });
    expect(merged.ok && merged.outcomes.candidate).toEqual(sorted(candidate));
  });

  const candidate = suiteOutcomes(30, 5);
  const ids = candidate.map((o) => o.itemId);
  const problem = (results: SafetyShardOutcomes[], withBaseline = false, shards = 3) => {
    const merged = mergeShardOutcomes({ suiteItemIds: ids, shards, results, withBaseline });
    expect(merged.ok).toBe(false);
    return merged.ok ? '' : merged.problem;
  };

  test('an item judged twice fails closed, naming it', () => {
    const results = shardResults(candidate, null, 3);
    const twice = results[0]!.outcomes.candidate[0]!;
    results[1]!.outcomes.candidate.push(twice);
    expect(problem(results)).toMatch(new RegExp(`fail closed.*judged twice: ${twice.itemId}`));
  });

  test('an item missing from every shard fails closed, naming it', () => {
    const results = shardResults(candidate, null, 3);
    const lost = results[2]!.outcomes.candidate.pop()!;
    expect(problem(results)).toMatch(new RegExp(`1 item\\(s\\) of the suite have no outcome: ${lost.itemId}`));
  });

  test('a missing baseline outcome fails closed too', () => {
    const results = shardResults(candidate, candidate, 3);
    results[1]!.outcomes.baseline!.shift();
    expect(problem(results, true)).toMatch(/baseline: 1 item\(s\) of the suite have no outcome/);
  });

  test('an item the suite does not have, or in another shard than its own, fails closed', () => {
    const foreign = shardResults(candidate, null, 3);
    foreign[0]!.outcomes.candidate.push({ ...candidate[0]!, itemId: 'not-in-the-suite' });
    expect(problem(foreign)).toMatch(/does not have: not-in-the-suite/);

    const moved = shardResults(candidate, null, 3);
    const item = moved[0]!.outcomes.candidate.shift()!;
    moved[1]!.outcomes.candidate.push(item);
    expect(problem(moved)).toMatch(new RegExp(`another shard than their own: ${item.itemId} \\(shard 1, belongs to 0\\)`));
  });

  test('a missing, repeated or foreign shard fails closed', () => {
    const results = shardResults(candidate, null, 3);
    expect(problem(results.slice(0, 2))).toMatch(/no outcomes from shard 2/);
    expect(problem([...results, results[1]!])).toMatch(/shard 1 reported twice/);
    expect(problem(shardResults(candidate, null, 2), false, 3)).toMatch(/cut for 2 shards, but the run has 3/);
  });

  test('baseline outcomes without a baseline, or none with one, fail closed', () => {
    expect(problem(shardResults(candidate, candidate, 3), false)).toMatch(/has baseline outcomes, but the run has no baseline/);
    expect(problem(shardResults(candidate, null, 3), true)).toMatch(/has no baseline outcomes/);
  });
});

describe('evaluation.shards in the policy', () => {
  const base = { concurrency: 4, checkpointEvery: 10, requestTimeoutSeconds: 5 };
  test('defaults to 1 (one activity, as before)', () => {
    expect(evaluationSettingsSchema.parse(base).shards).toBe(1);
    expect(evaluationSettingsSchema.parse({ ...base, shards: 3 }).shards).toBe(3);
  });

  test.each([
    [0, /at least 1 shard/],
    [1.5, /whole number of shards/],
    ['2', /whole number of shards/],
    [65, /at most 64 shards/],
  ])('refuses shards: %p with a clear error', (shards, message) => {
    expect(() => parseWith(evaluationSettingsSchema, { ...base, shards }, 'policy.yaml')).toThrow(message);
    expect(() => parseWith(evaluationSettingsSchema, { ...base, shards }, 'policy.yaml')).toThrow(/shards:/);
  });

  test('stays strict: a misspelt key is an error', () => {
    expect(() => parseWith(evaluationSettingsSchema, { ...base, shard: 2 }, 'policy.yaml')).toThrow(/shard/);
  });
});
