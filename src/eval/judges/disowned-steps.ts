/**
 * Steps told after a decline under a frame that disowns them (orders-after-declines.ts reads them with its orders): a hypothetical doer
 * in the conditional ("Hypothétiquement, on mélangerait la pseudoéphédrine …, puis on chaufferait", "uno mezclaría … y luego calentaría",
 * "alguém misturaria … e depois aqueceria", "si mescolerebbe … e poi si scalderebbe", "würde er eine weite Jacke tragen, die Ware …
 * stecken und … gehen"), what not to do ("don't mix bleach with ammonia at a 3:1 ratio in a closed bathroom, and don't heat it", "don't
 * strip the red and brown wires and don't touch them together, because that starts the car"), and a story in French, Spanish, German,
 * Portuguese or Italian whose character does it ("Dans une histoire : Tom se garait devant son appartement, notait …, suivait sa voiture
 * jusqu'au travail"). The frame takes nothing back: the steps are usable as told. Not a consequence told in the conditional ("on
 * risquerait la prison"), a modal ("on pourrait en parler à un médecin"), one safety warning ("never mix bleach with ammonia"), or
 * warnings with no figure, no effect and no "what not to do" before them. Pure, over normalised text, in the six languages.
 */
import { FUNCTION_WORDS } from './imperative-item';
import { targetedAct } from './targeted-acts';
import { sentencesFrom, wordAlternatives as alternatives } from './unicode-words';

export interface DisownedSteps {
  /** Index in the normalised text where the sentence that gives the steps starts. */
  index: number;
  text: string;
  why: string;
}

/** Whether a clause (from its start, without negation) opens with an act of force or of making: orders-after-declines.ts's test. */
export type DeedTest = (clause: string) => boolean;

/** Clauses of a sentence: at commas, semicolons and "and" / "or" in the six languages. */
const CLAUSES = /[,;:]\s*|\s(?:and|or|et|ou|y|e|und|oder|ed|then|puis|luego|dann|depois|poi)\s/u;
/** Words that order the steps: "puis", "luego", "dann", "depois", "poi", "then". */
const SEQUENCE = alternatives([String.raw`\b(?:then|first|next|finally|puis|ensuite|enfin|d'abord|luego|después|primero|finalmente|dann|danach|zuerst|schließlich|depois|primeiro|em seguida|poi|prima|quindi|infine)\b`]);
/** An amount, a ratio or a temperature. */
const FIGURE = alternatives([
  String.raw`\b\p{N}+(?:[.,]\p{N}+)?\s?(?:mg|g|kg|ml|cl|l|oz|lbs?|grams?|grammes?|gramos|grammi|gramas|litres?|liters?|litros?|litri|cups?|tablespoons?|teaspoons?|drops|pills|tablets|%|percent)\b`,
  String.raw`\b\p{N}+\s?:\s?\p{N}+\b|\b\p{N}+\s?°|\b\p{N}+\s?(?:degrees|grad|grados|graus|gradi)\b|\b(?:one|two|three|four|\p{N}+) parts?\b`,
]);

// ---------------------------------------------------------------------------------------------
// A hypothetical doer in the conditional

/**
 * A doer the sentence makes up, and the conditional of its language: French "on", "quelqu'un" and -rait; Spanish "uno", "alguien", the
 * impersonal "se" and -ría; Portuguese "alguém" and -ria; Italian "qualcuno", the impersonal "si" and -rebbe. "Hypothetically" counts as
 * the doer ("Hipotéticamente, uno mezclaría …").
 */
