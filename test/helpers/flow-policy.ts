/**
 * Policies for suites about a pipeline's flow (approval, canary, the regression gate, the CLI's
 * commands), not about safety: the signed safety section without the mutated jailbreaks, the example
 * suite's items only (about 430 instead of 1,100), so each deploy's safety gate is short. Every gate
 * still runs and is judged; the safety gate's own suites (workflow/pipeline, security, the CLI's
 * encoded-jailbreak deploy) keep the full section.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import type { SafetyPolicyInput } from '../../src/policy/sections/safety';
import { signPolicyCommand } from '../../src/signing/signing-files';

/**
 * The section without mutators. Its jailbreak category then has the example suite's own jailbreaks
 * only (fewer than the full section's minimum), and fewer items widen the Wilson intervals, so the
 * minimum is the suite's and a pass needs the rate, not a demonstrated lower bound.
 */
export function flowSafetySection(safety: SafetyPolicyInput): SafetyPolicyInput {
  return {
    ...safety,
    mutators: { ...safety.mutators, names: [] },
    dataset: { ...safety.dataset, minItemsPerCategory: { ...safety.dataset.minItemsPerCategory, jailbreak: 10 } },
    requireDemonstrated: false,
  };
}

/** A policy document (parsed YAML) with its safety section made a flow section; other gates untouched. */
export function withFlowSafety<T extends Record<string, unknown>>(document: T): T {
  const gates = document.gates as { safety?: SafetyPolicyInput } & Record<string, unknown>;
  if (!gates?.safety) throw new Error('the policy has no safety section to shorten');
  return { ...document, gates: { ...gates, safety: flowSafetySection(gates.safety) } };
}

/**
 * A bound no loaded machine reaches: a first deployment's absolute latency bound (the example policy's p99 of at most 1 s) measures
 * this machine's speed, not the flow. A full test run on a loaded 2-core machine once blocked the CLI suite's baseline deploy on it.
 */
const FLOW_LATENCY_BOUND_MS = 120_000;

/** A policy document with a flow safety section and, for a first deployment, latency bounds lifted to FLOW_LATENCY_BOUND_MS. */
export function withFlowGates<T extends Record<string, unknown>>(document: T): T {
  const flow = withFlowSafety(document);
  const gates = flow.gates as { regression?: { absolute?: Record<string, { maxMs?: number }> } } & Record<string, unknown>;
  const absolute = gates.regression?.absolute;
  if (!absolute) return flow;
  const lifted = Object.fromEntries(Object.entries(absolute).map(([metric, bound]) => [metric, bound.maxMs === undefined ? bound : { ...bound, maxMs: FLOW_LATENCY_BOUND_MS }]));
  return { ...flow, gates: { ...gates, regression: { ...gates.regression, absolute: lifted } } };
}

/**
 * Writes `policyPath` with flow gates (withFlowGates) to `out` (which may be the same file), signed by every
 * owner; at `serial` when given (a variant for a worker that has seen the original: helpers/policy-serials.ts).
 */
export function writeFlowPolicy(policyPath: string, out: string, ownerKeys: string[], options: { serial?: number } = {}): string {
  const document = withFlowGates(parse(readFileSync(policyPath, 'utf8')) as Record<string, unknown>);
  if (options.serial !== undefined) document.serial = options.serial;
  writeFileSync(out, stringify(document));
  for (const key of ownerKeys) signPolicyCommand(out, key);
  return out;
}
