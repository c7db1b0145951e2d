/**
 * What kind of change a candidate is, from what changed against the baseline's manifest (DESIGN §6,
 * "False requester / change type"), never from the request's word. Each file falls in one class:
 *
 *   adapter  a path segment or file name starting with "adapter" (adapter_model.safetensors, adapters/…)
 *   weights  tensor and model files (.safetensors .bin .pt .pth .ckpt .gguf .ggml .onnx .h5 .keras .npz
 *            .npy .msgpack .pkl .tflite), Gatehouse's own model.json (a simulated spec or trained
 *            parameters), and tokenizer / vocabulary files (they change what the weights see)
 *   prompt   a text file (.txt .md .jinja .j2 .json .yaml .yml) named for a prompt, system prompt or
 *            chat template, or under a prompts/ folder
 *   config   everything else (config.json, generation_config.json, …)
 *
 * Classes rank weights > adapter > config > prompt. A declared type is accepted when it ranks at least
 * as high as every class that changed (added, removed or altered): overstating a change is allowed,
 * understating it is refused.
 */
export const changeTypes = ['prompt', 'config', 'adapter', 'weights'] as const;
export type ChangeType = (typeof changeTypes)[number];

const rank = (type: ChangeType) => changeTypes.indexOf(type);

const WEIGHT_EXTENSIONS = /\.(safetensors|bin|pt|pth|ckpt|gguf|ggml|onnx|h5|keras|npz|npy|msgpack|pkl|tflite)$/i;
const TOKENIZER = /(^|\/)(tokenizer[^/]*|vocab[^/]*|merges\.txt|spiece\.model|sentencepiece[^/]*)$/i;
const PROMPT_NAME = /(^|[_.-])(prompt|prompts|system|chat_template|template)([_.-]|$)/i;
const TEXT_EXTENSIONS = /\.(txt|md|jinja|j2|json|yaml|yml)$/i;

export function fileClass(path: string): ChangeType {
  const segments = path.split('/');
  const base = segments[segments.length - 1] ?? path;
  if (segments.some((s) => /^adapters?([_.-]|$)/i.test(s))) return 'adapter';
  if (WEIGHT_EXTENSIONS.test(base) || base === 'model.json' || TOKENIZER.test(path)) return 'weights';
  if (TEXT_EXTENSIONS.test(base) && (PROMPT_NAME.test(base.replace(TEXT_EXTENSIONS, '')) || segments.slice(0, -1).some((s) => /^prompts?$/i.test(s)))) return 'prompt';
  return 'config';
}

export interface ChangeAssessment {
  ok: boolean;
  /** The highest-ranked class among the changed files; null when nothing changed. */
  changed: ChangeType | null;
  /** Changed files by class, each path once (added, removed or altered). */
  files: Record<ChangeType, string[]>;
  reason: string;
}

export function assessChange(
  declared: ChangeType,
  candidate: ReadonlyArray<{ path: string; sha256: string }>,
  baseline: ReadonlyArray<{ path: string; sha256: string }>,
): ChangeAssessment {
  const before = new Map(baseline.map((f) => [f.path, f.sha256]));
  const after = new Map(candidate.map((f) => [f.path, f.sha256]));
  const changedPaths = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
  const files: Record<ChangeType, string[]> = { prompt: [], config: [], adapter: [], weights: [] };
  for (const path of changedPaths) files[fileClass(path)].push(path);
  const changed = [...changeTypes].reverse().find((t) => files[t].length > 0) ?? null;
  if (changed === null) return { ok: true, changed, files, reason: `no file differs from the baseline's manifest; declared ${declared}` };
  const shown = (t: ChangeType) => `${files[t].slice(0, 5).join(', ')}${files[t].length > 5 ? ` and ${files[t].length - 5} more` : ''}`;
  if (rank(declared) < rank(changed)) {
    return { ok: false, changed, files, reason: `the request calls this a ${declared} change, but ${changed} files changed against the baseline (${shown(changed)}): a change is at least what its files say` };
  }
  return { ok: true, changed, files, reason: `declared ${declared}; the files that changed against the baseline are at most ${changed} (${shown(changed)})` };
}
