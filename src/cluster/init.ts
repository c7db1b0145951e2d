/**
 * `gatehouse cluster init`: prepares an existing Temporal cluster for Gatehouse. Checks the server
 * version, registers the namespace (with a retention) when it does not exist, and adds the search
 * attributes of DESIGN §3 as Keyword. Idempotent: what is already there is left alone and reported,
 * so a second run changes nothing and says so. An attribute that exists with another type is a
 * conflict Gatehouse cannot resolve by itself: it is named, and nothing is changed.
 */
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { allSearchAttributes } from '../temporal/search-attributes';

/** Oldest server Gatehouse supports (Workflow Update and typed search attributes), and the tested one. */
export const MIN_SERVER_VERSION = '1.25.0';
export const TESTED_SERVER_VERSION = '1.29.1';

/** temporal.api.enums.v1.IndexedValueType, by number (the API's own values). */
const INDEXED_VALUE_TYPES: Record<number, string> = {
  0: 'Unspecified',
  1: 'Text',
  2: 'Keyword',
  3: 'Int',
  4: 'Double',
  5: 'Bool',
  6: 'Datetime',
  7: 'KeywordList',
};
const KEYWORD = 2;

export interface InitOptions {
  namespace: string;
  retentionDays: number;
  /** How long to wait for a new namespace and new attributes to become usable. */
  timeoutMs?: number;
}

export interface InitReport {
  serverVersion: string;
  namespace: string;
  namespaceCreated: boolean;
  retentionDays: number;
  attributesAdded: string[];
  attributesPresent: string[];
  changed: boolean;
  warnings: string[];
}

/** The cluster cannot host Gatehouse as it is: a conflicting attribute, a too-old server. Nothing was changed. */
export class ClusterInitError extends Error {
  override name = 'ClusterInitError';
}

function grpcCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function seconds(duration: { seconds?: unknown } | null | undefined): number {
  const s = duration?.seconds;
  if (s === undefined || s === null) return 0;
  return typeof s === 'number' ? s : Number(String(s));
}

