/**
 * The worker's own configuration, deployed with the worker: its trust roots (the policy owners' keys
 * and how many must sign, DESIGN §4.2), the pipeline's private key that signs attestations, and the
 * services it talks to. Strict: an unknown key (say `skipSafety: true`) makes the worker refuse to start.
 */
import { createPublicKey, KeyObject } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { parseWith } from './errors';
import { loadOrCreateEvidenceKey } from './evidence/store';
import { keyIdOf, loadPrivateKey, parsePublicKeyPem } from './signing/keys';
import { readBytes, readYamlOrJson } from './yaml-file';

export const workerConfigSchema = z
  .object({
    apiVersion: z.literal('gatehouse/v1'),
    kind: z.literal('WorkerConfig'),
    policyOwners: z
      .object({
        threshold: z.number().int().min(1),
        publicKeyFiles: z.array(z.string().min(1)).min(1),
      })
      .strict()
      .refine((o) => o.threshold <= o.publicKeyFiles.length, { message: 'threshold cannot exceed the number of owner keys' }),
    pipelineKey: z.object({ privateKeyFile: z.string().min(1) }).strict(),
    /**
     * The workers' HMAC key that authenticates their stored evidence (src/evidence): separate from the
     * pipeline key, held by workers only, and shared by every worker of one deployment. Created (random,
     * mode 0600) on first start when the file is absent; default `<dataDir>/keys/evidence.key`.
     */
    evidenceKey: z.object({ keyFile: z.string().min(1) }).strict().optional(),
    dataDir: z.string().min(1),
    /** The gateway's admin API (its own listener, never the user port) and the bearer token it wants. */
    gatewayAdminUrl: z.string().url(),
    gatewayAdminTokenFile: z.string().min(1),
    /** When the gateway's admin listener requires mTLS (its `admin.tls`): the workers' client certificate and the CA of the listener's. */
    gatewayAdminTls: z.object({ caFile: z.string().min(1), certFile: z.string().min(1), keyFile: z.string().min(1) }).strict().optional(),
    /**
     * Which policy governs each environment, by the policy's `name` (DESIGN §4.2): the worker, not the
     * request, decides. A request naming another policy, or an environment bound to none, is refused.
     */
    policies: z.record(z.string().min(1), z.string().min(1)),
    modelHostUrl: z.string().url(),
    /** Approval requests in Slack (DESIGN §5.6): the bot posts; the interactivity endpoint signs clicks with the app key. */
    slack: z
      .object({
        botTokenFile: z.string().min(1),
        signingSecretFile: z.string().min(1),
        /** Signs decisions for verified Slack users; its public half is the policy's `approval.slackAppPublicKey`. */
        appPrivateKeyFile: z.string().min(1),
        channel: z.string().min(1),
        apiUrl: z.string().url().optional(),
        /** Where the interactivity endpoint listens (`gatehouse up`), and the base URL reports are linked under. */
        interactivityPort: z.number().int().min(0).max(65535).default(8095),
        /** Slack user id → approver id; the workflow checks it against the policy again. */
        users: z.record(z.string(), z.string()).default({}),
      })
      .strict()
      .optional(),
  })
  .strict();

export type WorkerConfigFile = z.infer<typeof workerConfigSchema>;

export interface WorkerConfig {
  file: string;
  dataDir: string;
  gatewayAdminUrl: string;
  gatewayAdminToken: string;
  /** PEM bytes for an admin listener that requires a client certificate (admin-client.ts). */
  gatewayAdminTls?: { ca: Buffer; cert: Buffer; key: Buffer };
  modelHostUrl: string;
  policyOwners: { threshold: number; keys: ReadonlyMap<string, KeyObject> };
  /** Environment → the name of the policy that governs it. */
  policies: Readonly<Record<string, string>>;
  pipelineKey: KeyObject;
  pipelineKeyId: string;
  /** HMAC-SHA256 key for the evidence store; never leaves the workers. */
  evidenceKey: Buffer;
  slack: SlackSettings | null;
}

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  appKey: KeyObject;
  channel: string;
  apiUrl: string | undefined;
  interactivityPort: number;
  users: Record<string, string>;
}

export function loadWorkerConfig(path: string): WorkerConfig {
  const file = resolve(path);
  const parsed = parseWith(workerConfigSchema, readYamlOrJson(file, 'worker configuration'), file);
  const base = dirname(file);
  const ownerKeys = new Map<string, KeyObject>();
  for (const keyFile of parsed.policyOwners.publicKeyFiles) {
    const keyPath = resolve(base, keyFile);
    const key = parsePublicKeyPem(readBytes(keyPath, 'policy owner public key').toString('utf8'), keyPath);
    ownerKeys.set(keyIdOf(key), key);
  }
  const pipelineKey = loadPrivateKey(resolve(base, parsed.pipelineKey.privateKeyFile));
  const secret = (file: string, what: string) => readBytes(resolve(base, file), what).toString('utf8').trim();
  const slack: SlackSettings | null = parsed.slack
    ? {
        botToken: secret(parsed.slack.botTokenFile, 'Slack bot token'),
        signingSecret: secret(parsed.slack.signingSecretFile, 'Slack signing secret'),
        appKey: loadPrivateKey(resolve(base, parsed.slack.appPrivateKeyFile)),
        channel: parsed.slack.channel,
        apiUrl: parsed.slack.apiUrl,
        interactivityPort: parsed.slack.interactivityPort,
        users: parsed.slack.users,
      }
    : null;
  const dataDir = resolve(base, parsed.dataDir);
  const evidenceKeyPath = parsed.evidenceKey ? resolve(base, parsed.evidenceKey.keyFile) : join(dataDir, 'keys', 'evidence.key');
  return {
    file,
    dataDir,
    gatewayAdminUrl: parsed.gatewayAdminUrl,
    gatewayAdminToken: secret(parsed.gatewayAdminTokenFile, 'gateway admin token'),
    ...(parsed.gatewayAdminTls
      ? {
          gatewayAdminTls: {
            ca: readBytes(resolve(base, parsed.gatewayAdminTls.caFile), 'gateway admin CA'),
            cert: readBytes(resolve(base, parsed.gatewayAdminTls.certFile), 'gateway admin client certificate'),
            key: readBytes(resolve(base, parsed.gatewayAdminTls.keyFile), 'gateway admin client key'),
          },
        }
      : {}),
    modelHostUrl: parsed.modelHostUrl,
    policyOwners: { threshold: parsed.policyOwners.threshold, keys: ownerKeys },
    policies: parsed.policies,
    pipelineKey,
    pipelineKeyId: keyIdOf(createPublicKey(pipelineKey)),
    evidenceKey: loadOrCreateEvidenceKey(evidenceKeyPath),
    slack,
  };
}
