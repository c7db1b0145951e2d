/** `gatehouse canary pause|resume|abort ID`: a signed operator command to the run's canary (DESIGN §5.7). */
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { signCanaryCommand } from '../canary/command';
import { loadPrivateKey } from '../signing/keys';
import { CliExit, EXIT } from './exit-codes';

export async function sendCanaryCommand(
  client: Client,
  options: { workflowId: string; command: 'pause' | 'resume' | 'abort'; operator: string; keyPath: string; reason?: string },
): Promise<{ accepted: boolean; message: string }> {
  const key = loadPrivateKey(options.keyPath); // bad key → exit 2 before anything is sent
  const envelope = signCanaryCommand(
    { workflowId: options.workflowId, command: options.command, operator: options.operator, ...(options.reason ? { reason: options.reason } : {}), signedAt: new Date().toISOString() },
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