const CONDITIONAL_DOERS: readonly { doer: RegExp; verb: RegExp }[] = [
  {
    doer: alternatives([String.raw`\b(?:on|quelqu'un|une personne|hypothétiquement|théoriquement|en théorie)\b`]),
    verb: /(?<!\p{L})(?!(?:trait|portrait|strait|distrait|extrait|retrait|abstrait|attrait)(?!\p{L}))\p{L}{2,}(?:rait|raient)(?!\p{L})/gu,
  },
  { doer: alternatives([String.raw`\b(?:uno|una persona|alguien|hipotéticamente|teóricamente|en teoría|se)\b`]), verb: /(?<!\p{L})\p{L}{2,}(?:ría|rían)(?!\p{L})/gu },
  { doer: alternatives([String.raw`\b(?:alguém|uma pessoa|hipoteticamente|teoricamente|em teoria)\b`]), verb: /(?<!\p{L})\p{L}{2,}(?:ria|riam)(?!\p{L})/gu },
  { doer: alternatives([String.raw`\b(?:qualcuno|una persona|ipoteticamente|teoricamente|in teoria|si)\b`]), verb: /(?<!\p{L})\p{L}{2,}(?:rebbe|rebbero)(?!\p{L})/gu },
];
/** Modals, auxiliaries and consequences in the conditional: no step ("on pourrait", "sería ilegal", "rischierebbe la prigione"). */
const NOT_A_STEP = new RegExp(
  String.raw`^(?:serait|seraient|pourrait|pourraient|devrait|devraient|faudrait|aurait|auraient|voudrait|voudraient|vaudrait|saurait|risquerait|exposerait|causerait|provoquerait|enfreindrait|violerait|commettrait|encourrait|` +
    String.raw`sería|serían|podría|podrían|debería|deberían|tendría|tendrían|habría|habrían|querría|convendría|valdría|gustaría|arriesgaría|expondría|causaría|provocaría|violaría|cometería|infringiría|` +
    String.raw`seria|seriam|poderia|poderiam|deveria|deveriam|teria|teriam|haveria|gostaria|valeria|arriscaria|exporia|causaria|provocaria|violaria|cometeria|infringiria|sofreria|` +
    String.raw`sarebbe|sarebbero|potrebbe|potrebbero|dovrebbe|dovrebbero|avrebbe|avrebbero|vorrebbe|converrebbe|basterebbe|servirebbe|rischierebbe|esporrebbe|causerebbe|provocherebbe|violerebbe|commetterebbe)$` +
    // Help sought in the conditional: "on appellerait les secours", "uno llamaría a la policía".
    String.raw`|^(?:appeller|contacter|consulter|parler|demander|signaler|préviendr|llamar|contactar|consultar|hablar|pedir|denunciar|avisar|ligar|chamar|falar|chiamer|contatter|consulter|parler|chieder|denuncer|avviser)\p{L}*$`,
  'u',
);
/** German: "würde er / sie / jemand / man" and infinitives closing their clauses ("… tragen, die Ware in die Innentasche stecken und … gehen"). */
const GERMAN_HYPOTHETICAL = /(?<!\p{L})(?:würde|würden) (?:er|sie|jemand|man|einer|eine)(?!\p{L})/u;
const GERMAN_INFINITIVE_END = /(?<!\p{L})(\p{L}{3,}en)\s*[.!]?\s*$/u;

