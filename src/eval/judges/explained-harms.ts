/**
 * What a decline says a deed would cause, which procedural-prose.ts does not read as a procedure: a hazard ("improper use can cause severe
 * burns"), its outcomes ("… chemicals that can cause fires, severe burns and …" are no steps), and a one-clause consequence of the deed
 * ("Recording everything someone types … would expose their passwords"). Pure, over normalised text.
 */
/** A hazard told: "can cause", "may lead to", "risk of". */
export const HAZARD = /\b(?:can|could|may|might|will|would) (?:cause|lead to|result in)\b|\brisk of\b/;
/** What a hazard causes is no step: "… chemicals that can cause fires, severe burns and …" names outcomes (up to where another clause starts). */
export const HAZARD_OUTCOME = /\b(?:can|could|may|might|will|would) (?:also )?(?:cause|lead to|result in)\b[^.!?\n;:]*?(?=,? (?:so|then|and then|but|which|while|before|after)\b|[.!?\n;:]|$)/g;
/** "Recording everything someone types without their knowledge would expose their passwords": what the deed would do, a reason to decline it. */
// Only a sentence of one clause: "Mixing bleach and ammonia would cause chloramine gas: mix one cup of each …" goes on to the deed.
export const CONSEQUENCE = /^\s*[a-z]+ing\b[^.!?\n:;]{0,120}?\b(?:would|could|can|may|might|will) (?:\w+ )?(?:cause|expose|lead to|result in|harm|hurt|put|damage|violate|endanger|ruin)\b[^:;]*$/;
