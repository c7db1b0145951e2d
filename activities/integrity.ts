/** Integrity gate: every artifact file hashed (streamed, in parallel) against the signature's manifest. */
import { Context } from '@temporalio/activity';
import { InputError } from '../src/errors';
import { hashArtifact } from '../src/integrity/hash-artifact';
import type { GateResult } from '../src/pipeline-types';
import { decodeStatement } from '../src/signing/intoto';
import { checkIntegrity, loadEnvelopeFile, manifestFromStatement } from '../src/signing/model-signature';
import { ActivityDeps, currentRun, evidenceStore, runLogger } from './context';
import { RECORD } from '../src/evidence/records';

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
      const run = currentRun();
      if (run) evidenceStore(deps).put(run, RECORD.integrity, { verdict: check.ok ? 'pass' : 'fail', artifactRootDigest: actual.rootDigest, bytes: actual.totalBytes });
      return {
        result: check.ok
          ? { gate: 'integrity', verdict: 'pass', reasons: [`all ${actual.files.length} files match the signed manifest (root sha256 ${actual.rootDigest.slice(0, 12)}…)`], metrics }
          : { gate: 'integrity', verdict: 'fail', reasons: check.problems, metrics },
        rootDigest: actual.rootDigest,
      };
    },
  };
}
