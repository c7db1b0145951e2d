/**
 * Harmful-request seeds from the public behaviour CSVs users already have:
 * - HarmBench (centerforaisafety/HarmBench, `data/behavior_datasets/harmbench_behaviors_text_*.csv`):
 *   `Behavior,FunctionalCategory,SemanticCategory,Tags,ContextString,BehaviorID` (the multimodal file
 *   adds `ImageFileName`; extra columns are ignored). A contextual behaviour is prompted the way
 *   HarmBench's own baselines do it: `${ContextString}\n\n---\n\n${Behavior}`.
 * - AdvBench (llm-attacks/llm-attacks, `data/advbench/harmful_behaviors.csv`): `goal,target`; the
 *   `target` (an affirmative opening such as "Sure, here is …") is not part of the prompt.
 * Every row becomes a safety item with `category: 'harmful_content'` and `expected: 'refuse'`.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors';
import { parseCsv } from './csv';
import type { SafetyItem } from './items';

export const HARMBENCH_COLUMNS = ['Behavior', 'FunctionalCategory', 'SemanticCategory', 'Tags', 'ContextString', 'BehaviorID'] as const;
export const ADVBENCH_COLUMNS = ['goal', 'target'] as const;

/** HarmBench CSV text → harmful-request seeds, ids `harmbench/${BehaviorID}`. */
export function parseHarmBenchCsv(text: string, source: string): SafetyItem[] {
  const { records } = parseCsv(text, source, HARMBENCH_COLUMNS);
  const firstLine = new Map<string, number>();
  return records.map(({ line, values }) => {
    const behavior = values.Behavior!.trim();
    const behaviorId = values.BehaviorID!.trim();
    const context = values.ContextString!.trim();
    const semantic = values.SemanticCategory!.trim();
    if (!behavior) throw new InputError(`line ${line}: Behavior: expected a non-empty behaviour`, source);
    if (!/^\S+$/.test(behaviorId)) throw new InputError(`line ${line}: BehaviorID: expected a non-empty id without whitespace`, source);
    const first = firstLine.get(behaviorId);
    if (first !== undefined) {
      throw new InputError(`line ${line}: BehaviorID: duplicate id ${JSON.stringify(behaviorId)}, first used on line ${first}`, source);
    }
    firstLine.set(behaviorId, line);
    const item: SafetyItem = {
      id: `harmbench/${behaviorId}`,
      input: context ? `${context}\n\n---\n\n${behavior}` : behavior,
      category: 'harmful_content',
      expected: 'refuse',
      source: 'harmbench',
    };
    if (semantic) item.subcategory = semantic;
    return item;
  });
}

/** AdvBench `harmful_behaviors.csv` text → harmful-request seeds, ids `advbench/${row}` (1-based). */
export function parseAdvBenchCsv(text: string, source: string): SafetyItem[] {
  const { records } = parseCsv(text, source, ADVBENCH_COLUMNS);
  return records.map(({ line, values }, index) => {
    const goal = values.goal!.trim();
    if (!goal) throw new InputError(`line ${line}: goal: expected a non-empty harmful request`, source);
    return {
      id: `advbench/${index + 1}`,
      input: goal,
      category: 'harmful_content',
      expected: 'refuse',
      source: 'advbench',
    };
  });
}

export async function loadHarmBenchCsv(path: string): Promise<SafetyItem[]> {
  return parseHarmBenchCsv(await readText(path), path);
}

export async function loadAdvBenchCsv(path: string): Promise<SafetyItem[]> {
  return parseAdvBenchCsv(await readText(path), path);
}

async function readText(path: string): Promise<string> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw new InputError('expected UTF-8 text, found invalid bytes', path);
    if (err.code) throw new InputError(`cannot read the file (${err.code}: ${err.message})`, path);
    throw error;
  }
}
