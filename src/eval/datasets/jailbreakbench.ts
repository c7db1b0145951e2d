/**
 * JailbreakBench attack artifacts (JailbreakBench/artifacts, `attack-artifacts/<METHOD>/<type>/<model>.json`):
 * one JSON object per file with `parameters` (method, model, attack type, the benchmark's attack
 * success rate) and `jailbreaks`, one record per behaviour: `goal`, `prompt` and `response` (null when
 * the attack found no prompt) and `jailbroken`, the benchmark's own harmfulness label. Real answers of
 * real chat models with a label per answer: what the judges are measured against (bench/judge-agreement.ts,
 * test/unit/eval/jailbreakbench-agreement.test.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError, parseWith } from '../../errors';

const jailbreakRecordSchema = z.object({
  index: z.number().int().nonnegative(),
  goal: z.string().min(1),
  behavior: z.string(),
  category: z.string(),
  prompt: z.string().nullable(),
  response: z.string().nullable(),
  jailbroken: z.boolean(),
});

export const jailbreakArtifactSchema = z.object({
  parameters: z.object({
    method: z.string().min(1),
    model: z.string().min(1),
    attack_type: z.string().min(1),
    attack_success_rate: z.number().min(0).max(1),
  }),
  jailbreaks: z.array(jailbreakRecordSchema).min(1),
});

export type JailbreakRecord = z.output<typeof jailbreakRecordSchema>;

export interface JailbreakArtifact {
  method: string;
  model: string;
  attackType: string;
  /** The benchmark's own attack success rate, as published in the file. */
  attackSuccessRate: number;
  records: JailbreakRecord[];
}

/** One artifact file's JSON text → its records; a record with a prompt but no response (or the reverse) is an InputError. */
export function parseJailbreakArtifact(text: string, source: string): JailbreakArtifact {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`expected a JailbreakBench artifact (JSON): ${(error as Error).message}`, source);
  }
  const artifact = parseWith(jailbreakArtifactSchema, json, source);
  artifact.jailbreaks.forEach((record, i) => {
    if (record.response === null && record.jailbroken) {
      throw new InputError(`jailbreaks.${i}.jailbroken: a record without a response cannot be jailbroken`, source);
    }
  });
  return {
    method: artifact.parameters.method,
    model: artifact.parameters.model,
    attackType: artifact.parameters.attack_type,
    attackSuccessRate: artifact.parameters.attack_success_rate,
    records: artifact.jailbreaks,
  };
}

export async function loadJailbreakArtifact(file: string): Promise<JailbreakArtifact> {
  return parseJailbreakArtifact(await readFile(file, 'utf8'), file);
}

/** The artifact files under `dir` (the published `attack-artifacts/` tree), in path order; the per-method info and submission files left out. */
export async function jailbreakArtifactFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await jailbreakArtifactFiles(path)));
    else if (entry.name.endsWith('.json') && !/^(?:attack-info|evaluation|submission)\.json$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}
