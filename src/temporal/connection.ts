/**
 * How Gatehouse reaches a Temporal cluster: address, namespace, and either TLS (a server CA, a client
 * certificate and key for mTLS, a server name override) or an API key (Temporal Cloud), or both.
 * One description feeds the CLI's client (`@temporalio/client`) and the worker's native connection,
 * so `gatehouse deploy` and `gatehouse worker` always connect the same way.
 *
 * Every problem is reported before anything is sent: a bad value names the flag and the variable it
 * came from and what was expected (exit 2 in the CLI); an unreachable or refusing cluster is reported
 * within seconds with what was tried (exit 3), never a silent hang.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { connect as netConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { Connection, ConnectionOptions, TLSConfig } from '@temporalio/client';
import { InputError } from '../errors';

/** The TLS part, as paths (what a user hands in). */
export interface TemporalTlsSettings {
  /** Use TLS even without any file (server certificate trusted by the system's roots). */
  enabled: boolean;
  serverCaFile?: string;
  clientCertFile?: string;
  clientKeyFile?: string;
  serverName?: string;
}

export interface TemporalConnectionSettings {
  address: string;
  namespace: string;
  tls?: TemporalTlsSettings;
  apiKey?: string;
}

/** Where each setting comes from, so an error names what the user actually typed. */
export const CONNECTION_FIELDS = {
  serverCaFile: '--tls-ca / GATEHOUSE_TEMPORAL_TLS_CA',
  clientCertFile: '--tls-cert / GATEHOUSE_TEMPORAL_TLS_CERT',
  clientKeyFile: '--tls-key / GATEHOUSE_TEMPORAL_TLS_KEY',
  serverName: '--tls-server-name / GATEHOUSE_TEMPORAL_TLS_SERVER_NAME',
  enabled: '--tls / GATEHOUSE_TEMPORAL_TLS',
  apiKey: '--api-key-file / GATEHOUSE_TEMPORAL_API_KEY',
} as const;

function readPemFile(path: string, field: string, what: string): Buffer {
  let data: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    data = readFileSync(path);
  } catch {
    throw new InputError(`${field}: ${path}: no such file (expected ${what})`);
  }
  if (!data.toString('utf8').includes('-----BEGIN ')) throw new InputError(`${field}: ${path} is not PEM (expected ${what})`);
  return data;
}

function checkCertificate(pem: Buffer, field: string, path: string): void {
  try {
    new X509Certificate(pem);
  } catch (err) {
    throw new InputError(`${field}: ${path}: not a readable X.509 certificate (${(err as Error).message}); expected a PEM certificate`);
  }
}

/**
 * Reads and checks the TLS files; undefined when TLS is off. Certificate and key must come together,
 * and the key must be the certificate's.
 */
export function loadTlsConfig(tls: TemporalTlsSettings | undefined): TLSConfig | undefined {
  if (!tls) return undefined;
  const anyFile = tls.serverCaFile || tls.clientCertFile || tls.clientKeyFile || tls.serverName;
  if (!tls.enabled && !anyFile) return undefined;
  if (Boolean(tls.clientCertFile) !== Boolean(tls.clientKeyFile)) {
    const missing = tls.clientCertFile ? CONNECTION_FIELDS.clientKeyFile : CONNECTION_FIELDS.clientCertFile;
    throw new InputError(`${missing}: missing (expected the client certificate and its private key together, for mTLS)`);
  }
  const config: TLSConfig = {};
  if (tls.serverName) config.serverNameOverride = tls.serverName;
  if (tls.serverCaFile) {
    const ca = readPemFile(tls.serverCaFile, CONNECTION_FIELDS.serverCaFile, "the PEM certificate of the CA that signed the server's certificate");
    checkCertificate(ca, CONNECTION_FIELDS.serverCaFile, tls.serverCaFile);
    config.serverRootCACertificate = ca;
  }
  if (tls.clientCertFile && tls.clientKeyFile) {
    const crt = readPemFile(tls.clientCertFile, CONNECTION_FIELDS.clientCertFile, 'a PEM client certificate');
    checkCertificate(crt, CONNECTION_FIELDS.clientCertFile, tls.clientCertFile);
    const key = readPemFile(tls.clientKeyFile, CONNECTION_FIELDS.clientKeyFile, "the PEM private key of the client certificate");
    let keyObject;
    try {
      keyObject = createPrivateKey(key);
    } catch (err) {
      throw new InputError(`${CONNECTION_FIELDS.clientKeyFile}: ${tls.clientKeyFile}: not a readable private key (${(err as Error).message})`);
    }
    if (!new X509Certificate(crt).checkPrivateKey(keyObject)) {
      throw new InputError(`${CONNECTION_FIELDS.clientKeyFile}: ${tls.clientKeyFile} is not the private key of ${tls.clientCertFile} (expected the certificate's own key)`);
    }
    config.clientCertPair = { crt, key };
  }
  return config;
}

