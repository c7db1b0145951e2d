/**
 * Dataset items (DESIGN §4.4): one JSON object a line, parsed once at the edge with these schemas.
 * Every item has an `id` and an `input` (plain text or chat messages) plus the fields its gate
 * needs. The schemas are strict: an unknown key is an error, so a misspelt field (`expcted`) cannot
 * silently turn into a default. Counterfactual bias items are the one exception to "every item has an
 * input": their `template` plus per-group `slots` *is* the input, expanded by
 * `expandCounterfactual` into one input per group and substitution pair.
 */
import { z } from 'zod';

export const chatRoles = ['system', 'user', 'assistant'] as const;

export const chatMessageSchema = z
  .object({ role: z.enum(chatRoles), content: z.string() })
  .strict();
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** Text, or a non-empty chat transcript whose last message is the user's (the model answers it). */
export const itemInputSchema = z.union([
  z.string().min(1, 'expected a non-empty prompt'),
  z
    .array(chatMessageSchema)
    .min(1, 'expected at least one chat message')
    .refine((messages) => messages[messages.length - 1]?.role === 'user', {
      message: 'expected the last chat message to have role "user"',
    }),
]);
export type ItemInput = z.infer<typeof itemInputSchema>;

/** Ids are used in file names, report anchors and `seed~mutator` ids: printable, no whitespace. */
export const itemIdSchema = z
  .string()
  .min(1, 'expected a non-empty id')
  .max(300)
  .regex(/^[^\s]+$/, 'expected an id without whitespace');

const baseItem = { id: itemIdSchema, input: itemInputSchema };

// ---------------------------------------------------------------------------------------------
// Safety (DESIGN §5.4)

export const safetyCategories = [
  'harmful_content',
  'pii_leakage',
  'instruction_following',
  'jailbreak',
  'consistency',
] as const;
export type SafetyCategory = (typeof safetyCategories)[number];

export const safetyItemSchema = z
  .object({
    ...baseItem,
    category: z.enum(safetyCategories),
    expected: z.enum(['refuse', 'comply']),
    /** Paraphrase group: every item of a group must get the same behaviour (consistency). */
    group: z.string().min(1).optional(),
    /** System prompt the model is given; instruction-following items check adherence and leaks. */
    systemPrompt: z.string().min(1).optional(),
    /** Set on generated variants: the mutator that produced this item and the seed it came from. */
    mutator: z.string().min(1).optional(),
    seedId: itemIdSchema.optional(),
    /** Finer label from the source (e.g. HarmBench's SemanticCategory), for the report only. */
    subcategory: z.string().min(1).optional(),
    /** Where the item came from (e.g. `harmbench`, `advbench`), for the report only. */
    source: z.string().min(1).optional(),
  })
  .strict()
  .refine((item) => (item.mutator === undefined) === (item.seedId === undefined), {
    message: 'expected `mutator` and `seedId` to be given together (both or neither)',
    path: ['mutator'],
  });
export type SafetyItem = z.infer<typeof safetyItemSchema>;

// ---------------------------------------------------------------------------------------------
// Regression (DESIGN §5.3)

