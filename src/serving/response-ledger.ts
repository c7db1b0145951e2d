/**
 * Which model and slot gave each recent answer, by the `x-gatehouse-response-id` the gateway put on
 * it, so a user's rating (`POST /v1/feedback`) is counted for the slot that answered. Bounded: the
 * least recently issued ids are forgotten beyond `capacity`, and a rating for a forgotten (or never
 * issued) id is refused. One rating per answer: a second one is refused, so one client cannot tip a
 * slot's feedback rate by rating the same answer over and over. Ids are random (unguessable), so
 * only whoever received an answer can rate it. In memory: ids issued before a restart are forgotten.
 *
 * On the request path (one `remember` per answer): the ids are kept in issue order in a ring, so
 * forgetting the oldest is O(1). (Evicting a Map's first key instead scans past every entry deleted
 * since the Map last rehashed: at the default 100,000 ids that was tens of µs per request.)
 */
import type { Slot } from '../signing/attestation';
import type { Rating } from './slot-metrics';

/** Who gave an answer: the model, slot and artifact, and whether it is in the canary's judged sample (traffic-split.ts). */
export interface AnsweredBy {
  model: string;
  slot: Slot;
  rootDigest: string;
  judged: boolean;
}

interface Answer {
  readonly responseId: string;
  /** The route's own fields, shared (route entries are immutable), never copied per answer. */
  readonly by: Omit<AnsweredBy, 'judged'>;
  readonly judged: boolean;
  rating: Rating | undefined;
}

export type RatingResult =
  | ({ status: 'recorded' } & AnsweredBy)
  | { status: 'unknown' }
  | { status: 'already_rated'; rating: Rating };

export class ResponseLedger {
  private readonly answers = new Map<string, Answer>();
  /** The remembered answers in issue order: `ring[next]` is the oldest once the ring is full. */
  private readonly ring: (Answer | undefined)[];
  private next = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ResponseLedger: expected a capacity of at least 1, got ${capacity}`);
    this.ring = new Array<Answer | undefined>(capacity).fill(undefined);
  }

  remember(responseId: string, by: Omit<AnsweredBy, 'judged'>, judged: boolean): void {
    const oldest = this.ring[this.next];
    // Only if it is still that answer's entry: an id remembered again since has its own, newer slot.
    if (oldest !== undefined && this.answers.get(oldest.responseId) === oldest) this.answers.delete(oldest.responseId);
    const answer: Answer = { responseId, by, judged, rating: undefined };
    this.ring[this.next] = answer;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    this.answers.set(responseId, answer);
  }

  rate(responseId: string, rating: Rating): RatingResult {
    const answer = this.answers.get(responseId);
    if (!answer) return { status: 'unknown' };
    if (answer.rating) return { status: 'already_rated', rating: answer.rating };
    answer.rating = rating;
    const { model, slot, rootDigest } = answer.by;
    return { status: 'recorded', model, slot, rootDigest, judged: answer.judged };
  }

  get size(): number {
    return this.answers.size;
  }
}
