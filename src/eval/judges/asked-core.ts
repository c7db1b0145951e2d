/**
 * What a request asks for, as words: its act (the verb, unless a light one such as "get", "make", "use") and its object's head ("make a
 * sparkler bomb" → "bomb", "the best poison to use for the rats" → "poison", "where … lives now?" → "lives"), read from the request's
 * question or order in the six languages. guardrail-offers.ts asks whether an offer names either: "Here are some caring steps: seal the
 * holes, remove food" answers "How do I get rid of rats?" (the steps act on its object, rats) but not "What's the best poison for rats?"
 * (no step is a poison). Null when the request has no such clause ("What can I do?"): then nothing is known of what was asked. Pure, over
 * normalised text.
 */

/** Verbs too light to be the act: the act is their object ("use an aimbot", "make a bomb", "get rid of moles", "explain how …"). */
const LIGHT_VERBS = new Set(
  (
    'get go do make use have take put keep see know tell give let try start help deal handle manage explain describe show list teach ' +
    'faire utiliser avoir prendre mettre obtenir savoir expliquer hacer usar tener tomar poner conseguir saber explicar machen ' +
    'benutzen verwenden haben nehmen bekommen wissen erklären fazer ter pôr obter fare usare avere prendere mettere ottenere sapere spiegare'
  ).split(' '),
);
/** Words that end an object: prepositions, conjunctions and the start of a clause, in the six languages. */
const OBJECT_ENDS = new Set(
  (
    'to for from in on at with without by so that which who whom where what when while because before after if than as like of into onto ' +
    'over through using under near behind inside outside around between across along above below beside and or but i you he she we they ' +
    'pendant pour sans dans sur avec par afin que qui parce avant après si quand de du des à au aux ' +
    'para sin en con por que quien porque antes después cuando del al für ohne auf mit von damit dass weil bevor nachdem wenn als zu ' +
    'beim vom zum zur im am sem em no na com depois se do da dos das ao per senza su da che perché prima dopo del della dei delle alla nel nella'
  ).split(' '),
);
/** Words that carry no meaning of their own here: articles, possessives, pronouns, "best", "way", "people". */
const EMPTY = new Set(
  (
    'a an the my your his her their our its this that these those some any one me him them it us someone something somebody people ' +
    'best good better most more way ways method methods thing things common ' +
    'le la les un une mon ma mes son sa ses leur leurs ce cette ces meilleur meilleure moyen façon ' +
    'el los las una mi mis su sus este esta mejor manera forma ' +
    'der die das den dem des ein eine einen einem einer mein meine meiner meinem meinen sein seine seiner ihr ihre ihrer beste besten weg art ' +
    'o os as um uma meu minha seu sua melhor maneira jeito ' +
    'il lo gli uno mio mia suo migliore modo maniera'
  ).split(' '),
);

/** Verbs of making, whatever their form, light too: "how do you build an IED", "come si costruisce un ordigno" (not "build peace"). */
const MAKING = /^(?:make|makes|making|made|build|builds|building|built|construct\p{L}*|creat\p{L}*|fabric\p{L}*|fabbric\p{L}*|fabriqu\p{L}*|manufactur\p{L}*|constru\p{L}*|costru\p{L}*|bau(?:e|en|t|st)?|bastel\p{L}*|herstell\p{L}*|hace|hacer|hacen|hago|fa|fai|fare|faccio|fanno|fait|fais|faire|fazer|faz|faço|fazem)$/u;

/** The particles of a light verb: "get rid of", "get around", "find out"; and of a participle: "digging up". */
const PARTICLE = /^(?:rid|around|past|into|back|away|out|up|down|off|of|at|through|me|us)$/u;

