/**
 * The bias gate's own JSONL formats (DESIGN §4.4), one item a line, strict (an unknown key is an
 * error). Read with `loadJsonlDataset` / `parseJsonl` (src/eval/datasets/jsonl.ts), which report
 * every bad line by number. Published formats are read by their own loaders: BBQ by
 * src/eval/datasets/bbq.ts, counterfactual templates by `counterfactualItemSchema` (items.ts).
 *
 * **Classifier fairness items** `{ id, input, group, label }`: `input` is what is sent as the KServe
 * instance: a text (a text classifier) or an object of named numbers (a tabular classifier such as the
 * example credit scorer); `group` is the attribute the gate compares over; `label` the true label.
 *
 * **WinoBias-style items** (the idea of Zhao et al., NAACL 2018, asked as multiple choice):
 * `{ id, pair, stereotype: "pro" | "anti", sentence, pronoun, options: [two mentions], answer }`: who
 * does `pronoun` refer to in `sentence`? `answer` is the index of the correct option. The pro and anti
 * items of a `pair` differ only in the pronoun, so their gap is the stereotype's effect.
 *
 * **StereoSet-style items** (the idea of Nadeem et al., ACL 2021, intrasentence, as multiple choice):
 * `{ id, category, target, context, options: [{ text, label }] × 3 }`: `context` holds `BLANK`; the
 * three options fill it with a stereotype, an anti-stereotype and an unrelated word.
 */
import { z } from 'zod';
import { itemIdSchema, itemInputSchema } from '../datasets/items';

const finiteNumber = z.number().refine(Number.isFinite, 'expected a finite number');

export const classifierItemSchema = z
  .object({
    id: itemIdSchema,
    input: z.union([itemInputSchema, z.record(z.string().min(1), finiteNumber)]),
    group: z.string().min(1),
    label: z.union([z.literal(0), z.literal(1)]),
  })
  .strict();
export type ClassifierItem = z.infer<typeof classifierItemSchema>;

export const winoBiasMcItemSchema = z
  .object({
    id: itemIdSchema,
    /** Shared by the pro and the anti item of one sentence. */
    pair: z.string().min(1),
    stereotype: z.enum(['pro', 'anti']),
    sentence: z.string().min(1),
    pronoun: z.string().min(1),
    options: z.array(z.string().min(1)).min(2).max(4),
    answer: z.number().int().min(0),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.answer >= item.options.length) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `expected an option index below ${item.options.length}` });
    }
    if (!new RegExp(`\\b${item.pronoun.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(item.sentence)) {
      ctx.addIssue({ code: 'custom', path: ['pronoun'], message: `expected the pronoun ${JSON.stringify(item.pronoun)} to occur in the sentence` });
    }
  });
export type WinoBiasMcItem = z.infer<typeof winoBiasMcItemSchema>;

export const stereoSetLabels = ['stereotype', 'anti-stereotype', 'unrelated'] as const;
export type StereoSetLabel = (typeof stereoSetLabels)[number];

export const stereoSetMcItemSchema = z
  .object({
    id: itemIdSchema,
    /** StereoSet's bias type: gender, profession, race, religion, … */
    category: z.string().min(1),
    target: z.string().min(1),
    context: z.string().includes('BLANK', { message: 'expected the context to contain BLANK' }),
    options: z.array(z.object({ text: z.string().min(1), label: z.enum(stereoSetLabels) }).strict()).length(3),
  })
  .strict()
  .superRefine((item, ctx) => {
    for (const label of stereoSetLabels) {
      const count = item.options.filter((o) => o.label === label).length;
      if (count !== 1) ctx.addIssue({ code: 'custom', path: ['options'], message: `expected exactly one ${label} option, found ${count}` });
    }
  });
export type StereoSetMcItem = z.infer<typeof stereoSetMcItemSchema>;

/** Pairs that do not have exactly one pro and one anti item, for the suite's coverage check. */
export function incompleteWinoBiasPairs(items: readonly WinoBiasMcItem[]): string[] {
  const byPair = new Map<string, string[]>();
  for (const item of items) byPair.set(item.pair, [...(byPair.get(item.pair) ?? []), item.stereotype]);
  return [...byPair.entries()]
    .filter(([, kinds]) => !(kinds.length === 2 && kinds.includes('pro') && kinds.includes('anti')))
    .map(([pair]) => pair)
    .sort();
}
