/**
 * `gatehouse cluster …`: the production topology (DESIGN §2).
 *   cluster init                 prepare an existing Temporal cluster (namespace, search attributes)
 *   cluster local up|stop|down   the local production stack: Temporal v1.29.1 on PostgreSQL, mTLS
 *   cluster local env            the GATEHOUSE_* variables that reach the local stack (--role: whose certificate)
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import type { ClientSettings } from '../config';
import { InputError } from '../errors';
import { ClusterInitError, formatInitReport, initCluster } from '../cluster/init';
import { downLocalStack, readStackState, stackEnvironment, stopServer, upLocalStack } from '../cluster/local-stack';
import { ensureAuthzServer } from '../cluster/authz-binary';
import { CLIENT_ROLES, ClientRole, createStackCertificates } from '../cluster/certs';
import { ensureTemporalServer, findServerModuleFiles } from '../cluster/server-binary';
import { connectChecked } from './connect';
import { CliExit, EXIT } from './exit-codes';

const say = (line: string) => process.stderr.write(line + '\n');
const out = (line: string) => process.stdout.write(line + '\n');

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_PREFIX = 'gatehouse_local';

function positiveInteger(flag: string, raw: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) throw new InputError(`${flag} ${raw}: expected a whole number from ${min} to ${max}`);
  return value;
}

export async function runClusterInit(settings: ClientSettings, retentionDays: number, json: boolean): Promise<number> {
  const { connection } = await connectChecked(settings);
  try {
    const report = await initCluster(connection, { namespace: settings.namespace, retentionDays });
    out(json ? JSON.stringify(report, null, 2) : formatInitReport(report));
    return EXIT.ok;
  } catch (err) {
    if (err instanceof ClusterInitError) throw new CliExit(EXIT.infrastructure, err.message);
    throw err;
  } finally {
    await connection.close();
  }
}

function stackDir(settings: ClientSettings, dir: string | undefined): string {
  return dir ?? join(settings.dataDir, 'cluster');
}

function envLines(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}=${v}`)
    .join('\n');
}

export function registerClusterCommands(program: Command, settings: () => ClientSettings): void {
  const cluster = program.command('cluster').description('production topology: a Temporal cluster of your own, and a local one on PostgreSQL');

  cluster
    .command('init')
    .description('prepare an existing Temporal cluster: check the server version, register the namespace (--namespace) and the search attributes; safe to run again')
    .option('--retention-days <days>', 'workflow history retention of a namespace it registers', '30')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { retentionDays: string; json?: boolean }) => {
      const retention = positiveInteger('--retention-days', opts.retentionDays, 1, 3650);
      process.exitCode = await runClusterInit(settings(), retention, opts.json === true);
    });

  cluster
    .command('certs')
    .description('create a CA, a server certificate (localhost, temporal, 127.0.0.1, and --name) and one client certificate per role (admin, worker, deployer, viewer) for mTLS (e.g. --out deploy/tls for docker-compose.yml)')
    .requiredOption('--out <dir>', 'where to write ca.pem, server.pem/.key, and admin, worker, deployer, viewer .pem/.key')
    .option('--name <names...>', 'more DNS names for the server certificate')
    .option('--days <days>', 'validity in days', '365')
    .action((opts: { out: string; name?: string[]; days: string }) => {
      for (const name of opts.name ?? []) if (!/^[A-Za-z0-9.-]+$/.test(name)) throw new InputError(`--name ${name}: expected a DNS name`);
      const certs = createStackCertificates(opts.out, { days: positiveInteger('--days', opts.days, 1, 3650), extraNames: opts.name });
      say(`CA ${certs.ca.certFile}; server ${certs.server.certFile} (for ${certs.serverName}, temporal, 127.0.0.1${opts.name?.length ? `, ${opts.name.join(', ')}` : ''})`);
      for (const role of CLIENT_ROLES) say(`client certificate of the ${role} role (OU=${role}): ${certs.clients[role].certFile}`);
      say('the .key files are readable by their owner only: make them readable by the uid each container runs as');
      out(certs.ca.certFile);
    });

  const local = cluster.command('local').description('a local production stack: Temporal server v1.29.1 on an existing PostgreSQL, with mTLS');
  local
    .command('up')
    .description('build (once) and start the stack, creating its databases and certificates the first time; prints how to connect')
    .option('--postgres <url>', 'PostgreSQL to create the two databases on', DEFAULT_POSTGRES_URL)
    .option('--prefix <prefix>', 'database name prefix (PREFIX_temporal, PREFIX_visibility)', DEFAULT_PREFIX)
    .option('--dir <dir>', 'where the stack keeps its state, certificates, config and log (default DATA_DIR/cluster)')
    .option('--port <port>', 'frontend gRPC port (default: a free one)', '0')
    .option('--retention-days <days>', 'retention of the namespace it registers', '3')
    .action(async (opts: { postgres: string; prefix: string; dir?: string; port: string; retentionDays: string }) => {
      const s = settings();
      const port = positiveInteger('--port', opts.port, 0, 65535);
      const retentionDays = positiveInteger('--retention-days', opts.retentionDays, 1, 3650);
      let stack;
      try {
        stack = await upLocalStack({ dir: stackDir(s, opts.dir), postgresUrl: opts.postgres, prefix: opts.prefix, port, namespaces: [s.namespace], retentionDays, progress: say });
      } catch (err) {
        if (err instanceof InputError) throw err;
        throw new CliExit(EXIT.infrastructure, `the local stack did not come up: ${(err as Error).message}`);
      }
      for (const report of stack.init) say(formatInitReport(report));
      say(`${stack.resumed ? 'already running' : 'up'}: Temporal ${stack.state.serverVersion} at ${stack.state.address} (mTLS), pid ${stack.state.pid}, databases ${stack.state.databases.temporal} and ${stack.state.databases.visibility}`);
      say('connect as a deployer with these variables (or `eval "$(gatehouse cluster local env)"`; workers: `--role worker`); stop with `gatehouse cluster local stop`, remove everything with `gatehouse cluster local down`:');
      out(envLines(stackEnvironment(stack.state, s.namespace)));
    });

  local
    .command('build')
    .description('find or build the Temporal server v1.29.1, its SQL schema tool and the server build with the Gatehouse authorizer (done by `up` when needed; this only does it ahead of time)')
    .action(async () => {
      const found = await ensureTemporalServer(say);
      const module = found ? findServerModuleFiles(say) : null;
      if (!found || !module) throw new CliExit(EXIT.infrastructure, 'no Temporal server binary, or no schema for it, could be found or built (see above)');
      const authz = await ensureAuthzServer(say);
      if (!authz) throw new CliExit(EXIT.infrastructure, 'the Temporal server with the Gatehouse authorizer could not be built (see above)');
      out(`${authz}\n${found.sql}\n${module.postgresSchemaDir}`);
    });

  local
    .command('env')
    .description('print the GATEHOUSE_* variables that reach the local stack (for eval in a shell)')
    .option('--dir <dir>', 'the stack directory (default DATA_DIR/cluster)')
    .option('--role <role>', `whose client certificate: ${CLIENT_ROLES.join(', ')}`, 'deployer')
    .action((opts: { dir?: string; role: string }) => {
      const s = settings();
      if (!(CLIENT_ROLES as readonly string[]).includes(opts.role)) throw new InputError(`--role ${opts.role}: expected one of ${CLIENT_ROLES.join(', ')}`);
      const state = readStackState(stackDir(s, opts.dir));
      if (!state) throw new InputError(`${stackDir(s, opts.dir)}: no local stack there (start one with \`gatehouse cluster local up\`)`);
      out(envLines(stackEnvironment(state, s.namespace, opts.role as ClientRole)));
    });

  local
    .command('stop')
    .description('stop the server; its databases keep every run (`up` starts it again)')
    .option('--dir <dir>', 'the stack directory (default DATA_DIR/cluster)')
    .action(async (opts: { dir?: string }) => {
      const s = settings();
      const state = readStackState(stackDir(s, opts.dir));
      if (!state) throw new InputError(`${stackDir(s, opts.dir)}: no local stack there`);
      await stopServer(state);
      say(`stopped the Temporal server at ${state.address}; databases ${state.databases.temporal} and ${state.databases.visibility} kept`);
    });

  local
    .command('down')
    .description('stop the server, drop its two databases and remove the stack directory')
    .option('--dir <dir>', 'the stack directory (default DATA_DIR/cluster)')
    .action(async (opts: { dir?: string }) => {
      const s = settings();
      const result = await downLocalStack(stackDir(s, opts.dir));
      if (result.problems.length > 0) throw new CliExit(EXIT.infrastructure, `could not drop: ${result.problems.join('; ')} (the stack directory was kept)`);
      say(result.dropped.length ? `removed the local stack; dropped ${result.dropped.join(' and ')}` : 'no local stack there; nothing to do');
    });
}
