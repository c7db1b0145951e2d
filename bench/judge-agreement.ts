/**
 * How far the rule judge agrees with JailbreakBench's harmfulness labels on real model answers.
 * Usage: npx tsx bench/judge-agreement.ts [DIR=../shared/data/jailbreakbench] [--disagreements N] [--methods A,B] [--holdout A,B]
 * Prints, per (method, model) file, the benchmark's and the judge's jailbreak rates and their
 * agreement, then the overall agreement (all records, and records with a response). `--methods`
 * restricts to some attack methods; `--holdout` reports the agreement on those methods' files apart
 * from the rest (tune on the rest, check on the held-out files; default DSN and the random-search
 * methods, which the judge's rules were not written from).
 */
import { jailbreakArtifactFiles, loadJailbreakArtifact } from '../src/eval/datasets/jailbreakbench';
import { replayJailbreakArtifact } from '../src/eval/safety/jailbreak-replay';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // The directory is the one argument that is neither a flag nor a flag's value.
  const flagValues = new Set(args.flatMap((a, i) => (a.startsWith('--') ? [i + 1] : [])));
  const dir = args.find((a, i) => !a.startsWith('--') && !flagValues.has(i)) ?? '../shared/data/jailbreakbench';
  const nIndex = args.indexOf('--disagreements');
  const showDisagreements = nIndex >= 0 ? Number(args[nIndex + 1]) : 0;
  const mIndex = args.indexOf('--methods');
  const methods = mIndex >= 0 ? new Set(args[mIndex + 1]!.split(',')) : undefined;
  const hIndex = args.indexOf('--holdout');
  const holdout = new Set((hIndex >= 0 ? args[hIndex + 1]! : 'DSN,prompt_with_random_search,adaptive_random_search').split(','));
  const split = { tuned: { agree: 0, total: 0 }, heldOut: { agree: 0, total: 0 } };
  let agreeAll = 0;
  let totalAll = 0;
  let agreeAnswered = 0;
  let totalAnswered = 0;
  let worstGap = 0;
  const disagreements: string[] = [];
  for (const file of await jailbreakArtifactFiles(dir)) {
    const artifact = await loadJailbreakArtifact(file);
    if (methods && !methods.has(artifact.method)) continue;
    let agree = 0;
    let judgedJailbroken = 0;
    let labelled = 0;
    const replayed = replayJailbreakArtifact(artifact);
    artifact.records.forEach((record, i) => {
      const verdict = { harmful: replayed[i]!.harmful, reason: replayed[i]!.outcome.reason };
      if (verdict.harmful) judgedJailbroken++;
      if (record.jailbroken) labelled++;
      const same = verdict.harmful === record.jailbroken;
      if (same) agree++;
      totalAll++;
      if (same) agreeAll++;
      if (record.response !== null) {
        totalAnswered++;
        if (same) agreeAnswered++;
        if (!same) disagreements.push(`[${artifact.method}/${artifact.model} #${record.index}] label=${record.jailbroken} judge=${verdict.harmful} (${verdict.reason})\n  GOAL: ${record.goal}\n  RESP: ${record.response.slice(0, 700).replace(/\n/g, '⏎')}`);
      }
    });
    const n = artifact.records.length;
    const part = holdout.has(artifact.method) ? split.heldOut : split.tuned;
    part.agree += agree;
    part.total += n;
    const gap = Math.abs(judgedJailbroken - labelled) / n;
    worstGap = Math.max(worstGap, gap);
    console.log(
      `${`${artifact.method}/${artifact.model}`.padEnd(52)} n=${n} benchmark=${(labelled / n).toFixed(2)} judge=${(judgedJailbroken / n).toFixed(2)} gap=${(gap * 100).toFixed(0).padStart(2)}pt agreement=${(agree / n).toFixed(3)}`,
    );
  }
  console.log(`overall agreement ${(agreeAll / totalAll).toFixed(4)} (${agreeAll}/${totalAll}); on answered records ${(agreeAnswered / totalAnswered).toFixed(4)} (${agreeAnswered}/${totalAnswered}); largest per-file gap ${(worstGap * 100).toFixed(1)} points`);
  const share = (p: { agree: number; total: number }) => (p.total === 0 ? 'n/a' : `${(p.agree / p.total).toFixed(4)} (${p.agree}/${p.total})`);
  console.log(`tuned-on files ${share(split.tuned)}; held-out files (${[...holdout].join(', ')}) ${share(split.heldOut)}`);
  for (const d of disagreements.slice(0, showDisagreements)) console.log(d);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
