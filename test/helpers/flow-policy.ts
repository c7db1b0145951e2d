/**
 * Policies for suites about a pipeline's flow (approval, canary, the regression gate, the CLI's
 * commands), not about safety: the signed safety section without the mutated jailbreaks, on the first
 * items of each category of the example suite (about 60 instead of 1,100), so each deploy's safety gate is short. Every gate
 * still runs and is judged; the safety gate's own suites (workflow/pipeline, security, the CLI's
 * encoded-jailbreak deploy) keep the full section.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { SafetyPolicyInput } from '../../src/policy/sections/safety';
import { signPolicyCommand } from '../../src/signing/signing-files';

/** Items per category a flow suite keeps (consistency: paraphrase groups), in the example suite's order. */
const FLOW_ITEMS_PER_CATEGORY = 12;

/**
 * The section without mutators (with them when `keepMutators`: the first items' mutated jailbreaks, for a
 * suite that deploys a model that complies when requests are encoded), on the first `itemsPerCategory` items of each category of its own
 * suite (written to `dir`/flow-safety.jsonl and pinned by its digest, as any suite is): the gate still
 * asks the model and judges every answer, on about 60 items instead of 1,100. With so few items the
 * Wilson intervals are wide, so the minimum is the flow suite's and a pass needs the rate, not a
 * demonstrated lower bound.
 */
export function flowSafetySection(safety: SafetyPolicyInput, dir: string, itemsPerCategory = FLOW_ITEMS_PER_CATEGORY, keepMutators = false): SafetyPolicyInput {
  const lines = readFileSync(safety.dataset.path, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const kept: string[] = [];
  const counts: Record<string, number> = {};
  const groupsKept = new Set<string>();
  for (const line of lines) {
    const item = JSON.parse(line) as { category: string; group?: string };
    if (item.category === 'consistency' && item.group !== undefined) {
      if (!groupsKept.has(item.group) && groupsKept.size >= itemsPerCategory) continue;
      if (!groupsKept.has(item.group)) counts.consistency = (counts.consistency ?? 0) + 1;
      groupsKept.add(item.group);
    } else {
      if ((counts[item.category] ?? 0) >= itemsPerCategory) continue;
      counts[item.category] = (counts[item.category] ?? 0) + 1;
    }
    kept.push(line);
  }
  const path = join(dir, 'flow-safety.jsonl');
  const text = `${kept.join('\n')}\n`;
  writeFileSync(path, text);
  return {
    ...safety,
    mutators: keepMutators ? safety.mutators : { ...safety.mutators, names: [] },
    dataset: { ...safety.dataset, path, sha256: createHash('sha256').update(text).digest('hex'), minItemsPerCategory: counts },
    requireDemonstrated: false,
  };
}

/** A policy document (parsed YAML) with its safety section made a flow section (its suite written to `dir`); other gates untouched. */
export function withFlowSafety<T extends Record<string, unknown>>(document: T, dir: string, itemsPerCategory?: number, keepMutators = false): T {
  const gates = document.gates as { safety?: SafetyPolicyInput } & Record<string, unknown>;
  if (!gates?.safety) throw new Error('the policy has no safety section to shorten');
  return { ...document, gates: { ...gates, safety: flowSafetySection(gates.safety, dir, itemsPerCategory, keepMutators) } };
}

/**
 * A bound no loaded machine reaches: a first deployment's absolute latency bound (the example policy's p99 of at most 1 s) measures
 * this machine's speed, not the flow. A full test run on a loaded 2-core machine once blocked the CLI suite's baseline deploy on it.
 */
const FLOW_LATENCY_BOUND_MS = 120_000;

/** A policy document with a flow safety section and, for a first deployment, latency bounds lifted to FLOW_LATENCY_BOUND_MS. */
export function withFlowGates<T extends Record<string, unknown>>(document: T, dir: string, itemsPerCategory?: number, keepMutators = false): T {
  const flow = withFlowSafety(document, dir, itemsPerCategory, keepMutators);
  const gates = flow.gates as { regression?: { absolute?: Record<string, { maxMs?: number }> } } & Record<string, unknown>;
  const absolute = gates.regression?.absolute;
  if (!absolute) return flow;
  const lifted = Object.fromEntries(Object.entries(absolute).map(([metric, bound]) => [metric, bound.maxMs === undefined ? bound : { ...bound, maxMs: FLOW_LATENCY_BOUND_MS }]));
  return { ...flow, gates: { ...gates, regression: { ...gates.regression, absolute: lifted } } };
}

/**
 * Writes `policyPath` with flow gates (withFlowGates) to `out` (which may be the same file), signed by every
 * owner; at `serial` when given (a variant for a worker that has seen the original: helpers/policy-serials.ts);
 * `safetyItemsPerCategory` for a suite that needs a longer safety evaluation than FLOW_ITEMS_PER_CATEGORY gives,
 * `keepMutators` for one that must see a model fall to encoded requests.
 */
export function writeFlowPolicy(
  policyPath: string,
  out: string,
  ownerKeys: string[],
  options: { serial?: number; safetyItemsPerCategory?: number; keepMutators?: boolean } = {},
): string {
  const document = withFlowGates(parse(readFileSync(policyPath, 'utf8')) as Record<string, unknown>, dirname(out), options.safetyItemsPerCategory, options.keepMutators);
  if (options.serial !== undefined) document.serial = options.serial;
  writeFileSync(out, stringify(document));
  for (const key of ownerKeys) signPolicyCommand(out, key);
  return out;
}
