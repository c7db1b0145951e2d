/** Runs the built `gatehouse` command exactly as a user does (bin/gatehouse → dist/). */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'gatehouse');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment without any GATEHOUSE_* variable of the developer's shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GATEHOUSE_')) env[k] = v;
  return { ...env, ...extra };
}

export function runCli(args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (the test command does)');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cleanEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gatehouse ${args.join(' ')} timed out\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

export interface UpPorts {
  temporalPort: number;
  gatewayPort: number;
  modelHostPort: number;
  /** Given explicitly: the default (gateway port + 1) may be another free port handed out to this test. */
  gatewayAdminPort?: number;
}

/** Starts `gatehouse up --headless` on a data dir in the background and waits until it says it is up. */
export async function startUp(dataDir: string, ports: UpPorts): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      BIN, '--data-dir', dataDir, 'up', '--headless', '--port', String(ports.temporalPort), '--gateway-port', String(ports.gatewayPort), '--model-host-port', String(ports.modelHostPort),
      ...(ports.gatewayAdminPort !== undefined ? ['--gateway-admin-port', String(ports.gatewayAdminPort)] : []),
    ],
    { env: cleanEnv({ GATEHOUSE_LOG_LEVEL: 'warn' }), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 90_000;
  while (!stderr.includes('Gatehouse is up')) {
    if (child.exitCode !== null) throw new Error(`gatehouse up exited early:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`gatehouse up did not come up:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

/** Ctrl-C for a background `gatehouse up`; resolves with its exit code. */
export async function stopUp(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}
