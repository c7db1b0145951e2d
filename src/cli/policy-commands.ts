/** `gatehouse policy pin POLICY [--write]`: re-pin the policy's datasets by sha256 (src/init/policy-pin.ts). */
import type { Command } from 'commander';
import { formatPinDiff, planPin, writePin } from '../init/policy-pin';
import { policySignaturePathFor } from '../policy/signed-policy';
import { EXIT } from './exit-codes';

const out = (line: string) => process.stdout.write(line + '\n');

export function registerPolicyCommands(program: Command): void {
  program
    .command('policy')
    .description('policy files')
    .command('pin')
    .argument('<policy>', 'policy file (YAML)')
    .option('--write', 'write the recomputed digests into the policy (its owners must then sign it again)')
    .description('recompute the sha256 of every file the policy pins and show what differs; exit 0 up to date or written, 1 differs (nothing written), 2 bad input')
    .action((policy: string, opts: { write?: boolean }) => {
      const plan = planPin(policy);
      if (plan.changes.length === 0) {
        out(`${plan.policyPath}: all ${plan.unchanged} pinned files match their digests; nothing to do`);
        return;
      }
      out(formatPinDiff(plan));
      if (!opts.write) {
        out(`${plan.changes.length} digest${plan.changes.length === 1 ? '' : 's'} differ; nothing written (--write writes them, and the policy must then be signed again)`);
        process.exitCode = EXIT.refused;
        return;
      }
      writePin(plan);
      out(`wrote ${plan.changes.length} digest${plan.changes.length === 1 ? '' : 's'} into ${plan.policyPath}.`);
      out(`Its signatures (${policySignaturePathFor(plan.policyPath)}) no longer match: every policy owner must sign it again (\`gatehouse sign policy ${policy} --key …\`).`);
    });
}
