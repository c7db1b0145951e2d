import { setFlagsFromString } from 'node:v8';

/**
 * Compile each regular expression straight to native code on its first use, skipping V8's bytecode
 * interpreter tier ("regexp tier-up"). Why: the rule judges (src/eval/judges) run hundreds of large
 * patterns on every answer, and under the default tiering they ran about three times slower
 * (bench/judge-throughput.ts: about 15 s for the labelled sets' 7,500 lines, 5 s without the interpreter
 * tier). The flag changes speed only, never what a pattern matches. Called once at the start of every
 * process that judges (the CLI's `main`, so the worker, the gateway and `eval`; the test runner's set-up);
 * V8 reads the flag when it compiles a pattern, so patterns declared at module load are covered too.
 */
export function compileRegExpsNatively(): void {
  setFlagsFromString('--no-regexp-tier-up');
}
