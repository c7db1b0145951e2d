/**
 * The local production stack's front door (DESIGN §2): mTLS refuses clients without a certificate or
 * with one from another CA; the CLI's connection settings fail fast and name the field; and
 * `gatehouse cluster init` prepares a namespace once, changes nothing the second time, and names a
 * conflicting search attribute instead of touching it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { msToTs } from '@temporalio/common/lib/time';
import { createCertificateAuthority, issueCertificate } from '../../src/cluster/certs';
import { stackConnection, stackEnvironment } from '../../src/cluster/local-stack';
import { connectChecked, TemporalUnreachable } from '../../src/temporal/connection';
import { runCli } from '../helpers/cli';
import { clusterState, waitFor } from './helpers';

const state = clusterState();

/** A refusal must come, never a hang: a generous ceiling, not a measure of this machine's speed. */
const CEILING_MS = 60_000;
function withinCeiling<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const ceiling = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} hung for ${CEILING_MS / 1000} s`)), CEILING_MS);
  });
  return Promise.race([work, ceiling]).finally(() => clearTimeout(timer));
}
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-mtls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mTLS on the frontend', () => {
  const good = stackConnection(state);
  const base = { address: state.address, namespace: 'default' };

  test('a client with the stack CA’s certificate is served', async () => {
    const connection = await connectChecked(good, 10_000);
    const info = await connection.workflowService.getClusterInfo({});
    expect(info.serverVersion).toBe('1.29.1');
    await connection.close();
  });

  test('a plain-text client, a client without a certificate and one with a certificate from another CA are refused, each saying why, none hanging', async () => {
    const otherCa = createCertificateAuthority(join(dir, 'other'), 'other-ca');
    const stranger = issueCertificate(otherCa, join(dir, 'other'), 'stranger', { commonName: 'gatehouse', usage: 'client' });
    const attempts = {
      plain: { ...base },
      noCertificate: { ...base, tls: { enabled: true, serverCaFile: state.tls.caFile, serverName: state.tls.serverName } },
      otherCa: { ...base, tls: { enabled: true, serverCaFile: state.tls.caFile, serverName: state.tls.serverName, clientCertFile: stranger.certFile, clientKeyFile: stranger.keyFile } },
    };
    const results = await Promise.all(
      Object.entries(attempts).map(async ([name, settings]) => {
        const error = await withinCeiling(
          `connecting as ${name}`,
          connectChecked(settings, 5000).then(
            async (connection) => {
              await connection.close();
              return null;
            },
            (err: Error) => err,
          ),
        );
        return { name, error };
      }),
    );
    for (const { name, error } of results) expect([name, error instanceof TemporalUnreachable]).toEqual([name, true]);
    const message = Object.fromEntries(results.map((r) => [r.name, r.error!.message]));
    expect(message.plain).toMatch(/expects TLS/);
    expect(message.noCertificate).toMatch(/requires a client certificate/);
    expect(message.otherCa).toMatch(/refused the client certificate/);
  });

  test('the CLI without a client certificate exits 3 and says the server wants one', async () => {
    const env = stackEnvironment(state);
    delete env.GATEHOUSE_TEMPORAL_TLS_CERT;
    delete env.GATEHOUSE_TEMPORAL_TLS_KEY;
    const result = await runCli(['list'], { env, timeoutMs: CEILING_MS });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot reach the Temporal server at .*: the server requires a client certificate/);
  });

  test('bad connection settings are exit 2 and name the flag or variable', async () => {
    const env = stackEnvironment(state);
    const emptyKey = await runCli(['list'], { env: { ...env, GATEHOUSE_TEMPORAL_TLS_KEY: '' } });
    expect(emptyKey.code).toBe(2);
    expect(emptyKey.stderr).toMatch(/GATEHOUSE_TEMPORAL_TLS_KEY: expected the path of a PEM private key/);
    const missingCa = await runCli(['--tls-ca', join(dir, 'nope.pem'), 'list'], { env });
    expect(missingCa.code).toBe(2);
    expect(missingCa.stderr).toMatch(/--tls-ca \/ GATEHOUSE_TEMPORAL_TLS_CA: .*nope\.pem: no such file \(expected the PEM certificate/);
    const mismatched = await runCli(['list'], { env: { ...env, GATEHOUSE_TEMPORAL_TLS_CERT: state.tls.caFile } });
    expect(mismatched.code).toBe(2);
    expect(mismatched.stderr).toMatch(/GATEHOUSE_TEMPORAL_TLS_KEY: .* is not the private key of/);
    const badFlag = await runCli(['list'], { env: { ...env, GATEHOUSE_TEMPORAL_TLS: 'maybe' } });
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/GATEHOUSE_TEMPORAL_TLS: expected true or false/);
  });

  test('an unreachable cluster is exit 3, never a hang', async () => {
    const result = await runCli(['--address', '127.0.0.1:1', 'list'], { timeoutMs: CEILING_MS });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot reach the Temporal server at 127\.0\.0\.1:1.*nothing is listening/);
  });
});

describe('gatehouse cluster init', () => {
  // Registering namespaces and search attributes is the admin role's (deploy/temporal-authz).
  const env = stackEnvironment(state, 'default', 'admin');

  test('registers a namespace and the search attributes, and a second run changes nothing and says so', async () => {
    const namespace = `gatehouse-init-${randomBytes(3).toString('hex')}`;
    const first = await runCli(['--namespace', namespace, 'cluster', 'init', '--retention-days', '7', '--json'], { env });
    expect(first.code).toBe(0);
    const report1 = JSON.parse(first.stdout) as { namespaceCreated: boolean; attributesAdded: string[]; changed: boolean; serverVersion: string; retentionDays: number };
    expect(report1).toMatchObject({ namespaceCreated: true, changed: true, serverVersion: '1.29.1', retentionDays: 7 });
    expect([...report1.attributesAdded].sort()).toEqual(['GatehouseEnvironment', 'GatehouseModel', 'GatehouseOutcome', 'GatehouseRequester', 'GatehouseStage', 'GatehouseVersion']);

    const second = await runCli(['--namespace', namespace, 'cluster', 'init', '--retention-days', '7'], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`namespace ${namespace}: already registered (retention 7 days)`);
    expect(second.stdout).toContain('nothing changed');
  });

  test('a namespace where a Gatehouse attribute exists with another type is refused, naming it, and left untouched', async () => {
    const namespace = `gatehouse-conflict-${randomBytes(3).toString('hex')}`;
    const connection = await connectChecked(stackConnection(state, 'default', 'admin'), 10_000);
    try {
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
      // INDEXED_VALUE_TYPE_INT = 3: someone else's GatehouseStage, a number.
      await waitFor('the new namespace to be usable', () => connection.operatorService.addSearchAttributes({ namespace, searchAttributes: { GatehouseStage: 3 } }).then(() => true), 30_000, 250);
      const result = await runCli(['--namespace', namespace, 'cluster', 'init'], { env });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/GatehouseStage exists as Int, but Gatehouse needs Keyword/);
      expect(result.stderr).toContain('Nothing was changed');
      const listed = await connection.operatorService.listSearchAttributes({ namespace });
      expect(Object.keys(listed.customAttributes ?? {}).filter((name) => name.startsWith('Gatehouse'))).toEqual(['GatehouseStage']);
    } finally {
      await connection.close();
    }
  });
});
