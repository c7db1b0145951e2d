/** A minimal workflow that uses ApprovalBook, bundled by workflow-safe.test.ts with Temporal's bundler. */
import { ApprovalBook, chooseReviewQuestions } from '../../../src/approval/book';
import { approvalDecisionSchema, approvalEnvelopeSchema } from '../../../src/approval/decision-schema';
import { approvalPolicySchema, riskTier } from '../../../src/approval/policy';

export async function approvalBookFixture(input: unknown): Promise<string> {
  const section = approvalPolicySchema.parse(input);
  const { tier } = riskTier({ environment: 'production', trafficShare: 1, changeType: 'weights', modelSizeChangeRatio: 1, reversible: true, inconclusiveGates: [], firstDeployment: false });
  const book = new ApprovalBook({ policySection: section, tier, requester: 'alice', reportDigest: 'a'.repeat(64), publishedAtMs: 0, questions: chooseReviewQuestions([], 0, () => 0) });
  approvalDecisionSchema.safeParse({});
  approvalEnvelopeSchema.safeParse({});
  return book.state(0).status;
}
