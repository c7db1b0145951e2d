import { evaluationPlan } from '../../src/evaluation-plan';
import type { Policy } from '../../src/policy/schema';

type PlanPolicy = Pick<Policy, 'gates' | 'approval'>;

/** Only the fields the plan reads; the sections' own contents are the judges' business. */
function policyWith(gates: { safety?: string; regression?: string; bias?: string; biasClassifier?: boolean }, approval: boolean): PlanPolicy {
  const section = (onInconclusive: string | undefined, extra: object = {}) => (onInconclusive ? { onInconclusive, ...extra } : undefined);
  return {
    gates: {
      safety: section(gates.safety),
      regression: section(gates.regression),
      bias: section(gates.bias, gates.biasClassifier ? { classifier: {} } : {}),
    },
    approval: approval ? {} : undefined,
  } as unknown as PlanPolicy;
}

describe('the evaluation plan: which gates run for which model kind', () => {
  test('a chat model runs every gate the policy has, in the order safety, regression, bias', () => {
    const plan = evaluationPlan(policyWith({ safety: 'block', regression: 'block', bias: 'block' }, false), 'chat');
    expect(plan.map((p) => [p.gate, p.action])).toEqual([
      ['safety', 'evaluate'],
      ['regression', 'evaluate'],
      ['bias', 'evaluate'],
    ]);
  });

  test('a gate the policy does not have is not planned', () => {
    expect(evaluationPlan(policyWith({ safety: 'block' }, false), 'chat').map((p) => p.gate)).toEqual(['safety']);
    expect(evaluationPlan(policyWith({}, false), 'chat')).toEqual([]);
  });

  test('a classifier skips the safety prompts when the bias gate judges classifiers', () => {
    const [safety, bias] = evaluationPlan(policyWith({ safety: 'block', bias: 'block', biasClassifier: true }, false), 'classifier');
    expect(safety).toMatchObject({ gate: 'safety', action: 'decided', result: { verdict: 'not_applicable' } });
    expect(bias).toMatchObject({ gate: 'bias', action: 'evaluate' });
  });

  test('a classifier under a policy with safety but no classifier bias section fails safety (fail closed)', () => {
    const [safety] = evaluationPlan(policyWith({ safety: 'block' }, false), 'classifier');
    expect(safety).toMatchObject({ gate: 'safety', action: 'decided', result: { verdict: 'fail' } });
    if (safety?.action !== 'decided') throw new Error('expected a decided safety gate');
    expect(safety.result.reasons[0]).toContain('gates.bias.classifier');
  });

  test('an inconclusive verdict goes to the approvers only when the gate says so and there is an approval stage', () => {
    const toApprovers = (approval: boolean, onInconclusive: string) => {
      const [planned] = evaluationPlan(policyWith({ regression: onInconclusive }, approval), 'chat');
      return planned?.action === 'evaluate' && planned.toApprovers;
    };
    expect(toApprovers(true, 'approvers')).toBe(true);
    expect(toApprovers(false, 'approvers')).toBe(false);
    expect(toApprovers(true, 'block')).toBe(false);
  });
});
