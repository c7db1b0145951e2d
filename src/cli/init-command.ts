/** `gatehouse init [DIR]`: a working policy, request and release key for one model (src/init/). */
import { Command, Option } from 'commander';
import type { ClientSettings } from '../config';
import { initWorkspace } from '../init/init-workspace';

const out = (line: string) => process.stdout.write(line + '\n');

export function registerInitCommand(program: Command, settings: () => ClientSettings): void {
  program
    .command('init')
    .argument('[dir]', 'folder to write into (created if needed)', '.')
    .description('write policy.yaml (every gate, example suites pinned), request.yaml and a release key pair; exit 2 if a file exists')
    .addOption(new Option('--kind <kind>', 'what the model is').choices(['chat', 'classifier']).default('chat'))
    .option('--model <name>', 'the model name (lowercase letters, digits, ".", "_", "-")', 'my-model')
    .option('--force', 'overwrite policy.yaml, request.yaml and the suites (an existing release key is kept)')
    .action((dir: string, opts: { kind: 'chat' | 'classifier'; model: string; force?: boolean }) => {
      const { dataDir } = settings();
      const result = initWorkspace({ dir, kind: opts.kind, model: opts.model, dataDir, force: opts.force === true });
      out(`wrote ${result.policyPath}`);
      out(`wrote ${result.requestPath}`);
      for (const suite of result.suites) out(`wrote ${suite} (pinned by sha256 in the policy)`);
      out(`${result.releaseKey.created ? 'created' : 'kept'} the release key ${result.releaseKey.privateKeyPath} (${result.releaseKey.keyId})`);
      if (result.createdDataDirKeys.length > 0) out(`created the data dir's pipeline and policy-owner keys in ${dataDir}/keys (\`gatehouse up\` uses them)`);
      out(`pipeline key id: ${result.pipelineKeyId}`);
      out('');
      out('Put your model in model/ (a file or a folder); try it first with `gatehouse eval --policy … --endpoint URL`. Then:');
      result.nextCommands.forEach((command) => out(`  ${command}`));
    });
}