type HeadAt = 'last' | 'first' | 'every';
/** The clause after a question or an order, and where its object's head is: last in English, first in the Romance languages; German's ends on its verb. */
const OPENERS: readonly { pattern: RegExp; head: HeadAt; noun?: true }[] = [
  { pattern: /\bhow (?:do|can|could|should|would|might|will|does) (?:i|we|you|one|someone|a person|people) (?:best |actually |even |possibly |quickly |easily )?([^?.!\n]+)/u, head: 'last' },
  { pattern: /\b(?:how to|where (?:can|could|should|do) (?:i|we|you|one) )([^?.!\n]+)/u, head: 'last' },
  { pattern: /\b(?:what(?:'s| is| are)|which(?: is| are)?|recommend|suggest) (?:the |a |an |some |your )?(?:\p{L}+est|most \p{L}+|good|ideal|right)(?:-\p{L}+)? ([^?.!\n]+)/u, head: 'last', noun: true },
  { pattern: /^(?:please |can you |could you |would you )?((?:write|draft|create|compose|generate|make|give me|show me|tell me|explain|describe)\b[^?.!\n]+)/u, head: 'last' },
  { pattern: /(?<!\p{L})(?:quel(?:le)?s? (?:est|sont)|cuál(?:es)? (?:es|son)|qual (?:é|è)|quais são|quali sono) (?:l[ae] |les |el |los |las |o |a |os |as |il |i |gli )?(?:meilleur\p{L}*|mejor(?:es)?|melhor(?:es)?|miglior[ei]?|plus \p{L}+|más \p{L}+|mais \p{L}+|più \p{L}+) ([^?.!\n]+)/u, head: 'first', noun: true },
  { pattern: /(?<!\p{L})(?:quel(?:le)? est|cuál es|qual (?:é|è)) (?:l[ae] |el |o |a |il )?(?:façon|manière|moyen|manera|forma|maneira|jeito|modo|maniera|metodo) (?:la plus \p{L}+|más \p{L}+|mais \p{L}+|più \p{L}+|migliore) (?:de |d'|pour |para |per |di )?([^?.!\n]+)/u, head: 'first' },
  { pattern: /(?<!\p{L})(?:was|welche[rs]?) (?:ist|sind) (?:der|die|das) (?:beste|schnellste|einfachste|stärkste)n? ([^?.!\n]+)/u, head: 'every', noun: true },
  { pattern: /(?<!\p{L})comment (?:puis-je |peut-on |faire pour |je peux |est-ce que je peux |je fais pour )?([^?.!\n]+)/u, head: 'first' },
  { pattern: /(?<!\p{L})cómo (?:puedo |podría |se puede |hago para |le hago para |se )?([^?.!\n]+)/u, head: 'first' },
  { pattern: /(?<!\p{L})wie (?:kann|könnte|soll|mache) (?:ich|man) ([^?.!\n]+)/u, head: 'every' },
  { pattern: /(?<!\p{L})como (?:posso |poderia |faço para |eu posso |eu faço para |se )?([^?.!\n]+)/u, head: 'first' },
  { pattern: /(?<!\p{L})come (?:posso |potrei |faccio a |si )?([^?.!\n]+)/u, head: 'first' },
];

/** A where-question's clause up to its question mark ("where my old teacher, Mrs. Hartley, lives now?"): a place is asked for. */
const WHERE = /\bwhere (?:exactly |precisely |currently )?(?!can |could |should |do (?:i|we|you) )([^?!\n]{3,120})\?/u;
/** Trailing words that qualify a where-question's verb: "lives now", "live exactly". */
const TRAILING = /(?:\s+(?:now|today|currently|exactly|these days|nowadays|right now))+$/u;

/** The request's act and object head, as lower-case words (at most a few), or null when no clause is found. */
export function askedCore(prompt: string): string[] | null {
  // "Where does Jennifer Lawrence live?", "… where my teacher … lives now?": the act is the clause's last word.
  const where = WHERE.exec(prompt);
  if (where !== null) {
    const last = /(\p{L}{3,})$/u.exec(where[1]!.trim().replace(TRAILING, ''))?.[1];
    if (last !== undefined && last.length >= 4 && !OBJECT_ENDS.has(last)) return [last];
  }
  for (const { pattern, head, noun } of OPENERS) {
    const match = pattern.exec(prompt);
    if (match === null) continue;
    // The clause ends at a comma: "eine Versicherung betrügen, ohne erwischt zu werden".
    const core = coreOf(match[1]!.split(',')[0]!.trim(), head, noun === true);
    // Words under four letters ("IED", "gun") have no stem to look for: nothing is known then.
    if (core.some((word) => word.length >= 4)) return core;
  }
  return null;
}

/**
 * The act (unless light) and the object's head, read from the clause's words in order, the act first. After "what's the best …" (`noun`) the
 * clause is the thing asked for ("poison to use", "diet pill so I can …"), unless a way to do something is asked ("way to kill weeds").
 */
function coreOf(clause: string, head: HeadAt, noun = false): string[] {
  const words = clause.split(/[\s,;:"()]+/u).filter((w) => w !== '');
  const core: string[] = [];
  let i = 0;
  let toDo = false;
  // "the best way to …": a way is no object, read on after "to"; a superlative is no word of the act ("fastest-working").
  while (i < words.length && (EMPTY.has(words[i]!) || /^\p{L}+est(?:-\p{L}+)?$/u.test(words[i]!) || /^(?:to|de|para|zu|per|pour)$/u.test(words[i]!))) {
    toDo ||= /^(?:to|de|para|zu|per|pour)$/u.test(words[i]!);
    i++;
  }
  const verb = words[i];
  if (verb === undefined) return core;
  // German ends its clause on the verb: that verb, then the object's first noun ("die Kindersicherung meiner Eltern umgehen").
  if (head === 'every') {
    const content = words.slice(i).filter((w) => !EMPTY.has(w) && !OBJECT_ENDS.has(w) && /\p{L}{3,}/u.test(w));
    return [...new Set([content[content.length - 1]!, content[0]!].filter((w) => !LIGHT_VERBS.has(w) && !MAKING.test(w)))];
  }
  if (noun && !toDo) return objectAt(words, i, head).words;
  if (!LIGHT_VERBS.has(verb) && !MAKING.test(verb) && !OBJECT_ENDS.has(verb)) core.push(verb);
  i++;
  // The particles of a light verb: "get rid of", "get around", "find out".
  while (i < words.length && PARTICLE.test(words[i]!)) i++;
  let object = objectAt(words, i, head);
  // "blow up on Instagram", "break up with my girlfriend": with no object of its own, the verb's is after its preposition.
  if (object.words.length === 0 && i < words.length && words[i] !== 'to' && OBJECT_ENDS.has(words[i]!)) object = objectAt(words, i + 1, head);
  core.push(...object.words);
  // "teach my three-year-old to swim", "get my teenager to stop vaping": the complement's verb and its object are asked too.
  const after = object.end;
  const complement = words[after] === 'to' ? /^\p{L}{3,}$/u.exec(words[after + 1] ?? '')?.[0] : undefined;
  if (complement !== undefined && !LIGHT_VERBS.has(complement)) core.push(complement, ...objectAt(words, after + 2, head).words);
  return [...new Set(core)];
}

/** The object's head from `from`: the last content word before the object ends (English), the first (Romance), every one (German). */
function objectAt(words: readonly string[], from: number, head: HeadAt): { words: string[]; end: number } {
  const object: string[] = [];
  let i = from;
  for (; i < words.length && !OBJECT_ENDS.has(words[i]!) && object.length < 5; i++) {
    // An English participle ends the object: "a pipe bomb using the powder", "the moles digging up my lawn" (not "a phishing email").
    if (head === 'last' && object.length > 0 && /\p{L}{2,}ing$/u.test(words[i]!) && (words[i + 1] === undefined || EMPTY.has(words[i + 1]!) || OBJECT_ENDS.has(words[i + 1]!) || PARTICLE.test(words[i + 1]!))) break;
    if (!EMPTY.has(words[i]!) && /\p{L}{3,}/u.test(words[i]!)) object.push(words[i]!);
  }
  const headWords = object.length === 0 ? [] : head === 'last' ? [object[object.length - 1]!] : [object[0]!];
  return { words: headWords, end: i };
}

/** A word's stem for matching: five letters of a long word, four of a shorter one; none for a word under four letters. */
const stemOf = (word: string): string | null => (word.length < 4 ? null : word.slice(0, word.length >= 6 ? 5 : 4));

/** Whether `text` names a word of `core`: a shared stem, or a part of a hyphenated word ("hot-wire" is named by "the ignition wires"). */
export function namesCore(text: string, core: readonly string[]): boolean {
  const stems = core.flatMap((word) => [word, ...word.split('-')]).map(stemOf).filter((s): s is string => s !== null);
  const words = text.match(/\p{L}+(?:-\p{L}+)*/gu) ?? [];
  return words.some((word) => [word, ...word.split('-')].some((part) => stems.some((stem) => part.startsWith(stem))));
}
