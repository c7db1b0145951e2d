/** DESIGN §4.5: the CLI's exit codes are a stable interface for deploy tooling. */
export const EXIT = {
  ok: 0,
  /** blocked, rejected, rolled back, expired, aborted; or a verification that found problems */
  refused: 1,
  /** bad input: nothing was started */
  badInput: 2,
  /** infrastructure error: Temporal, the gateway or a service could not be reached */
  infrastructure: 3,
} as const;

export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
