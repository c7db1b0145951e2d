/**
 * Sharding one run's safety evaluation (DESIGN §5.2): the suite is split into `shards` disjoint
 * slices (item i goes to shard i mod shards, so every shard gets a mix of categories and mutators),
 * each evaluated by its own activity; the per-item outcomes come back and are merged before the one
 * pure verdict (src/gates/safety.ts). The merge fails closed: an item missing from every shard, or
 * present twice, or an item the suite does not have, is a reason, never a silent pass.
 *
 * Pure (no I/O): the activities in activities/safety.ts read and write the files.
 */
import { z } from 'zod';
import { safetyCategories } from '../datasets/items';
import type { PerItemOutcome } from './per-item-outcome';

/** The shard an item at `index` in the suite belongs to. */
export function shardOfIndex(index: number, shards: number): number {
  return index % shards;
}

/** The items of one shard, in suite order: every `shards`-th item, starting at `shard`. */
export function shardItems<T>(items: readonly T[], shard: number, shards: number): T[] {
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards: expected a whole number of 1 or more, got ${shards}`);
  if (!Number.isInteger(shard) || shard < 0 || shard >= shards) throw new RangeError(`shard: expected 0 to ${shards - 1}, got ${shard}`);
  return items.filter((_, index) => shardOfIndex(index, shards) === shard);
}

const disagreementSchema = z
  .object({ rule: z.enum(['pass', 'fail']), llm: z.enum(['safe', 'unsafe', 'unparseable']), note: z.string() })
  .strict();

export const perItemOutcomeSchema = z
  .object({
    itemId: z.string().min(1),
    category: z.enum(safetyCategories),
    mutator: z.string().optional(),
    group: z.string().optional(),
    passed: z.boolean(),
    behaviour: z.enum(['refused', 'complied']),
    reason: z.string(),
    disagreement: disagreementSchema.nullable().optional(),
  })
  .strict();

/** What one shard activity stores in the result store (and hands on only by `{ digest, path }`). */
export const safetyShardOutcomesSchema = z
  .object({
    gate: z.literal('safety'),
    shard: z.number().int().min(0),
    shards: z.number().int().min(1),
    /** The pinned suite the shard was cut from. */
    dataset: z.object({ sha256: z.string(), suiteItems: z.number().int().min(0) }).strict(),
    /** The shard's raw answers (the runner's responses file, in the shard's checkpoint folder). */
    responses: z.object({ path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    outcomes: z.object({ candidate: z.array(perItemOutcomeSchema), baseline: z.array(perItemOutcomeSchema).nullable() }).strict(),
  })
  .strict();
export type SafetyShardOutcomes = z.infer<typeof safetyShardOutcomesSchema>;

export type MergedShards =
  | { ok: true; outcomes: { candidate: PerItemOutcome[]; baseline: PerItemOutcome[] | null } }
  | { ok: false; problem: string };

const byItemId = (a: PerItemOutcome, b: PerItemOutcome): number => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0);

function listed(ids: string[], max = 5): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

/**
 * Merges the shards' outcomes for the suite `suiteItemIds` (in suite order). Every shard 0…shards-1
 * must be there once, each must hold exactly its own slice, and every item of the suite must have
 * exactly one outcome per target (the baseline's only when `withBaseline`). The outcomes come back
 * sorted by item id in code-unit order: the order an unsharded evaluation judges them in, so the
 * verdict, metrics and summary are the same as if the suite had been evaluated in one activity.
 */
export function mergeShardOutcomes(input: {
  suiteItemIds: readonly string[];
  shards: number;
  results: readonly SafetyShardOutcomes[];
  withBaseline: boolean;
}): MergedShards {
  const { suiteItemIds, shards, results, withBaseline } = input;
  const fail = (problem: string): MergedShards => ({ ok: false, problem: `the sharded safety evaluation cannot be judged (fail closed): ${problem}` });

  const seenShards = new Set<number>();
  for (const result of results) {
    if (result.shards !== shards) return fail(`shard ${result.shard} was cut for ${result.shards} shards, but the run has ${shards}`);
    if (result.shard >= shards) return fail(`shard ${result.shard} is not one of the run's ${shards} shards`);
    if (seenShards.has(result.shard)) return fail(`shard ${result.shard} reported twice`);
    seenShards.add(result.shard);
  }
  const missingShards = Array.from({ length: shards }, (_, i) => i).filter((i) => !seenShards.has(i));
  if (missingShards.length > 0) return fail(`no outcomes from shard ${missingShards.join(', ')}`);

  const shardOf = new Map<string, number>();
  suiteItemIds.forEach((id, index) => shardOf.set(id, shardOfIndex(index, shards)));

  const merge = (target: 'candidate' | 'baseline'): PerItemOutcome[] | string => {
    const merged: PerItemOutcome[] = [];
    const seen = new Set<string>();
    const duplicates: string[] = [];
    const unknown: string[] = [];
    const misplaced: string[] = [];
    for (const result of results) {
      const outcomes = target === 'candidate' ? result.outcomes.candidate : result.outcomes.baseline;
      if (outcomes === null) return `shard ${result.shard} has no ${target} outcomes`;
      for (const outcome of outcomes) {
        const home = shardOf.get(outcome.itemId);
        if (home === undefined) unknown.push(outcome.itemId);
        else if (home !== result.shard) misplaced.push(`${outcome.itemId} (shard ${result.shard}, belongs to ${home})`);
        if (seen.has(outcome.itemId)) {
          duplicates.push(outcome.itemId);
          continue;
        }
        seen.add(outcome.itemId);
        merged.push(outcome);
      }
    }
    if (duplicates.length > 0) return `${target}: ${duplicates.length} item(s) judged twice: ${listed(duplicates)}`;
    if (unknown.length > 0) return `${target}: ${unknown.length} item(s) the suite does not have: ${listed(unknown)}`;
    if (misplaced.length > 0) return `${target}: ${misplaced.length} item(s) in another shard than their own: ${listed(misplaced)}`;
    const missing = suiteItemIds.filter((id) => !seen.has(id));
    if (missing.length > 0) return `${target}: ${missing.length} item(s) of the suite have no outcome: ${listed(missing)}`;
    return merged.sort(byItemId);
  };

  const candidate = merge('candidate');
  if (typeof candidate === 'string') return fail(candidate);
  if (!withBaseline) {
    const stray = results.find((r) => r.outcomes.baseline !== null);
    if (stray) return fail(`shard ${stray.shard} has baseline outcomes, but the run has no baseline`);
    return { ok: true, outcomes: { candidate, baseline: null } };
  }
  const baseline = merge('baseline');
  if (typeof baseline === 'string') return fail(baseline);
  return { ok: true, outcomes: { candidate, baseline } };
}
