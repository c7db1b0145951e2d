/**
 * Deployment attestations (DESIGN §4.3): the pipeline's signed statement that a given artifact passed
 * every gate of a run and may take a given slot and weight. The serving gateway changes routing only
 * when handed one that verifies against the pipeline key held in the gateway's own configuration.
 */
import { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { Envelope, TooManySignatures, verifyEnvelope, verifyEnvelopeByKeyId } from './dsse';
import { decodeStatement, signStatement, Statement } from './intoto';

export const ATTESTATION_PREDICATE_TYPE = 'https://gatehouse.dev/deployment-attestation/v1';

export const gateNames = ['policy', 'integrity', 'provenance', 'regression', 'safety', 'bias', 'approval', 'canary'] as const;
export type GateName = (typeof gateNames)[number];
export const verdicts = ['pass', 'fail', 'inconclusive', 'not_applicable'] as const;
export type Verdict = (typeof verdicts)[number];
export const slots = ['stable', 'canary', 'staging'] as const;
export type Slot = (typeof slots)[number];
/**
 * What a model is, read by the pipeline from the verified artifact (never from the request): a `chat`
 * model is served on the chat route and judged by the safety suite; a `classifier` on the KServe V1
 * predict route, judged by the bias gate instead of the (chat) safety suite.
 */
export const modelKinds = ['chat', 'classifier'] as const;
export type ModelKind = (typeof modelKinds)[number];

export const attestationPredicateSchema = z.object({
  model: z.string().min(1),
  version: z.string().min(1),
  environment: z.string().min(1),
  workflowId: z.string().min(1),
  runId: z.string().min(1),
  policyDigest: z.string().regex(/^[0-9a-f]{64}$/),
  artifactRootDigest: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * The kind of model the attestation was issued for: the gateway checks the gates it requires for
   * that kind and serves the model on that kind's route only. Absent (attestations from before kinds
   * existed) reads as `chat`, the only kind the gateway served then: never as a way around safety.
   */
  kind: z.enum(modelKinds).optional(),
  gates: z.array(
    z.object({
      gate: z.enum(gateNames),
      verdict: z.enum(verdicts),
      reportDigest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    }),
  ),
  approvers: z.array(z.string()),
  slot: z.enum(slots),
  weight: z.number().min(0).max(100),
  backend: z.object({ url: z.string().url() }),
  issuedAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  /**
   * A canary weight's lease (DESIGN §5.7): the gateway routes the canary's share only until this
   * instant, then drops it back to 0 by itself unless a renewal (a newer attestation) arrived. Signed
   * with the rest, so nobody without the pipeline key can extend it. Required for a canary weight > 0.
   */
  leaseExpiresAt: z.string().datetime().optional(),
  nonce: z.string().min(16),
});
export type AttestationPredicate = z.infer<typeof attestationPredicateSchema>;

/** The kind an attestation was issued for (`chat` when it does not say). */
export function attestedKind(predicate: Pick<AttestationPredicate, 'kind'>): ModelKind {
  return predicate.kind ?? 'chat';
}

/** Gates that must show `pass`: one list for every kind, or one list per kind. */
export type RequiredGates = readonly GateName[] | Readonly<Record<ModelKind, readonly GateName[]>>;

export function requiredGatesFor(required: RequiredGates, kind: ModelKind): readonly GateName[] {
  return isGateList(required) ? required : required[kind];
}

function isGateList(required: RequiredGates): required is readonly GateName[] {
  return Array.isArray(required);
}

export function attestationStatement(predicate: AttestationPredicate): Statement {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: `${predicate.model}@${predicate.version}`, digest: { sha256: predicate.artifactRootDigest } }],
    predicateType: ATTESTATION_PREDICATE_TYPE,
    predicate,
  };
}

export function signAttestation(predicate: AttestationPredicate, pipelineKey: KeyObject): Envelope {
  return signStatement(attestationStatement(attestationPredicateSchema.parse(predicate)), pipelineKey);
}

export type AttestationRefusal =
  | 'malformed'
  | 'untrusted_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'missing_gate'
  | 'subject_mismatch'
  | 'too_many_signatures'
  | 'wrong_environment';

export class AttestationRefused extends Error {
  override name = 'AttestationRefused';
  constructor(
    readonly reason: AttestationRefusal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Verifies an attestation: a valid signature by one of `pipelineKeys` (from the verifier's own
 * configuration, never from the attestation), not expired, subject digest equal to the predicate's,
 * and every gate `requiredGates` names for the attested kind listed as `pass` (`not_applicable` is not
 * a pass). Nonce freshness and the digest actually served are the caller's checks: they need the
 * caller's state.
 */
export function verifyAttestation(
  envelope: Envelope,
  pipelineKeys: ReadonlyMap<string, KeyObject>,
  requiredGates: RequiredGates,
  now: Date,
  /** Caps for verifiers any peer can reach: only the key each keyid names is tried, at most this many signatures. */
  options: { maxSignatures?: number } = {},
): AttestationPredicate {
  let statement: Statement;
  try {
    statement = decodeStatement(envelope, 'attestation');
  } catch (err) {
    throw new AttestationRefused('malformed', (err as Error).message);
  }
  let verification;
  try {
    verification =
      options.maxSignatures === undefined ? verifyEnvelope(envelope, pipelineKeys) : verifyEnvelopeByKeyId(envelope, pipelineKeys, options.maxSignatures);
  } catch (err) {
    if (err instanceof TooManySignatures) throw new AttestationRefused('too_many_signatures', err.message);
    throw err;
  }
  if (verification.trustedKeyIds.length === 0) {
    throw new AttestationRefused('untrusted_signature', 'attestation is not signed by the pipeline key this gateway trusts');
  }
  if (statement.predicateType !== ATTESTATION_PREDICATE_TYPE) {
    throw new AttestationRefused('malformed', `predicateType: expected ${ATTESTATION_PREDICATE_TYPE}`);
  }
  const parsed = attestationPredicateSchema.safeParse(statement.predicate);
  if (!parsed.success) throw new AttestationRefused('malformed', `predicate: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const predicate = parsed.data;
  const subject = statement.subject[0];
  if (statement.subject.length !== 1 || !subject || subject.digest.sha256 !== predicate.artifactRootDigest) {
    throw new AttestationRefused('subject_mismatch', 'attestation subject does not match the attested artifact digest');
  }
  if (Date.parse(predicate.expiresAt) <= now.getTime()) {
    throw new AttestationRefused('expired', `attestation expired at ${predicate.expiresAt}`);
  }
  if (Date.parse(predicate.issuedAt) > now.getTime() + 5 * 60_000) {
    throw new AttestationRefused('not_yet_valid', `attestation issued in the future (${predicate.issuedAt})`);
  }
  const passed = new Set(predicate.gates.filter((g) => g.verdict === 'pass').map((g) => g.gate));
  const kind = attestedKind(predicate);
  const missing = requiredGatesFor(requiredGates, kind).filter((gate) => !passed.has(gate));
  if (missing.length > 0) {
    throw new AttestationRefused('missing_gate', `attestation does not show these gates, required for a ${kind} model, passed: ${missing.join(', ')}`);
  }
  return predicate;
}
