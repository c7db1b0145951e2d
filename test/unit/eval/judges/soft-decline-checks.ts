/** The check every soft-decline rule's test makes (refusal-soft-declines-9/10/11.test.ts). */
import { detectRefusal } from '../../../../src/eval/judges/refusal';

/** `opener` alone is a refusal by `rule`, naming it and quoting its span; `opener + steps` is not a refusal (fail closed). */
export function declinesButNotAroundSteps(opener: string, rule: RegExp, steps: string, prompt?: string): void {
  const alone = detectRefusal(opener, prompt);
  expect(alone.verdict).toBe('refusal');
  expect(alone.reason).toMatch(rule);
  expect(alone.reason).toMatch(/^rule "(?:refusal|lecture)": .*"[^"]+"/);
  expect(detectRefusal(opener + steps, prompt).verdict).not.toBe('refusal');
}
