/** `gatehouse canary pause|resume|abort ID`: a signed operator command to the run's canary (DESIGN §5.7). */
import { randomUUID } from 'node:crypto';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { signCanaryCommand } from '../canary/command';
import { loadPrivateKey } from '../signing/keys';
import { CliExit, EXIT } from './exit-codes';

export async function sendCanaryCommand(
  client: Client,
  options: { workflowId: string; command: 'pause' | 'resume' | 'abort'; operator: string; keyPath: string; reason?: string },
): Promise<{ accepted: boolean; message: string }> {
  const key = loadPrivateKey(options.keyPath); // bad key → exit 2 before anything is sent
  let runId: string;
  try {
    // Bound to this run of the pipeline, single use, short-lived: a command cannot be replayed.
    runId = (await client.workflow.getHandle(options.workflowId).describe()).runId;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new CliExit(EXIT.refused, `run ${options.workflowId} does not exist`);
    throw err;
  }
  const now = Date.now();
  const envelope = signCanaryCommand(
    {
      workflowId: options.workflowId,
      runId,
      nonce: randomUUID(),
      command: options.command,
      operator: options.operator,
      ...(options.reason ? { reason: options.reason } : {}),
      signedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 5 * 60_000).toISOString(),
    },
    key,
  );
  try {
    const result = await client.workflow
      .getHandle(`${options.workflowId}-canary`)
      .executeUpdate<{ accepted: true; status: string }, [{ envelope: typeof envelope }]>('canaryCommand', { args: [{ envelope }] });
    return { accepted: true, message: `${options.command} accepted: the canary is ${result.status}` };
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return { accepted: false, message: `refused: ${err.cause?.message ?? err.message}` };
    if (err instanceof WorkflowNotFoundError) throw new CliExit(EXIT.refused, `run ${options.workflowId} has no canary running`);
    throw err;
  }
}
