/**
 * Which model and slot gave each recent answer, by the `x-gatehouse-response-id` the gateway put on
 * it, so a user's rating (`POST /v1/feedback`) is counted for the slot that answered. Bounded: the
 * least recently issued ids are forgotten beyond `capacity`, and a rating for a forgotten (or never
 * issued) id is refused. One rating per answer: a second one is refused, so one client cannot tip a
 * slot's feedback rate by rating the same answer over and over. Ids are random (unguessable), so
 * only whoever received an answer can rate it. In memory: ids issued before a restart are forgotten.
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

interface Answer extends AnsweredBy {
  rating?: Rating;
}

export type RatingResult =
  | ({ status: 'recorded' } & AnsweredBy)
  | { status: 'unknown' }
  | { status: 'already_rated'; rating: Rating };

export class ResponseLedger {
  // A Map iterates in insertion order: its first key is the least recently touched.
  private readonly answers = new Map<string, Answer>();

  constructor(private readonly capacity: number) {}

  remember(responseId: string, by: AnsweredBy): void {
    this.answers.delete(responseId);
    this.answers.set(responseId, { ...by });
    while (this.answers.size > this.capacity) {
      const oldest = this.answers.keys().next().value as string;
      this.answers.delete(oldest);
    }
  }

  rate(responseId: string, rating: Rating): RatingResult {
    const answer = this.answers.get(responseId);
    if (!answer) return { status: 'unknown' };
    if (answer.rating) return { status: 'already_rated', rating: answer.rating };
    answer.rating = rating;
    // Touched: moves to the most recent end.
    this.answers.delete(responseId);
    this.answers.set(responseId, answer);
    return { status: 'recorded', model: answer.model, slot: answer.slot, rootDigest: answer.rootDigest, judged: answer.judged };
  }

  get size(): number {
    return this.answers.size;
  }
}