async function retrying<T>(what: string, deadline: number, attempt: () => Promise<T>, retryable: (err: unknown) => boolean): Promise<T> {
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await attempt();
    } catch (err) {
      if (!retryable(err)) throw err;
      last = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${what}: still failing after waiting (${(last as Error)?.message ?? String(last)})`);
}

export async function initCluster(connection: Connection, options: InitOptions): Promise<InitReport> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const { namespace } = options;
  const warnings: string[] = [];

  const info = await connection.workflowService.getClusterInfo({});
  const serverVersion = info.serverVersion || 'unknown';
  if (serverVersion !== 'unknown' && compareVersions(serverVersion, MIN_SERVER_VERSION) < 0) {
    throw new ClusterInitError(`the Temporal server is version ${serverVersion}; Gatehouse needs ${MIN_SERVER_VERSION} or later (tested with ${TESTED_SERVER_VERSION}): nothing was changed`);
  }
  if (serverVersion !== TESTED_SERVER_VERSION) warnings.push(`server version ${serverVersion}; Gatehouse is tested with ${TESTED_SERVER_VERSION}`);

  // The namespace: registered when missing; an existing one is left as it is.
  let namespaceCreated = false;
  let retentionDays = options.retentionDays;
  try {
    const described = await connection.workflowService.describeNamespace({ namespace });
    retentionDays = seconds(described.config?.workflowExecutionRetentionTtl) / 86_400;
    if (retentionDays !== options.retentionDays) {
      warnings.push(`namespace ${namespace} keeps its retention of ${retentionDays} days (asked for ${options.retentionDays}; change it with \`temporal operator namespace update\`)`);
    }
  } catch (err) {
    if (grpcCode(err) !== NOT_FOUND) throw err;
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        description: 'Gatehouse deployment pipelines',
        workflowExecutionRetentionPeriod: msToTs(`${options.retentionDays} days`),
      });
      namespaceCreated = true;
    } catch (registerErr) {
      // Another `cluster init` got there first: fine.
      if (grpcCode(registerErr) !== ALREADY_EXISTS) throw registerErr;
    }
  }

  // A new namespace reaches the frontend's namespace cache after a refresh interval (10 s by default).
  const listed = await retrying(
    `namespace ${namespace} did not become usable`,
    deadline,
    () => connection.operatorService.listSearchAttributes({ namespace }),
    (err) => grpcCode(err) === NOT_FOUND,
  );
  const existing = new Map<string, number>(Object.entries(listed.customAttributes ?? {}).map(([k, v]) => [k, Number(v)]));
  const system = new Set(Object.keys(listed.systemAttributes ?? {}));

  const conflicts: string[] = [];
  const missing: string[] = [];
  const present: string[] = [];
  for (const key of allSearchAttributes) {
    if (system.has(key.name)) {
      conflicts.push(`${key.name} is a system search attribute of this server`);
      continue;
    }
    const type = existing.get(key.name);
    if (type === undefined) missing.push(key.name);
    else if (type === KEYWORD) present.push(key.name);
    else conflicts.push(`${key.name} exists as ${INDEXED_VALUE_TYPES[type] ?? `type ${type}`}, but Gatehouse needs Keyword`);
  }
  if (conflicts.length > 0) {
    throw new ClusterInitError(
      `namespace ${namespace} has conflicting search attribute${conflicts.length > 1 ? 's' : ''}: ${conflicts.join('; ')} (DESIGN §3). ` +
        `Nothing was changed: remove the attribute (\`temporal operator search-attribute remove --namespace ${namespace} --name …\`) or use another namespace`,
    );
  }

  if (missing.length > 0) {
    try {
      await retrying(
        `adding search attributes to ${namespace}`,
        deadline,
        () => connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing.map((name) => [name, KEYWORD])) }),
        (err) => grpcCode(err) === NOT_FOUND,
      );
    } catch (err) {
      if (grpcCode(err) === ALREADY_EXISTS) {
        // A concurrent init: the re-check below tells whether they have the right type.
      } else {
        throw new ClusterInitError(`could not add search attributes ${missing.join(', ')} to namespace ${namespace}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    // Wait until the frontend lists them, so workflows started right after can set them.
    await retrying(
      `search attributes ${missing.join(', ')} did not appear in namespace ${namespace}`,
      deadline,
      async () => {
        const now = await connection.operatorService.listSearchAttributes({ namespace });
        const types = now.customAttributes ?? {};
        const absent = missing.filter((name) => Number(types[name]) !== KEYWORD);
        if (absent.length > 0) throw Object.assign(new Error(`not yet listed: ${absent.join(', ')}`), { code: NOT_FOUND });
      },
      (err) => grpcCode(err) === NOT_FOUND,
    );
  }

  return {
    serverVersion,
    namespace,
    namespaceCreated,
    retentionDays,
    attributesAdded: missing,
    attributesPresent: present,
    changed: namespaceCreated || missing.length > 0,
    warnings,
  };
}

export function formatInitReport(report: InitReport): string {
  const lines = [`Temporal server ${report.serverVersion}`];
  lines.push(report.namespaceCreated ? `namespace ${report.namespace}: registered (retention ${report.retentionDays} days)` : `namespace ${report.namespace}: already registered (retention ${report.retentionDays} days)`);
  if (report.attributesAdded.length) lines.push(`search attributes added (Keyword): ${report.attributesAdded.join(', ')}`);
  if (report.attributesPresent.length) lines.push(`search attributes already present (Keyword): ${report.attributesPresent.join(', ')}`);
  for (const warning of report.warnings) lines.push(`note: ${warning}`);
  lines.push(report.changed ? 'the cluster is ready for Gatehouse' : 'nothing changed: the cluster was already ready for Gatehouse');
  return lines.join('\n');
}
