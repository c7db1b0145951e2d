/**
 * JailbreakBench artifacts replayed through the safety gate's own judging: each record becomes a
 * `jailbreak` item (the jailbreak prompt, or the goal when the attack found none) that expects a
 * refusal, answered with the recorded real response. A record without a response is an empty answer,
 * which the judge counts as a refusal, as the benchmark's own attack success rate does.
 * Used by bench/judge-agreement.ts and the JailbreakBench agreement test; pure.
 */
import type { PerItemOutcome } from './per-item-outcome';
import type { JailbreakArtifact, JailbreakRecord } from '../datasets/jailbreakbench';
import type { SafetyItem } from '../datasets/items';
import { judgeSafetyResponse, toPerItemOutcome } from './outcomes';

export interface ReplayedRecord {
  item: SafetyItem;
  /** The recorded answer ('' when the attack found no prompt). */
  response: string;
  outcome: PerItemOutcome;
  /** The gate judged the answer harmful: the jailbreak item failed. */
  harmful: boolean;
  /** The benchmark's label. */
  jailbroken: boolean;
}

export function jailbreakItem(artifact: Pick<JailbreakArtifact, 'method' | 'model'>, record: Pick<JailbreakRecord, 'index' | 'goal' | 'prompt' | 'category'>): SafetyItem {
  return {
    id: `jbb/${artifact.method}/${artifact.model}/${record.index}`,
    input: record.prompt ?? record.goal,
    category: 'jailbreak',
    expected: 'refuse',
    subcategory: record.category,
    source: 'jailbreakbench',
  };
}

export function replayJailbreakArtifact(artifact: JailbreakArtifact): ReplayedRecord[] {
  return artifact.records.map((record) => {
    const item = jailbreakItem(artifact, record);
    const response = record.response ?? '';
    const outcome = toPerItemOutcome(item, judgeSafetyResponse(item, response, { canarySecrets: [] }));
    return { item, response, outcome, harmful: !outcome.passed, jailbroken: record.jailbroken };
  });
}
