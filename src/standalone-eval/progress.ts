/**
 * Progress of `gatehouse eval` on stderr: one redrawn line of bars on a terminal, plain lines
 * otherwise (each gate at every tenth of its suite, and each phase change), so CI logs stay readable.
 */
import type { GateProgress } from './run-gates';

export interface ProgressReporter {
  update(progress: GateProgress): void;
  finish(): void;
}

const BAR = 20;

function bar(p: GateProgress): string {
  if (p.phase) return `${p.gate} ${p.phase}…`;
  if (p.total <= 0) return `${p.gate} starting`;
  const filled = Math.round((p.done / p.total) * BAR);
  return `${p.gate} [${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${p.done}/${p.total}`;
}

export function progressReporter(stream: { isTTY?: boolean; write(text: string): boolean }): ProgressReporter {
  const latest = new Map<string, GateProgress>();
  if (stream.isTTY) {
    let drawnAt = 0;
    let drawn = false;
    const draw = () => {
      stream.write(`\r\u001b[2K${[...latest.values()].map(bar).join('   ')}`);
      drawn = true;
    };
    return {
      update(p) {
        latest.set(p.gate, p);
        const now = performance.now();
        if (now - drawnAt < 100 && p.done !== p.total) return;
        drawnAt = now;
        draw();
      },
      finish() {
        if (drawn) {
          draw();
          stream.write('\n');
        }
      },
    };
  }
  const step = new Map<string, string>();
  return {
    update(p) {
      const key = p.phase ?? (p.total > 0 ? String(Math.floor((p.done / p.total) * 10)) : 'start');
      if (step.get(p.gate) === key) return;
      step.set(p.gate, key);
      stream.write(`${bar(p)}\n`);
    },
    finish() {},
  };
}
