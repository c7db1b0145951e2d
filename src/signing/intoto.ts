/**
 * in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md),
 * carried in DSSE envelopes with payloadType application/vnd.in-toto+json.
 */
import { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { Envelope, IN_TOTO_PAYLOAD_TYPE, signEnvelope } from './dsse';
import { InputError, parseWith } from '../errors';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';

export const resourceDescriptorSchema = z.object({
  name: z.string().min(1),
  digest: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters') }),
});
export type ResourceDescriptor = z.infer<typeof resourceDescriptorSchema>;

export const statementSchema = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(resourceDescriptorSchema).min(1, 'expected at least one subject'),
  predicateType: z.string().min(1),
  predicate: z.record(z.string(), z.unknown()).default({}),
});
export type Statement = z.infer<typeof statementSchema>;

export function signStatement(statement: Statement, privateKey: KeyObject): Envelope {
  return signEnvelope(Buffer.from(JSON.stringify(statement), 'utf8'), IN_TOTO_PAYLOAD_TYPE, privateKey);
}

/** Decodes an envelope's payload as an in-toto statement (without checking signatures). */
export function decodeStatement(envelope: Envelope, source: string): Statement {
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new InputError(`payloadType: expected ${IN_TOTO_PAYLOAD_TYPE}, got ${envelope.payloadType}`, source);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
  } catch {
    throw new InputError('payload: expected base64-encoded JSON (an in-toto Statement)', source);
  }
  return parseWith(statementSchema, json, `${source} (payload)`);
}