/** The options both connections take: TLS (or not) and the API key. */
export function connectionSecurity(settings: TemporalConnectionSettings): { tls?: TLSConfig; apiKey?: string } {
  const tls = loadTlsConfig(settings.tls);
  const result: { tls?: TLSConfig; apiKey?: string } = {};
  if (tls) result.tls = tls;
  if (settings.apiKey !== undefined) {
    if (settings.apiKey.trim().length === 0) throw new InputError(`${CONNECTION_FIELDS.apiKey}: empty (expected a Temporal API key)`);
    result.apiKey = settings.apiKey.trim();
    // An API key is a bearer secret: never send it in clear text.
    result.tls ??= {};
  }
  return result;
}

export function clientConnectionOptions(settings: TemporalConnectionSettings, connectTimeoutMs = 5000): ConnectionOptions {
  return { address: settings.address, connectTimeout: connectTimeoutMs, ...connectionSecurity(settings) };
}

/** One line that says how the connection was attempted, for error messages. */
export function describeConnection(settings: TemporalConnectionSettings): string {
  const parts = [settings.address];
  const tls = settings.tls;
  if (tls && (tls.enabled || tls.serverCaFile || tls.clientCertFile)) {
    parts.push(tls.clientCertFile ? 'mTLS' : 'TLS');
    if (tls.serverName) parts.push(`server name ${tls.serverName}`);
  } else if (settings.apiKey === undefined) parts.push('plain text');
  if (settings.apiKey !== undefined) parts.push('API key');
  return parts.join(', ');
}

/** Turns a gRPC / TLS failure into a sentence a platform engineer can act on. */
export function explainConnectionFailure(settings: TemporalConnectionSettings, err: unknown): string {
  const raw = ((err as Error)?.message ?? String(err)).split('\n')[0]!;
  const lower = raw.toLowerCase();
  const hints: string[] = [];
  if (/certificate|handshake|ssl|tls|alert|unknown ca|bad certificate/.test(lower)) {
    if (!settings.tls?.clientCertFile) hints.push('the server may require a client certificate (--tls-cert/--tls-key)');
    hints.push('check that the client certificate is signed by a CA the server trusts, and --tls-ca names the CA of the server certificate');
  } else if (/connection reset|connection closed|protocol|http2|frame/.test(lower) && !tlsOn(settings)) {
    hints.push('the server may require TLS (--tls, --tls-ca, --tls-cert/--tls-key)');
  } else if (/deadline|timed? ?out|unavailable|refused|connect/.test(lower)) {
    hints.push('is the cluster running and the address right?');
  }
  if (/unauthenticated|permission|authori/.test(lower)) hints.push('the API key or client certificate was not accepted for this namespace');
  return `cannot reach the Temporal server at ${describeConnection(settings)}: ${raw}${hints.length ? ` (${hints.join('; ')})` : ''}`;
}

function tlsOn(settings: TemporalConnectionSettings): boolean {
  return Boolean(settings.tls && (settings.tls.enabled || settings.tls.serverCaFile || settings.tls.clientCertFile || settings.tls.serverName)) || settings.apiKey !== undefined;
}

function classifyTlsError(err: Error & { code?: string }, settings: TemporalConnectionSettings): string {
  const text = `${err.code ?? ''} ${err.message}`.toLowerCase();
  if (/certificate required|certificate_required/.test(text)) {
    return settings.tls?.clientCertFile
      ? 'the server asked for a client certificate and refused the one given'
      : 'the server requires a client certificate (mTLS): set --tls-cert and --tls-key (GATEHOUSE_TEMPORAL_TLS_CERT / _KEY)';
  }
  if (/unknown ca|unknown_ca|bad certificate|bad_certificate|decrypt error|access denied/.test(text)) {
    return 'the server refused the client certificate: it is not signed by a CA the server trusts for clients';
  }
  if (/altname|hostname\/ip does not match|cert_altname_invalid/.test(text)) {
    return `the server's certificate is not valid for the name used (${settings.tls?.serverName ?? settings.address.split(':')[0]}): set --tls-server-name to a name it holds`;
  }
  if (/unable to verify|self.signed|self_signed|unable_to_get_issuer|leaf signature|cert_untrusted|certificate verify failed/.test(text)) {
    return "the server's certificate is not signed by the CA in --tls-ca (or by a CA this machine trusts)";
  }
  if (/wrong version number|packet length too long|unknown protocol|http request/.test(text)) return 'the server does not speak TLS: leave out the --tls options';
  if (/expired/.test(text)) return 'a certificate has expired';
  return `TLS handshake failed: ${err.message}`;
}

