/**
 * The one scoring rule every gate uses (STYLE §3, score): fail on any problem or failed check, and on
 * no checks at all (nothing was judged, so nothing passed: fail closed); else inconclusive if any
 * check is; else pass. A `not_applicable` check neither passes nor blocks on its own.
 */
export type GateScore = 'pass' | 'fail' | 'inconclusive';

export function scoreChecks(verdicts: readonly string[], problems: readonly string[] = []): GateScore {
  if (verdicts.length === 0 || problems.length > 0 || verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('inconclusive')) return 'inconclusive';
  return 'pass';
}
