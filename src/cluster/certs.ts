/**
 * Throwaway certificates for the local production stack's mTLS: a CA, a server certificate for the
 * frontend and the cluster's own nodes, and client certificates. node:crypto makes keys but cannot
 * sign X.509 certificates, so this drives the `openssl` command (OpenSSL 1.1.1 or 3). EC P-256 keys,
 * PKCS#8 PEM, v3 certificates with the extensions rustls (the SDK's core) and Go's crypto/tls insist on.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CertificateFiles {
  certFile: string;
  keyFile: string;
}

export interface CertificateAuthority extends CertificateFiles {
  dir: string;
}

function openssl(args: string[], what: string): void {
  const out = spawnSync('openssl', args, { encoding: 'utf8' });
  if (out.error) throw new Error(`cannot run openssl to ${what} (${out.error.message}): install OpenSSL, or bring your own certificates`);
  if (out.status !== 0) throw new Error(`openssl failed to ${what}: ${(out.stderr || out.stdout).trim().split('\n').slice(-3).join(' ')}`);
}

function newKey(keyFile: string): void {
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyFile], `create ${keyFile}`);
  chmodSync(keyFile, 0o600);
}

/** A self-signed CA valid for `days` (the stack is throwaway: two days by default). */
export function createCertificateAuthority(dir: string, name: string, days = 2): CertificateAuthority {
  mkdirSync(dir, { recursive: true });
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.pem`);
  newKey(keyFile);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, ['[v3_ca]', 'basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash', ''].join('\n'));
  openssl(['req', '-x509', '-new', '-key', keyFile, '-out', certFile, '-days', String(days), '-subj', `/O=Gatehouse/CN=${name}`, '-config', ext, '-extensions', 'v3_ca'], `create the CA ${name}`);
  rmSync(ext, { force: true });
  return { dir, certFile, keyFile };
}

export interface IssueOptions {
  commonName: string;
  /** The subject's OU: the role the server's claim mapper reads (deploy/temporal-authz/authz.go). */
  organizationalUnit?: string;
  /** DNS names and IP addresses the certificate is valid for (server certificates). */
  dnsNames?: string[];
  ipAddresses?: string[];
  usage: 'server' | 'client' | 'both';
  days?: number;
}

/** A certificate signed by `ca`, written as NAME.pem and NAME.key in `dir`. */
export function issueCertificate(ca: CertificateAuthority, dir: string, name: string, options: IssueOptions): CertificateFiles {
  mkdirSync(dir, { recursive: true });
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.pem`);
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  newKey(keyFile);
  const unit = options.organizationalUnit ? `/OU=${options.organizationalUnit}` : '';
  openssl(['req', '-new', '-key', keyFile, '-out', csr, '-subj', `/O=Gatehouse${unit}/CN=${options.commonName}`], `create a request for ${name}`);
  const usages = { server: 'serverAuth', client: 'clientAuth', both: 'serverAuth, clientAuth' }[options.usage];
  const alt = [...(options.dnsNames ?? []).map((d) => `DNS:${d}`), ...(options.ipAddresses ?? []).map((ip) => `IP:${ip}`)];
  writeFileSync(
    ext,
    [
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature, keyEncipherment',
      `extendedKeyUsage = ${usages}`,
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      ...(alt.length ? [`subjectAltName = ${alt.join(', ')}`] : []),
      '',
    ].join('\n'),
  );
  const serial = `0x${Date.now().toString(16)}${Math.floor(Math.random() * 0xffff).toString(16)}`;
  openssl(['x509', '-req', '-in', csr, '-CA', ca.certFile, '-CAkey', ca.keyFile, '-set_serial', serial, '-out', certFile, '-days', String(options.days ?? 2), '-extfile', ext], `sign ${name}`);
  rmSync(csr, { force: true });
  rmSync(ext, { force: true });
  return { certFile, keyFile };
}

/**
 * The identities a Gatehouse cluster tells apart (issue 16, item 5), each with its own client
 * certificate whose OU names the role; the server's authorizer (deploy/temporal-authz) grants:
 *  - admin: everything (`gatehouse cluster init`: namespaces, search attributes);
 *  - worker: poll the task queues and answer the tasks it polled, and read;
 *  - deployer: start `deploymentPipeline`, signal and update runs (approvals, canary commands), and read;
 *  - viewer: read only (the Web UI).
 */
export const CLIENT_ROLES = ['admin', 'worker', 'deployer', 'viewer'] as const;
export type ClientRole = (typeof CLIENT_ROLES)[number];
/** The OU of the server certificate, which the cluster's own nodes and system worker present. */
export const SYSTEM_ROLE = 'temporal-system';

/** The stack's set: CA, one server certificate (frontend and internode), one client certificate per role. */
export interface StackCertificates {
  ca: CertificateAuthority;
  server: CertificateFiles;
  clients: Record<ClientRole, CertificateFiles>;
  /** The name every client verifies in the server certificate. */
  serverName: string;
}

export const LOCAL_SERVER_NAME = 'localhost';

/**
 * Files: ca.pem/.key, server.pem/.key (valid for localhost, `temporal` (the compose service), 127.0.0.1
 * and `extraNames`), and ROLE.pem/.key for each of CLIENT_ROLES. The same layout serves the local
 * stack and docker-compose.yml, which mounts each service only the certificate of its role.
 */
export function createStackCertificates(dir: string, options: { days?: number; extraNames?: string[] } = {}): StackCertificates {
  const days = options.days ?? 2;
  const ca = createCertificateAuthority(dir, 'ca', days);
  const server = issueCertificate(ca, dir, 'server', {
    commonName: LOCAL_SERVER_NAME,
    organizationalUnit: SYSTEM_ROLE,
    days,
    dnsNames: [...new Set([LOCAL_SERVER_NAME, 'temporal', ...(options.extraNames ?? [])])],
    ipAddresses: ['127.0.0.1'],
    // Also presented as the client certificate of the cluster's own nodes and system worker.
    usage: 'both',
  });
  const clients = Object.fromEntries(
    CLIENT_ROLES.map((role) => [role, issueCertificate(ca, dir, role, { commonName: `gatehouse-${role}`, organizationalUnit: role, usage: 'client', days })]),
  ) as Record<ClientRole, CertificateFiles>;
  return { ca, server, clients, serverName: LOCAL_SERVER_NAME };
}
