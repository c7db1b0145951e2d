/**
 * `gatehouse init [DIR]`: a working starting point for gating one model. Writes policy.yaml (every
 * gate section for the model's kind, from the bundled example suites, copied into DIR/suites and
 * pinned by sha256), request.yaml and a release key pair; takes the pipeline's key id from the data
 * dir's keys, creating the data dir's trust roots if it has none (the ones `gatehouse up` would
 * create). Refuses to overwrite anything unless forced; an existing private key is never replaced.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { Document } from 'yaml';
import { generateKeysCommand } from '../signing/signing-files';
import { exampleDatasetPath } from '../demo/scenario';
import { InputError, parseWith } from '../errors';
import { deploymentRequestSchema } from '../request';
import { keyIdOf, loadPublicKey } from '../signing/keys';
import { pinnedFiles } from './pinned-files';
import { starterPolicy, starterPolicyDocument, type ModelKind } from './starter-policy';

/** The data dir's trust roots, as `gatehouse up` names them (src/stack.ts). */
export const DATA_DIR_KEYS = ['pipeline', 'policy-owner-1', 'policy-owner-2', 'requester'] as const;
export const SUITES_DIR = 'suites';
const PLACEHOLDER_PEM = '-----BEGIN PUBLIC KEY-----\nplaceholder\n-----END PUBLIC KEY-----\n';

export interface InitOptions {
  dir: string;
  kind: ModelKind;
  model: string;
  dataDir: string;
  force: boolean;
  environment?: string;
  requestedBy?: string;
}

export interface InitResult {
  dir: string;
  policyPath: string;
  requestPath: string;
  suites: string[];
  releaseKey: { privateKeyPath: string; publicKeyPath: string; keyId: string; created: boolean };
  pipelineKeyId: string;
  ownerKeyPaths: string[];
  /** Data-dir keys this call created (none when the data dir already had its trust roots). */
  createdDataDirKeys: string[];
  /** Sign the model, sign the policy (once per owner), deploy. */
  nextCommands: string[];
}

/** The data dir's pipeline and owner keys, created when missing (as `gatehouse up` would on first use). */
function ensureDataDirKeys(dataDir: string): { pipelinePublicKeyPath: string; ownerKeyPaths: string[]; requesterKeyPath: string; created: string[] } {
  const keysDir = join(dataDir, 'keys');
  const created: string[] = [];
  for (const name of DATA_DIR_KEYS) {
    if (existsSync(join(keysDir, `${name}.pub`))) continue;
    created.push(generateKeysCommand(name, keysDir, 'ed25519').publicKeyPath);
  }
  return {
    pipelinePublicKeyPath: join(keysDir, 'pipeline.pub'),
    ownerKeyPaths: [join(keysDir, 'policy-owner-1.key'), join(keysDir, 'policy-owner-2.key')],
    requesterKeyPath: join(keysDir, 'requester.key'),
    created,
  };
}

function ensureReleaseKey(dir: string): InitResult['releaseKey'] {
  const keysDir = join(dir, 'keys');
  const privateKeyPath = join(keysDir, 'release.key');
  const publicKeyPath = join(keysDir, 'release.pub');
  if (existsSync(privateKeyPath) && existsSync(publicKeyPath)) {
    return { privateKeyPath, publicKeyPath, keyId: keyIdOf(loadPublicKey(publicKeyPath)), created: false };
  }
  return { ...generateKeysCommand('release', keysDir, 'ed25519'), created: true };
}

/** A path as the user should type it from the current directory. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

export function initWorkspace(options: InitOptions): InitResult {
  const dir = resolve(options.dir);
  const environment = options.environment ?? 'production';
  const requestedBy = options.requestedBy ?? userInfo().username;
  const policyPath = join(dir, 'policy.yaml');
  const requestPath = join(dir, 'request.yaml');
  const artifact = './model';

  const request = parseWith(
    deploymentRequestSchema,
    {
      apiVersion: 'gatehouse/v1',
      kind: 'DeploymentRequest',
      model: { name: options.model, version: '1.0.0', kind: options.kind },
      artifact,
      signature: `${artifact}.sig.json`,
      change: { type: 'weights', summary: 'first deployment' },
      environment,
      requestedBy,
      policy: './policy.yaml',
    },
    '--model',
  );

  // A dry build first (placeholder keys): which example suites the policy names, before anything is written.
  const at = (file: string) => `${SUITES_DIR}/${file}`;
  const draft = starterPolicy({
    kind: options.kind,
    model: options.model,
    environment,
    trustedModelKeyPem: PLACEHOLDER_PEM,
    pipelineKeyId: `sha256:${'0'.repeat(64)}`,
    at,
    requester: { id: requestedBy, publicKeyPem: PLACEHOLDER_PEM },
  });
  const suites = [...new Set(pinnedFiles(draft).map((pin) => pin.path.slice(SUITES_DIR.length + 1)))];
  const targets = [policyPath, requestPath, ...suites.map((file) => join(dir, SUITES_DIR, file))];
  const existing = targets.filter((path) => existsSync(path));
  if (existing.length > 0 && !options.force) {
    const named = existing.length > 3 ? `${existing.slice(0, 2).map(shown).join(', ')} and ${existing.length - 2} more` : existing.map(shown).join(', ');
    throw new InputError(`already exists: ${named} (--force overwrites them)`, shown(dir));
  }

  const trust = ensureDataDirKeys(options.dataDir);
  const pipelineKeyId = keyIdOf(loadPublicKey(trust.pipelinePublicKeyPath));
  mkdirSync(join(dir, SUITES_DIR), { recursive: true });
  const releaseKey = ensureReleaseKey(dir);
  for (const file of suites) copyFileSync(exampleDatasetPath(file), join(dir, SUITES_DIR, file));

  const requester = { id: requestedBy, publicKeyPem: readFileSync(trust.requesterKeyPath.replace(/\.key$/, '.pub'), 'utf8') };
  const policy = starterPolicy({ kind: options.kind, model: options.model, environment, trustedModelKeyPem: readFileSync(releaseKey.publicKeyPath, 'utf8'), pipelineKeyId, at, requester });
  writeFileSync(policyPath, starterPolicyDocument(policy).toString({ lineWidth: 0 }));
  const requestDoc = new Document(request);
  requestDoc.commentBefore = [
    ' Deployment request written by `gatehouse init`. Put the model in ./model (a file or a folder), sign it,',
    ' then raise model.version and change.summary for every new candidate. Paths are relative to this file.',
  ].join('\n');
  writeFileSync(requestPath, requestDoc.toString({ lineWidth: 0 }));

  const model = join(dir, 'model');
  const nextCommands = [
    `gatehouse sign model ${shown(model)} --key ${shown(releaseKey.privateKeyPath)} --model-name ${options.model}`,
    ...trust.ownerKeyPaths.map((key) => `gatehouse sign policy ${shown(policyPath)} --key ${shown(key)}`),
    `gatehouse --data-dir ${shown(resolve(options.dataDir))} deploy ${shown(requestPath)} --key ${shown(trust.requesterKeyPath)} --wait`,
  ];
  return {
    dir,
    policyPath,
    requestPath,
    suites: suites.map((file) => join(dir, SUITES_DIR, file)),
    releaseKey,
    pipelineKeyId,
    ownerKeyPaths: trust.ownerKeyPaths,
    createdDataDirKeys: trust.created,
    nextCommands,
  };
}