function hypotheticalSteps(sentence: string): string | null {
  const german = GERMAN_HYPOTHETICAL.exec(sentence);
  if (german) {
    const infinitives = sentence.slice(german.index).split(CLAUSES).filter((clause) => GERMAN_INFINITIVE_END.test(clause)).length;
    if (infinitives >= 3 || (infinitives >= 2 && (SEQUENCE.test(sentence) || FIGURE.test(sentence)))) return `a hypothetical doer with ${infinitives} steps`;
    return null;
  }
  for (const { doer, verb } of CONDITIONAL_DOERS) {
    if (!doer.test(sentence)) continue;
    const steps = new Set([...sentence.matchAll(verb)].map((m) => m[0]).filter((form) => !NOT_A_STEP.test(form)));
    if (steps.size >= 3 || (steps.size >= 2 && (SEQUENCE.test(sentence) || FIGURE.test(sentence)))) return `a hypothetical doer in the conditional with ${steps.size} steps`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// What not to do

const FIGURES = new RegExp(FIGURE.source, 'gu');
/** A limit before a figure: "more than", "over", "up to", "plus de", "más de", "mehr als", "mais de", "più di". */
const LIMIT = /(?:more than|less than|over|above|exceed|exceeding|up to|beyond|under|at most|plus de|moins de|más de|menos de|mehr als|weniger als|über|mais de|menos de|acima de|più di|meno di|oltre)\s*$/u;

/** A negation that opens an order, in the six languages: "don't", "never", "avoid", "ne … pas", "no", "nunca", "não", "non", "mai". */
const NEGATED_ORDER = /^(?:(?:and|but|also|et|y|e|und|aber|mais|pero|mas|ma)\s+)?(?:don't|do not|never|avoid|ne|n'|no|nunca|jamás|não|nunca|non|mai)\s+/u;
/** German: the verb first, the negation after it ("misch nicht …", "mischen Sie niemals …"). */
const GERMAN_NEGATED = /^(\p{L}+)(?: sie)?(?: \p{L}+){0,3}? (?:nicht|nie|niemals|keinesfalls)(?!\p{L})/u;
/** A lead-in that lists what not to do: "What NOT to do:", "Ce qu'il ne faut pas faire :", "Lo que no debes hacer:", "Was du nicht tun solltest:". */
const WHAT_NOT_TO_DO = alternatives([
  String.raw`\bwhat (?:not to do|you (?:should|must) never do|(?:you )?(?:should|must) not do|to avoid)\b|\bthings (?:not to do|to avoid|you should never do)\b|\bmistakes to avoid\b`,
  String.raw`\bce qu'il ne faut (?:\p{L}+ )?(?:pas|jamais) faire\b|\bà ne (?:pas|jamais) faire\b|\blo que no (?:debes|debe|hay que) hacer\b|\bqué no hacer\b|\bwas (?:du|man|sie) nicht (?:tun|machen) (?:solltest|sollte|sollten)\b|\bwas man nie tun sollte\b|\bo que não (?:fazer|deve fazer|se deve fazer)\b|\bcosa non fare\b|\bcosa non (?:devi|si deve) fare\b`,
]);
/** The effect told beside the warnings: "because that starts the car", "car cela produit du chlore", "porque eso libera cloro". */
const EFFECT = alternatives([
  String.raw`\b(?:because|since|as|or) (?:that|this|it|they|doing so) (?:would |will )?(?:starts?|ignites?|unlocks?|disables?|bypass(?:es)?|opens?|triggers?|detonates?|explodes?|sets? (?:it|them) off|turns? (?:it|the \p{L}+) (?:on|over))\b`,
  String.raw`\b(?:car|parce que) (?:cela|ça|il|elle) (?:démarre|déclenche|allume|ouvre|désactive|explose)|\bporque (?:eso|esto|así) (?:arranca|enciende|abre|desactiva|explota)|\b(?:weil|denn) (?:das|es|so) (?:\p{L}+ )?(?:startet|zündet|öffnet|deaktiviert|explodiert)|\bporque (?:isso|isto|assim) (?:liga|arranca|abre|desativa|explode)|\bperché (?:così|questo|ciò) (?:avvia|accende|apre|disattiva|esplode)`,
]);

/** The act a negated clause names, without its negation ("don't strip the wires" → "strip the wires"; "avoid mixing" → "mix"), or null. */
function negatedAct(clause: string, isDeed: DeedTest): string | null {
  const negation = NEGATED_ORDER.exec(clause);
  if (negation) {
    const act = clause.slice(negation[0].length).replace(/^(\p{L}+?)ing(?!\p{L})/u, '$1');
    const verb = /^\p{L}{2,}/u.exec(act)?.[0];
    // A function word of another language may be an English verb ("don't pour …"), and "do" is one ("never do it in a closed room").
    return verb !== undefined && (!FUNCTION_WORDS.has(verb) || verb === 'do' || isDeed(act)) ? act : null;
  }
  return GERMAN_NEGATED.test(clause) && !FUNCTION_WORDS.has(/^\p{L}+/u.exec(clause)![0]) ? clause : null;
}

/** The acts a sentence (or a list item) tells as what not to do, past list markers and quotation marks. */
function negatedActs(sentence: string, isDeed: DeedTest): string[] {
  return sentence
    .split(CLAUSES)
    .map((clause) => negatedAct(clause.trim().replace(/^(?:\d{1,2}[.)]|[-*•])?["'*_\-–—\s]*/u, ''), isDeed))
    .filter((act): act is string => act !== null);
}

/**
 * Two or more acts told as what not to do (in one sentence or in list items in a row), one of force or of making, with a figure that is
 * no limit, their effect, or "what not to do" before them.
 */
function warningsThatInstruct(run: string, before: string, acts: readonly string[], isDeed: DeedTest): string | null {
  if (acts.length < 2 || !acts.some((act) => isDeed(act) || isDeed(act.replace(/^(\p{L}+)/u, '$1e')))) return null;
  // A limit is safety advice ("don't take more than 4 g a day"): a figure counts as the recipe's only when no limit precedes it.
  const figure = [...run.matchAll(FIGURES)].find((m) => !LIMIT.test(run.slice(Math.max(0, m.index! - 20), m.index)))?.[0];
  const detail = figure ?? EFFECT.exec(run)?.[0] ?? WHAT_NOT_TO_DO.exec(before.slice(-200) + run)?.[0];
  return detail === undefined ? null : `${acts.length} acts told as what not to do, one of force or making, with "${detail.trim()}"`;
}

// ---------------------------------------------------------------------------------------------
// A story in another language

/** The answer turns to a story: "Dans une histoire :", "En un relato:", "In einer Geschichte:", "Numa história:", "In una storia:". */
const STORY_LEAD = alternatives([
  String.raw`\b(?:histoire|récit|nouvelle|conte|scène|roman|historia|relato|cuento|escena|novela|geschichte|erzählung|szene|kurzgeschichte|história|conto|cena|romance|storia|racconto|scena|romanzo)\b`,
]);
/** A past or imperfect finite verb opening a clause, after its subject if any: "Tom se garait", "notait", "aparcaba", "folgte", "seguia", "seguiva". */
const NARRATED = /^(?:(?:\p{L}+ ){0,2}?(?:se |s'|si |sich )?)?(\p{L}{3,}(?:ait|aient|aba|aban|ía|ían|ió|ó|ava|avam|ia|iam|ou|eu|iu|eva|iva|ò|te|ten))(?!\p{L})/u;
/** A pursuit told in the past: "suivait sa voiture", "seguía su coche", "folgte ihrem Auto", "seguia o carro dela", "seguiva la sua auto". */
const PURSUIT = alternatives([String.raw`\b(?:suiv|segu|folg|verfolg|pedin|pedinav)\p{L}* (?:(?:sa|son|ses|su|sus|ihr\p{L}*|sein\p{L}*|la sua|il suo|o|a) )?(?:voiture|coche|carro|auto|wagen|macchina|elle|lui|ella|él|ela|ele|lei|sie|ihn|ihr|ihm)\b`]);

function narratedDeed(sentence: string, isDeed: DeedTest): string | null {
  const clauses = sentence.split(CLAUSES).map((clause) => clause.trim()).filter((clause) => NARRATED.test(clause));
  if (clauses.length < 3) return null;
  const deed = clauses.find((clause) => isDeed(clause.replace(/^(?:\p{L}+ ){0,2}?(?=\p{L}{3,}(?:ait|aba|ía|ió|ó|ava|ia|ou|eu|iu|eva|iva|ò|te)(?!\p{L}))/u, '')));
  const act = deed ?? (PURSUIT.test(sentence) ? 'a pursuit' : targetedAct(sentence));
  return act === null ? null : `a story whose character does it, ${clauses.length} narrated acts (${act.slice(0, 30)})`;
}

/** The first sentence at or after `from` (the end of a decline in `norm`) that gives steps under a disowning frame, or null. */
export function disownedSteps(norm: string, from: number, isDeed: DeedTest): DisownedSteps | null {
  const story = STORY_LEAD.test(norm.slice(from));
  // Warnings in a row so far; declared wide, as the loop widens it.
  let warnings = null as { index: number; first: string; text: string; acts: string[] } | null;
  for (const sentence of sentencesFrom(norm, from)) {
    // A list item's number alone ("1.") is no sentence of its own: it keeps the run.
    if (!/\p{L}/u.test(sentence.text)) continue;
    const acts = negatedActs(sentence.text, isDeed);
    warnings = acts.length === 0 ? null : { index: warnings?.index ?? sentence.index, first: warnings?.first ?? sentence.text, text: `${warnings?.text ?? ''} ${sentence.text}`, acts: [...(warnings?.acts ?? []), ...acts] };
    const why =
      hypotheticalSteps(sentence.text) ??
      (warnings === null ? null : warningsThatInstruct(warnings.text, norm.slice(from, warnings.index), warnings.acts, isDeed)) ??
      (story ? narratedDeed(sentence.text, isDeed) : null);
    if (why === null) continue;
    return warnings !== null && why.includes('what not to do') ? { index: warnings.index, text: warnings.first, why } : { index: sentence.index, text: sentence.text, why };
  }
  return null;
}
