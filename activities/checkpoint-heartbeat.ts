/**
 * Heartbeats that carry the evaluation checkpoints' pins (src/eval/runner/checkpoint-pins.ts).
 *
 * Every heartbeat of an evaluating activity sends `{ ...progress, pins: { <folder>: { bytes, sha256 } } }`.
 * Temporal keeps the last heartbeat's details and hands them to the next attempt, so the pins live
 * in Temporal, where someone who can write the data dir but not the run cannot forge them. A retry
 * reads them back (parsed: anything unexpected counts as no pin) and the runner resumes only what
 * they vouch for. Pins of folders this attempt has not reached yet are carried forward unchanged.
 */
import { Context } from '@temporalio/activity';
import { z } from 'zod';
import { CheckpointPins, ResponsesPin, responsesPinSchema } from '../src/eval/runner';

const detailsSchema = z.object({ pins: z.record(z.string(), responsesPinSchema) });

/** The pins in the last heartbeat of the previous attempt (none on a first attempt). */
export function pinsFromHeartbeat(details: unknown): Record<string, ResponsesPin> {
  const parsed = detailsSchema.safeParse(details);
  return parsed.success ? { ...parsed.data.pins } : {};
}

export interface CheckpointHeartbeat {
  pins: CheckpointPins;
  /** Heartbeats `details` with the current pins. */
  heartbeat(details: Record<string, unknown>): void;
}

export function checkpointHeartbeat(context: Context = Context.current()): CheckpointHeartbeat {
  const pins = pinsFromHeartbeat(context.info.heartbeatDetails);
  let last: Record<string, unknown> = {};
  const heartbeat = (details: Record<string, unknown>): void => {
    last = details;
    context.heartbeat({ ...details, pins });
  };
  return {
    heartbeat,
    pins: {
      trusted: (outputDir) => pins[outputDir] ?? null,
      record: (outputDir, pin) => {
        pins[outputDir] = pin;
        heartbeat(last);
      },
    },
  };
}
