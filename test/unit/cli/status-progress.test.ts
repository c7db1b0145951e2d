import { formatStatus, RunProgress, shardTotals } from '../../../src/cli/runs';
import type { PipelineStatus } from '../../../src/pipeline-types';

const shard = (i: number, done: number, total: number): RunProgress => ({ activity: 'runSafetyShard', attempt: 1, details: { gate: 'safety', shard: i, shards: 3, done, total, resumed: 0 } });

describe('gatehouse status with a sharded safety evaluation', () => {
  test('sums the running shards\' heartbeats, saying how many of the shards that is', () => {
    expect(shardTotals([shard(0, 100, 367), shard(2, 50, 366)])).toEqual(['  … safety: 150/733 items in the 2 running shards of 3']);
  });

  test('an unsharded evaluation, a shard without a heartbeat yet, or one listed twice adds nothing', () => {
    const unsharded: RunProgress = { activity: 'runSafetyGate', attempt: 1, details: { gate: 'safety', done: 10, total: 1100, resumed: 0 } };
    expect(shardTotals([unsharded, { activity: 'runSafetyShard', attempt: 1, details: null }])).toEqual([]);
    expect(shardTotals([shard(1, 10, 20), shard(1, 10, 20)])).toEqual(['  … safety: 10/20 items in the 1 running shard of 3']);
  });

  test('formatStatus lists each shard and the total', () => {
    const status = { workflowId: 'deploy-m-1-production', outcome: 'running', blockedBy: null, stage: 'evaluation', gates: [], reportPath: null } as unknown as PipelineStatus;
    const text = formatStatus(status, [shard(0, 1, 2), shard(1, 2, 2)]);
    expect(text).toContain('… runSafetyShard (attempt 1) {"gate":"safety","shard":0');
    expect(text).toContain('… runSafetyShard (attempt 1) {"gate":"safety","shard":1');
    expect(text).toContain('… safety: 3/4 items in the 2 running shards of 3');
  });
});
