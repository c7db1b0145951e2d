/**
 * The Temporal namespaces of a jest run: one per jest worker, all created when the shared dev server
 * starts (global-setup.ts). Suites in one worker run one after another, as they always did; suites in
 * different workers never see each other's workflows.
 */
export const TEST_NAMESPACES: readonly string[] = Array.from({ length: 8 }, (_, i) => `gatehouse-test-${i + 1}`);

/** This jest worker's namespace (JEST_WORKER_ID is 1-based; one worker when run in band). */
export function temporalNamespace(): string {
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const namespace = TEST_NAMESPACES[(Number.isInteger(worker) && worker > 0 ? worker - 1 : 0) % TEST_NAMESPACES.length];
  return namespace!;
}
