/**
 * The OpenAI-compatible wire shapes the serving apps read, parsed once at the edge.
 * Request objects are loose on purpose: OpenAI clients send many optional parameters (temperature,
 * max_tokens, user, …) that a proxy must pass through untouched; only the fields Gatehouse acts on
 * are checked. (Gatehouse's own bodies and configs, by contrast, are strict.)
 */
import { z } from 'zod';

const textPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });

export const chatMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(textPartSchema), z.null()]).optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1, 'expected the name of the model to use'),
  messages: z.array(chatMessageSchema).min(1, 'expected at least one message'),
  stream: z.boolean().optional(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/** A message's text: a string as is, text parts joined, anything else empty. */
export function messageText(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
  return '';
}

/**
 * `GET {base}/v1/models`. `gatehouse_root_digest` is how a backend reports the artifact it actually
 * serves; the gateway admits a route only when it equals the attested digest.
 */
export const servedModelSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('model'),
  owned_by: z.string().optional(),
  gatehouse_root_digest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** The served artifact's size in bytes (all files), when the backend reports it: the risk tier's size change. */
  gatehouse_size_bytes: z.number().int().nonnegative().optional(),
});
export const modelListSchema = z.looseObject({
  object: z.literal('list'),
  data: z.array(servedModelSchema),
});
export type ModelList = z.infer<typeof modelListSchema>;
export type ServedModel = z.infer<typeof servedModelSchema>;