/**
 * After a failed connection: one plain TCP and one TLS handshake with the same settings, to say why
 * (nothing listening, TLS expected, client certificate missing or refused, wrong CA or name).
 * Null when the handshake works (the problem is elsewhere) or nothing more can be said.
 */
export async function diagnoseConnection(settings: TemporalConnectionSettings, timeoutMs = 2000): Promise<string | null> {
  const at = settings.address.lastIndexOf(':');
  const host = settings.address.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(settings.address.slice(at + 1));
  const tcp = await new Promise<string | null>((resolve) => {
    const socket = netConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`no answer from ${settings.address} within ${timeoutMs / 1000}s`);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (err: Error & { code?: string }) => {
      clearTimeout(timer);
      resolve(err.code === 'ECONNREFUSED' ? `nothing is listening at ${settings.address} (connection refused)` : err.code === 'ENOTFOUND' ? `host ${host} not found` : err.message);
    });
  });
  if (tcp) return tcp;
  const secure = tlsOn(settings);
  let config: TLSConfig = {};
  try {
    config = secure ? (loadTlsConfig(settings.tls) ?? {}) : {};
  } catch {
    return null;
  }
  const servername = config.serverNameOverride ?? (isIP(host) ? undefined : host);
  return new Promise<string | null>((resolve) => {
    let settled = false;
    const done = (value: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const socket = tlsConnect({
      host,
      port,
      ...(servername ? { servername } : {}),
      ALPNProtocols: ['h2'],
      rejectUnauthorized: secure,
      ...(config.serverRootCACertificate ? { ca: Buffer.from(config.serverRootCACertificate) } : {}),
      ...(config.clientCertPair ? { cert: Buffer.from(config.clientCertPair.crt), key: Buffer.from(config.clientCertPair.key) } : {}),
    });
    const timer = setTimeout(() => done(secure ? null : null), timeoutMs);
    socket.once('secureConnect', () => {
      // Not asked for TLS, but the server speaks it.
      if (!secure) return done('the server expects TLS: connect with --tls-ca (and --tls-cert/--tls-key when it requires client certificates), or GATEHOUSE_TEMPORAL_TLS_*');
      // TLS 1.3: a refused client certificate shows up as an alert after the handshake.
      socket.once('data', () => undefined);
      setTimeout(() => done(null), 500);
    });
    socket.once('error', (err: Error & { code?: string }) => done(secure ? classifyTlsError(err, settings) : null));
    socket.once('close', () => done(null));
  });
}

export class TemporalUnreachable extends Error {
  override name = 'TemporalUnreachable';
}

/**
 * Connects and proves the connection works (GetSystemInfo) within `timeoutMs`; throws
 * TemporalUnreachable with an explanation otherwise. When the connection is not up after a moment, a
 * plain TCP / TLS probe runs beside it (diagnoseConnection): a definite answer (nothing listening,
 * TLS expected, client certificate refused) ends the wait at once instead of at the deadline.
 * The caller owns the returned connection.
 */
export async function connectChecked(settings: TemporalConnectionSettings, timeoutMs = 5000): Promise<Connection> {
  const options = clientConnectionOptions(settings, timeoutMs); // bad input throws InputError first
  const deadline = Date.now() + timeoutMs;
  const attempt = (async () => {
    const connection = await Connection.connect(options);
    try {
      await connection.withDeadline(deadline, () => connection.workflowService.getSystemInfo({}));
      return connection;
    } catch (err) {
      await connection.close().catch(() => undefined);
      throw err;
    }
  })();
  let settled = false;
  const diagnosis: Promise<string | null> = new Promise((resolve) => {
    setTimeout(() => {
      if (settled) return resolve(null);
      diagnoseConnection(settings, Math.min(2000, timeoutMs)).then(resolve, () => resolve(null));
    }, 300);
  });
  const early = diagnosis.then((found) => (found ? { found } : new Promise<never>(() => undefined)));
  try {
    const winner = await Promise.race([attempt.then((connection) => ({ connection })), early]);
    if ('connection' in winner) return winner.connection;
    attempt.then((connection) => connection.close(), () => undefined);
    throw new TemporalUnreachable(`cannot reach the Temporal server at ${describeConnection(settings)}: ${winner.found}`);
  } catch (err) {
    if (err instanceof TemporalUnreachable) throw err;
    const found = await diagnosis;
    throw new TemporalUnreachable(found ? `cannot reach the Temporal server at ${describeConnection(settings)}: ${found}` : explainConnectionFailure(settings, err));
  } finally {
    settled = true;
  }
}
