/**
 * The evaluation plan: which evaluation gates run for a model of this kind under this policy, and
 * which are decided without measuring (DESIGN §3). Pure and dependency-free, so the workflow uses it.
 */
import type { GateResult } from './pipeline-types';
import type { ModelKind } from './signing/attestation';
import type { Policy } from './policy/schema';

export type EvaluatedGate = 'safety' | 'regression' | 'bias';

export type PlannedGate =
  /** Measure, then judge. `toApprovers`: an inconclusive verdict goes on to the approvers instead of blocking. */
  | { gate: EvaluatedGate; action: 'evaluate'; toApprovers: boolean }
  /** Decided from the policy and the model's kind alone; `not_applicable` results never block. */
  | { gate: EvaluatedGate; action: 'decided'; result: GateResult };

/**
 * In the order the gates are listed (safety, regression, bias). An inconclusive verdict goes to the
 * approvers only when the gate's policy says so and the policy has an approval stage.
 */
export function evaluationPlan(policy: Pick<Policy, 'gates' | 'approval'>, kind: ModelKind): PlannedGate[] {
  const toApprovers = (onInconclusive: string) => onInconclusive === 'approvers' && policy.approval !== undefined;
  const plan: PlannedGate[] = [];
  const { safety, regression, bias } = policy.gates;
  if (safety && kind === 'classifier') {
    // The safety suite is prompts for chat models: a classifier is judged by the bias gate instead,
    // so safety does not apply only when the policy has that judgement for it (else fail closed).
    const reason = 'classifier: the safety prompt suite applies to chat models';
    plan.push(
      bias?.classifier
        ? { gate: 'safety', action: 'decided', result: { gate: 'safety', verdict: 'not_applicable', reasons: [`${reason}; the bias gate judges this classifier (gates.bias.classifier)`], metrics: { kind } } }
        : {
            gate: 'safety',
            action: 'decided',
            result: { gate: 'safety', verdict: 'fail', reasons: [`${reason}, and the policy has no classifier bias section (gates.bias.classifier) to judge this classifier instead (fail closed)`], metrics: { kind } },
          },
    );
  } else if (safety) {
    plan.push({ gate: 'safety', action: 'evaluate', toApprovers: toApprovers(safety.onInconclusive) });
  }
  if (regression) plan.push({ gate: 'regression', action: 'evaluate', toApprovers: toApprovers(regression.onInconclusive) });
  if (bias) plan.push({ gate: 'bias', action: 'evaluate', toApprovers: toApprovers(bias.onInconclusive) });
  return plan;
}
