import { createHash } from 'node:crypto';
import { liveWeight, RouteEntry, RoutingTable, stickyBucket } from '../../../src/serving/routing';
import { Slot } from '../../../src/signing/attestation';

function route(slot: Slot, weight: number, rootDigest = '1'.repeat(64), model = 'assistant'): RouteEntry {
  return {
    model,
    slot,
    weight,
    backendUrl: `http://backend-${slot}.test`,
    backendModel: `${model}-${slot}`,
    rootDigest,
    version: slot === 'stable' ? '1.0.0' : '2.0.0',
    workflowId: 'deploy-assistant',
    runId: 'run-1',
    nonce: `nonce-${slot}-${weight}`,
    attestationDigest: '0'.repeat(64),
    updatedAt: '2026-11-26T12:00:00.000Z',
    ...(slot === 'canary' ? { leaseExpiresAt: LEASE_END } : {}),
  };
}

/** Every canary here holds a lease to this instant; the tests route before it (NOW) unless they say otherwise. */
const LEASE_END = '2026-11-26T12:05:00.000Z';
const NOW = Date.parse('2026-11-26T12:01:00.000Z');

const keys = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
const shareOnCanary = (table: RoutingTable) =>
  keys.filter((key) => table.pick('assistant', stickyBucket('assistant', key), NOW)?.slot === 'canary').length / keys.length;

describe('routing table', () => {
  test('sends everything to stable when there is no canary, or a canary at weight 0', () => {
    expect(shareOnCanary(new RoutingTable([route('stable', 100)]))).toBe(0);
    expect(shareOnCanary(new RoutingTable([route('stable', 100), route('canary', 0, '2'.repeat(64))]))).toBe(0);
  });

  test('a canary at weight w takes roughly w% of routing keys', () => {
    for (const weight of [5, 25, 50]) {
      const share = shareOnCanary(new RoutingTable([route('stable', 100), route('canary', weight, '2'.repeat(64))]));
      expect(Math.abs(share - weight / 100)).toBeLessThan(0.015);
    }
  });

  test('a routing key always lands on the same slot', () => {
    const table = new RoutingTable([route('stable', 100), route('canary', 50, '2'.repeat(64))]);
    for (const key of keys.slice(0, 100)) {
      const slot = table.pick('assistant', stickyBucket('assistant', key), NOW)?.slot;
      expect(table.pick('assistant', stickyBucket('assistant', key), NOW)?.slot).toBe(slot);
    }
  });

  test('a routing key keeps its bucket across gateway versions: the first 48 bits of sha256(model, newline, key)', () => {
    const documented = (model: string, key: string) => createHash('sha256').update(model, 'utf8').update('\n').update(key, 'utf8').digest().readUIntBE(0, 6) / 2 ** 48;
    for (const key of [...keys.slice(0, 200), '', 'ünïcode-κλειδί', 'with\nnewline']) expect(stickyBucket('assistant', key)).toBe(documented('assistant', key));
    // Where users of this gateway's earlier releases already are.
    expect(stickyBucket('assistant', 'user-0')).toBe(0.16192062397403717);
    expect(stickyBucket('assistant', 'ünïcode-κλειδί')).toBe(0.5938774861665799);
  });

  test('raising the canary weight keeps every key already on the canary there', () => {
    const at5 = new RoutingTable([route('stable', 100), route('canary', 5, '2'.repeat(64))]);
    const at25 = at5.withRoute(route('canary', 25, '2'.repeat(64))).table;
    const onCanaryAt5 = keys.filter((key) => at5.pick('assistant', stickyBucket('assistant', key), NOW)?.slot === 'canary');
    expect(onCanaryAt5.length).toBeGreaterThan(0);
    for (const key of onCanaryAt5) expect(at25.pick('assistant', stickyBucket('assistant', key), NOW)?.slot).toBe('canary');
  });

  test('never sends user traffic to staging', () => {
    const table = new RoutingTable([route('staging', 100)]);
    expect(table.servesUsers('assistant', NOW)).toBe(false);
    expect(table.pick('assistant', 0, NOW)).toBeUndefined();
    expect(table.servedModels(NOW)).toEqual([]);
  });

  test('a canary past its lease, or without one, takes no traffic: every request goes to stable', () => {
    const leased = new RoutingTable([route('stable', 100), route('canary', 50, '2'.repeat(64))]);
    expect(leased.pick('assistant', 0, NOW)?.slot).toBe('canary');
    expect(leased.canaryShare('assistant', NOW)).toBe(50);
    expect(leased.lapsedCanaries(NOW)).toEqual([]);
    const after = Date.parse(LEASE_END);
    expect(leased.canaryShare('assistant', after)).toBe(0);
    expect(leased.pick('assistant', 0, after)?.slot).toBe('stable');
    expect(leased.lapsedCanaries(after).map((r) => r.slot)).toEqual(['canary']);

    const { leaseExpiresAt: _dropped, ...unleased } = route('canary', 50, '2'.repeat(64));
    expect(liveWeight(unleased, NOW)).toBe(0);
    const canaryOnly = new RoutingTable([unleased]);
    expect(canaryOnly.servesUsers('assistant', NOW)).toBe(false);
    expect(canaryOnly.pick('assistant', 0, NOW)).toBeUndefined();
  });

  test('a full stable deployment of the canary artifact retires the canary; of another artifact, it does not', () => {
    const candidate = '2'.repeat(64);
    const table = new RoutingTable([route('stable', 100), route('canary', 50, candidate)]);
    const promoted = table.withRoute(route('stable', 100, candidate));
    expect(promoted.retired.map((r) => r.slot)).toEqual(['canary']);
    expect(promoted.table.entries().map((r) => r.slot)).toEqual(['stable']);
    const other = table.withRoute(route('stable', 100, '3'.repeat(64)));
    expect(other.retired).toEqual([]);
    expect(other.table.entries().map((r) => r.slot)).toEqual(['stable', 'canary']);
  });
});