export const regressionItemSchema = z
  .object({
    ...baseItem,
    /** The expected answer, scored by exact match / token F1 / BLEU. */
    reference: z.string(),
    /** Capability the item measures (e.g. `summarisation`); the gate tests each one separately. */
    capability: z.string().min(1),
    /** Slices the item belongs to (e.g. `lang:de`, `long-context`); tested with Holm correction. */
    slices: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type RegressionItem = z.infer<typeof regressionItemSchema>;

// ---------------------------------------------------------------------------------------------
// Bias (DESIGN §5.5)

/** Classifier fairness item: the model's prediction is compared across `group`s against `label`. */
export const biasClassificationItemSchema = z
  .object({
    ...baseItem,
    group: z.string().min(1),
    label: z.union([z.literal(0), z.literal(1)]),
  })
  .strict();
export type BiasClassificationItem = z.infer<typeof biasClassificationItemSchema>;

const slotNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const placeholderPattern = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The `{slot}` names a template uses, in order of first use. */
export function templatePlaceholders(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(placeholderPattern)) {
    const name = match[1]!;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

const slotValueSchema = z.union([
  z.string(),
  z.array(z.string()).min(1, 'expected at least one substitution'),
]);

/**
 * Counterfactual item: `template` has `{slot}` placeholders (e.g. `{name}`, `{pronoun}`,
 * `{location}`); `slots[group][slot]` gives that group's substitution, either one string (the same
 * in every pair) or a list. Lists are *paired* across groups: pair k uses the k-th entry of every
 * list, so `{name}` = "Emily" (female) is compared with "Greg" (male) in the same sentence. Hence:
 * at least two groups, every group fills every placeholder and nothing else, and all lists in one
 * item have the same length.
 */
export const counterfactualItemSchema = z
  .object({
    id: itemIdSchema,
    template: z.string().min(1),
    slots: z.record(
      z.string().min(1),
      z.record(z.string().regex(slotNamePattern, 'expected a slot name like "name" or "pronoun"'), slotValueSchema),
    ),
    /** The attribute the groups vary (e.g. `gender`, `religion`), for the report. */
    attribute: z.string().min(1).optional(),
    /** Expected outcome when the task has one (e.g. `yes`); the gate compares outcomes across groups. */
    expected: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    const placeholders = templatePlaceholders(item.template);
    const groups = Object.keys(item.slots);
    if (placeholders.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'expected at least one {slot} placeholder' });
    }
    if (groups.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['slots'], message: 'expected at least two groups to compare' });
    }
    let listLength: number | undefined;
    for (const group of groups) {
      const slots = item.slots[group]!;
      for (const name of placeholders) {
        if (!(name in slots)) {
          ctx.addIssue({ code: 'custom', path: ['slots', group, name], message: `expected a value for placeholder {${name}}` });
        }
      }
      for (const [name, value] of Object.entries(slots)) {
        if (!placeholders.includes(name)) {
          ctx.addIssue({ code: 'custom', path: ['slots', group, name], message: `template has no placeholder {${name}}` });
        }
        if (Array.isArray(value)) {
          if (listLength === undefined) listLength = value.length;
          else if (value.length !== listLength) {
            ctx.addIssue({
              code: 'custom',
              path: ['slots', group, name],
              message: `expected ${listLength} substitutions (lists are paired across groups), got ${value.length}`,
            });
          }
        }
      }
    }
  });
export type CounterfactualItem = z.infer<typeof counterfactualItemSchema>;

export interface CounterfactualVariant {
  /** `${item.id}~${group}~${pair}` */
  id: string;
  itemId: string;
  group: string;
  /** Index of the substitution pair; variants with the same pair index differ only in the group. */
  pair: number;
  input: string;
  substitutions: Record<string, string>;
}

/**
 * Expands a (validated) counterfactual item into one variant per group and substitution pair, in
 * group order then pair order. Single strings are used in every pair.
 */
export function expandCounterfactual(item: CounterfactualItem): CounterfactualVariant[] {
  const groups = Object.keys(item.slots);
  let pairs = 1;
  for (const group of groups) {
    for (const value of Object.values(item.slots[group]!)) {
      if (Array.isArray(value)) pairs = Math.max(pairs, value.length);
    }
  }
  const variants: CounterfactualVariant[] = [];
  for (const group of groups) {
    const slots = item.slots[group]!;
    for (let pair = 0; pair < pairs; pair++) {
      const substitutions: Record<string, string> = {};
      for (const [name, value] of Object.entries(slots)) {
        substitutions[name] = Array.isArray(value) ? value[pair]! : value;
      }
      const input = item.template.replace(placeholderPattern, (whole, name: string) => substitutions[name] ?? whole);
      variants.push({ id: `${item.id}~${group}~${pair}`, itemId: item.id, group, pair, input, substitutions });
    }
  }
  return variants;
}

/** The text of an item's input: the string itself, or the last user message of a transcript. */
export function inputText(input: ItemInput): string {
  if (typeof input === 'string') return input;
  for (let i = input.length - 1; i >= 0; i--) {
    if (input[i]!.role === 'user') return input[i]!.content;
  }
  return '';
}
