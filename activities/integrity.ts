/** Integrity gate: every artifact file hashed (streamed, in parallel) against the signature's manifest. */
import { Context } from '@temporalio/activity';
import { InputError } from '../src/errors';
import { hashArtifact } from '../src/integrity/hash-artifact';
import type { GateResult } from '../src/pipeline-types';
import { decodeStatement } from '../src/signing/intoto';
import { checkIntegrity, loadEnvelopeFile, manifestFromStatement } from '../src/signing/model-signature';
import { ActivityDeps, currentRun, evidenceStore, runLogger } from './context';
import { RECORD } from '../src/evidence/records';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../src/store/atomic-write';
import { assessChange, ChangeType } from '../src/integrity/change-type';
import { rootDigestOf } from '../src/integrity/hash-artifact';

export interface CheckIntegrityInput {
  artifactPath: string;
  signaturePath: string;
}

export interface CheckIntegrityOutput {
  result: GateResult;
  /** The root digest of the files actually present; null when they could not be read. */
  rootDigest: string | null;
}

export function integrityActivities(deps: ActivityDeps) {
  return {
    async checkIntegrity(input: CheckIntegrityInput): Promise<CheckIntegrityOutput> {
      const log = runLogger(deps, 'checkIntegrity');
      const context = Context.current();
      let statement;
      try {
        statement = decodeStatement(loadEnvelopeFile(input.signaturePath), input.signaturePath);
        manifestFromStatement(statement, input.signaturePath);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        return { result: { gate: 'integrity', verdict: 'fail', reasons: [err.message], metrics: {} }, rootDigest: null };
      }
      let actual;
      try {
        actual = await hashArtifact(input.artifactPath, {
          onProgress: (p) => context.heartbeat({ bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, filesDone: p.filesDone, filesTotal: p.filesTotal }),
        });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        return { result: { gate: 'integrity', verdict: 'fail', reasons: [err.message], metrics: {} }, rootDigest: null };
      }
      const check = checkIntegrity(actual, statement, input.signaturePath);
      log.info({ ok: check.ok, files: actual.files.length, bytes: actual.totalBytes, problems: check.problems }, 'integrity checked');
      const metrics = {
        files: actual.files.length,
        bytes: actual.totalBytes,
        extraFiles: check.comparison.extra.length,
        missingFiles: check.comparison.missing.length,
        changedFiles: check.comparison.changed.length,
      };
      // The verified file list, by root digest: a later candidate's change type is checked against it.
      if (check.ok) writeManifest(deps.config.dataDir, actual.rootDigest, actual.files.map((f) => ({ path: f.path, sha256: f.sha256 })));
      const run = currentRun();
      if (run) evidenceStore(deps).put(run, RECORD.integrity, { verdict: check.ok ? 'pass' : 'fail', artifactRootDigest: actual.rootDigest, bytes: actual.totalBytes });
      return {
        result: check.ok
          ? { gate: 'integrity', verdict: 'pass', reasons: [`all ${actual.files.length} files match the signed manifest (root sha256 ${actual.rootDigest.slice(0, 12)}…)`], metrics }
          : { gate: 'integrity', verdict: 'fail', reasons: check.problems, metrics },
        rootDigest: actual.rootDigest,
      };
    },

    /**
     * The request's change type against what changed from the baseline's verified manifest
     * (src/integrity/change-type.ts): understating the change is refused. A first deployment, or a
     * baseline this data dir never verified, has nothing to compare with, and the reason says so.
     */
    async checkChangeType(input: CheckChangeTypeInput): Promise<{ result: GateResult }> {
      const result = ((): GateResult => {
        const gate = 'provenance' as const;
        if (input.baselineRootDigest === null) return { gate, verdict: 'pass', reasons: [`first deployment: no baseline to compare the declared ${input.declared} change with`], metrics: {} };
        const candidate = readManifest(deps.config.dataDir, input.artifactRootDigest);
        if (!candidate) return { gate, verdict: 'fail', reasons: ['the candidate\'s verified manifest is not on record (fail closed)'], metrics: {} };
        const baseline = readManifest(deps.config.dataDir, input.baselineRootDigest);
        if (!baseline) {
          return { gate, verdict: 'pass', reasons: [`the baseline (root ${input.baselineRootDigest.slice(0, 12)}…) was not verified here: no manifest to compare the declared ${input.declared} change with`], metrics: {} };
        }
        const assessed = assessChange(input.declared, candidate, baseline);
        const metrics = { changedWeights: assessed.files.weights.length, changedAdapter: assessed.files.adapter.length, changedConfig: assessed.files.config.length, changedPrompt: assessed.files.prompt.length };
        return { gate, verdict: assessed.ok ? 'pass' : 'fail', reasons: [assessed.reason], metrics };
      })();
      const run = currentRun();
      if (run) evidenceStore(deps).put(run, RECORD.change, { verdict: result.verdict, declared: input.declared });
      runLogger(deps, 'checkChangeType').info({ verdict: result.verdict, reason: result.reasons[0] }, 'change type checked');
      return { result };
    },
  };
}

export interface CheckChangeTypeInput {
  declared: ChangeType;
  artifactRootDigest: string;
  baselineRootDigest: string | null;
}

const manifestSchema = z.array(z.strictObject({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }));
const rootDigestPattern = /^[0-9a-f]{64}$/;

/** Where a verified manifest is kept: named by its root digest (validated, so never a path of anyone's choosing). */
function manifestPath(dataDir: string, rootDigest: string): string {
  if (!rootDigestPattern.test(rootDigest)) throw new Error(`not a root digest: ${rootDigest.slice(0, 80)}`);
  return join(dataDir, 'manifests', `${rootDigest}.json`);
}

function writeManifest(dataDir: string, rootDigest: string, files: Array<{ path: string; sha256: string }>): void {
  mkdirSync(join(dataDir, 'manifests'), { recursive: true });
  writeFileAtomic(manifestPath(dataDir, rootDigest), JSON.stringify(files) + '\n');
}

function readManifest(dataDir: string, rootDigest: string): Array<{ path: string; sha256: string }> | null {
  const path = manifestPath(dataDir, rootDigest);
  if (!existsSync(path)) return null;
  const files = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  // Only a list whose root digest is its name counts: the file is re-derived, never trusted.
  return rootDigestOf(files) === rootDigest ? files : null;
}
