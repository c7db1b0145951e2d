/**
 * Deployment requests signed by their requester (DESIGN §6, "False requester"): the requester's key
 * signs the canonical JSON of the whole request as the pipeline receives it, so no field (version,
 * change type, requester) can be changed afterwards. Who may request is the signed policy's to say:
 * its `requesters` and its approvers; `requestedBy` must be the owner of the key that signed.
 */
import type { KeyObject } from 'node:crypto';
import type { PipelineRequest } from '../pipeline-types';
import type { Policy } from '../policy/schema';
import { canonicalJson } from './canonical-json';
import { parseEnvelope, signEnvelope, verifyEnvelope } from './dsse';
import { keyIdOf, loadPrivateKey, parsePublicKeyPem } from './keys';

export const REQUEST_PAYLOAD_TYPE = 'application/vnd.gatehouse.deployment-request+json';

/** The bytes a requester signs: every field of the request but the signature itself. */
export function requestPayload(request: PipelineRequest): Buffer {
  const { requestSignature: _signature, ...fields } = request;
  return Buffer.from(canonicalJson(fields), 'utf8');
}

export function signRequest(request: PipelineRequest, requesterKey: KeyObject): PipelineRequest {
  const { requestSignature: _previous, ...fields } = request;
  const envelope = signEnvelope(requestPayload(fields), REQUEST_PAYLOAD_TYPE, requesterKey);
  return { ...fields, requestSignature: envelope };
}

/** Who may sign requests under `policy`: key id → owner id (its requesters, then its approvers). */
export function requesterKeysFrom(policy: Policy): Map<string, { owner: string; key: KeyObject }> {
  const keys = new Map<string, { owner: string; key: KeyObject }>();
  const people = [...policy.requesters, ...(policy.approval?.approvers ?? [])];
  for (const person of people) {
    const key = parsePublicKeyPem(person.publicKey, `policy key of ${person.id}`);
    keys.set(keyIdOf(key), { owner: person.id, key });
  }
  return keys;
}

/** Checks the request's signature against the policy's people; the requester is the signing key's owner. */
export function verifyRequestSignature(request: PipelineRequest, policy: Policy): { ok: true; requester: string } | { ok: false; reason: string } {
  if (!request.requestSignature) {
    return { ok: false, reason: 'the deployment request is not signed: a request must be signed by its requester (`gatehouse deploy REQ --key K`)' };
  }
  let envelope;
  try {
    envelope = parseEnvelope(request.requestSignature, 'request signature');
  } catch (err) {
    return { ok: false, reason: `the request signature is malformed: ${(err as Error).message}` };
  }
  if (envelope.payloadType !== REQUEST_PAYLOAD_TYPE) return { ok: false, reason: `the request signature's payloadType is ${envelope.payloadType}, expected ${REQUEST_PAYLOAD_TYPE}` };
  if (!Buffer.from(envelope.payload, 'base64').equals(requestPayload(request))) {
    return { ok: false, reason: 'the request signature covers another request: the request was changed after it was signed' };
  }
  const people = requesterKeysFrom(policy);
  const verification = verifyEnvelope(envelope, new Map([...people].map(([id, p]) => [id, p.key])));
  const owners = [...new Set(verification.trustedKeyIds.map((id) => people.get(id)!.owner))];
  if (owners.length === 0) {
    return { ok: false, reason: `the request is not signed by a key policy ${policy.name} lists for a requester or approver` };
  }
  if (!owners.includes(request.requestedBy)) {
    return { ok: false, reason: `requestedBy says ${request.requestedBy}, but the request is signed by ${owners.join(', ')}: the requester is whoever signed` };
  }
  return { ok: true, requester: request.requestedBy };
}

/** `signRequest` with the requester's PEM private key file (the CLI's `--key`). */
export function signRequestWithKeyFile(request: PipelineRequest, privateKeyPath: string): PipelineRequest {
  return signRequest(request, loadPrivateKey(privateKeyPath));
}
