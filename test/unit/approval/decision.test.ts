import { signEnvelope } from '../../../src/signing/dsse';
import { signStatement } from '../../../src/signing/intoto';
import {
  APPROVAL_PAYLOAD_TYPE,
  approvalDecisionSchema,
  approverKeysFromPolicy,
  approvalEnvelopeSchema,
  signApproval,
  slackAppKeyFromPolicy,
  verifyApproval,
} from '../../../src/approval/decision';
import { decision, keys, newKey, policySection, slackApp } from './fixtures';

const approverKeys = approverKeysFromPolicy(policySection());
const slackKey = slackAppKeyFromPolicy(policySection());
const viaSlack = decision('carol', { via: 'slack', slackUserId: 'U0CAROL' });

describe('signed approvals (DESIGN §4.3)', () => {
  it('verifies a CLI decision signed with the approver’s own key (Ed25519 and ECDSA P-256)', () => {
    expect(verifyApproval(signApproval(decision('carol'), keys.carol.privateKey), approverKeys, slackKey)).toEqual({ ok: true, decision: decision('carol') });
    const ecdsa = newKey('ecdsa-p256');
    const envelope = signApproval(decision('carol'), ecdsa.privateKey);
    expect(verifyApproval(envelope, new Map([['carol', [ecdsa.publicKey]]]))).toMatchObject({ ok: true });
    expect(envelope.payloadType).toBe(APPROVAL_PAYLOAD_TYPE);
  });

  it('refuses a CLI decision naming one approver but signed with another approver’s key', () => {
    expect(verifyApproval(signApproval(decision('carol'), keys.bob.privateKey), approverKeys, slackKey)).toEqual({
      ok: false,
      reason: 'decision via cli is not signed by a key of approver carol',
      decision: decision('carol'),
    });
  });

  it('refuses a CLI decision signed with the Slack app key: the app only speaks for Slack clicks', () => {
    expect(verifyApproval(signApproval(decision('carol'), slackApp.privateKey), approverKeys, slackKey)).toMatchObject({ ok: false });
  });

  it('verifies a Slack decision signed with the Slack app key, and refuses one signed with the approver’s own key', () => {
    expect(verifyApproval(signApproval(viaSlack, slackApp.privateKey), approverKeys, slackKey)).toMatchObject({ ok: true, decision: viaSlack });
    expect(verifyApproval(signApproval(viaSlack, keys.carol.privateKey), approverKeys, slackKey)).toMatchObject({
      ok: false,
      reason: 'decision via slack is not signed by the Slack app key',
    });
  });

  it('refuses a Slack decision when the policy names no Slack app key', () => {
    expect(verifyApproval(signApproval(viaSlack, slackApp.privateKey), approverKeys)).toMatchObject({
      ok: false,
      reason: 'decision was made via slack but the policy names no Slack app key',
    });
  });

  it('refuses an approver with no key in the policy', () => {
    const mallory = newKey();
    expect(verifyApproval(signApproval(decision('mallory'), mallory.privateKey), approverKeys, slackKey)).toMatchObject({
      ok: false,
      reason: 'no key for approver mallory in the policy',
    });
  });

  it('refuses a payload edited after signing (another report digest, another approver)', () => {
    const envelope = signApproval(decision('carol'), keys.carol.privateKey);
    const edited = { ...decision('carol'), reportDigest: 'c'.repeat(64) };
    const tampered = { ...envelope, payload: Buffer.from(JSON.stringify(edited)).toString('base64') };
    expect(verifyApproval(tampered, approverKeys, slackKey)).toMatchObject({ ok: false, decision: edited });
  });

  it('refuses another payload type, a payload that is not JSON, and one that is not a decision', () => {
    const intoto = signStatement({ _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'x', digest: { sha256: 'a'.repeat(64) } }], predicateType: 'p', predicate: {} }, keys.carol.privateKey);
    expect(verifyApproval(intoto, approverKeys)).toMatchObject({ ok: false, reason: expect.stringContaining('payloadType is application/vnd.in-toto+json') });
    expect(verifyApproval(signEnvelope(Buffer.from('not json'), APPROVAL_PAYLOAD_TYPE, keys.carol.privateKey), approverKeys)).toMatchObject({
      ok: false,
      reason: 'payload is not base64-encoded JSON',
    });
    const noDigest = signEnvelope(Buffer.from(JSON.stringify({ ...decision('carol'), reportDigest: 'short' })), APPROVAL_PAYLOAD_TYPE, keys.carol.privateKey);
    const result = verifyApproval(noDigest, approverKeys);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('reportDigest') });
    expect('decision' in result).toBe(false);
  });
});

describe('approvalDecisionSchema', () => {
  it('requires a Slack user id on decisions made via Slack', () => {
    expect(approvalDecisionSchema.safeParse(decision('carol', { via: 'slack' })).success).toBe(false);
  });

  it('refuses unknown fields, an upper-case digest and a signedAt that is not an ISO time', () => {
    expect(approvalDecisionSchema.safeParse({ ...decision('carol'), skipChecks: true }).success).toBe(false);
    expect(approvalDecisionSchema.safeParse(decision('carol', { reportDigest: 'A'.repeat(64) })).success).toBe(false);
    expect(approvalDecisionSchema.safeParse(decision('carol', { signedAt: 'yesterday' })).success).toBe(false);
  });

  it('signApproval refuses to sign a malformed decision', () => {
    expect(() => signApproval(decision('carol', { decision: 'maybe' as 'approve' }), keys.carol.privateKey)).toThrow();
  });
});

describe('approvalEnvelopeSchema (the workflow update validator’s shape check)', () => {
  it('accepts a signed approval and refuses another payload type or an unsigned envelope', () => {
    const envelope = signApproval(decision('carol'), keys.carol.privateKey);
    expect(approvalEnvelopeSchema.parse(envelope)).toEqual(envelope);
    expect(approvalEnvelopeSchema.safeParse({ ...envelope, payloadType: 'application/vnd.in-toto+json' }).success).toBe(false);
    expect(approvalEnvelopeSchema.safeParse({ ...envelope, signatures: [] }).success).toBe(false);
  });
});
