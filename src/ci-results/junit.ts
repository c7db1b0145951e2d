/**
 * JUnit XML, as CI systems read it: one `testsuite` per gate, one `testcase` per category or metric;
 * a case that did not pass carries the reason in `failure` (inconclusive fails too: fail closed), a
 * case that does not apply is `skipped`. Pure: the caller writes the file.
 */
import { gateCases, type GateEvidence } from './gate-cases';

function xml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

export function renderJunit(name: string, gates: GateEvidence[]): string {
  const suites = gates.map((evidence) => {
    const cases = gateCases(evidence);
    const failures = cases.filter((c) => c.verdict !== 'pass' && c.verdict !== 'not_applicable').length;
    const skipped = cases.filter((c) => c.verdict === 'not_applicable').length;
    const body = cases.map((c) => {
      const open = `    <testcase classname="gatehouse.${xml(evidence.result.gate)}" name="${xml(c.name)}">`;
      const out = `      <system-out>${xml(`${c.verdict}: ${c.measured}`)}</system-out>`;
      if (c.verdict === 'not_applicable') return `${open}\n      <skipped message="${xml(c.measured || 'not applicable')}"/>\n${out}\n    </testcase>`;
      if (c.reason === null) return `${open}\n${out}\n    </testcase>`;
      return `${open}\n      <failure type="${xml(c.verdict)}" message="${xml(c.reason)}">${xml(`${c.reason}\n${c.measured}`)}</failure>\n${out}\n    </testcase>`;
    });
    return `  <testsuite name="${xml(evidence.result.gate)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${body.join('\n')}\n  </testsuite>`;
  });
  const total = gates.reduce((sum, g) => sum + gateCases(g).length, 0);
  const failures = gates.reduce((sum, g) => sum + gateCases(g).filter((c) => c.verdict !== 'pass' && c.verdict !== 'not_applicable').length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(name)}" tests="${total}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
