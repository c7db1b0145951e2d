/**
 * Steps told in the persons and moods other languages give instructions in, which open a clause the way an imperative does
 * (orders-after-declines.ts counts them among its orders, so two of them with an act of force or of making give the deed):
 * - the second person in the present, after its pronoun and in the clauses that go on from it: "Tu prends une bouteille, tu la remplis
 *   d'essence et tu enfonces un chiffon", "Du nimmst eine Flasche, füllst sie mit Benzin und steckst einen Lappen rein", "Você pega uma
 *   garrafa, enche de gasolina e coloca um pano", and after a clitic where the pronoun is dropped: "la llenas de gasolina y le metes un
 *   trapo", "la riempi di benzina e ci infili uno straccio";
 * - the infinitive of a recipe, with its object or its clitic: "Prendre une bouteille. La remplir d'essence.", "Tomar una botella,
 *   llenarla de gasolina", and German infinitives closing a short clause: "Flasche nehmen, mit Benzin füllen, Lappen reinstecken".
 * And the doers of a trade told doing it, three steps in a row in the third person plural (genericDoerSteps): "Les voleurs mettent un
 * manteau ample, glissent les articles dans la poche intérieure et sortent …", "Los ladrones llevan …, meten … y salen …".
 * Not an infinitive that is its clause's subject ("Falsificar documentos es un delito"), a German noun after its article ("in den Garten"),
 * modals and auxiliaries ("tu dois", "du kannst"), nor what happens to the doers ("les voleurs risquent la prison, sont filmés …"). Each
 * clause is rendered verb first ("füllst sie mit Benzin" → "füll sie mit Benzin") for the act-of-force test. Pure, over normalised text.
 */
import { FUNCTION_WORDS } from './imperative-item';

/** A second-person subject: "tu", "vous", "tú", "usted", "du", "ihr", "você", "voi". */
const SECOND_PERSON = /^(?:tu|vous|tú|usted|du|ihr|você|vocês|voi)\s+/u;
/** Clitics before a finite verb or an infinitive: "la", "le", "l'", "y", "en", "lo", "ci", "sie", "o", "lhe". */
const CLITICS = /^(?:(?:le|la|les|lui|leur|y|en|lo|los|las|se|te|me|nos|ci|vi|ne|gli|li|sie|ihn|es|ihm|ihr|o|a|os|as|lhe|lhes)\s+|l'|j'|m'|t'|s')*/u;
/** Modals, auxiliaries and verbs of saying after the pronoun: frames, not steps ("tu dois", "du kannst", "você pode", "tu es"). */
const NOT_A_STEP = new Set(
  (
    'dois peux veux vas es as sais fais devez pouvez voulez allez êtes avez savez faites ' +
    'debes puedes quieres vas eres estás tienes sabes haces debe puede quiere va es está tiene sabe hace ' +
    'musst kannst willst sollst darfst bist hast wirst weißt müsst könnt wollt sollt seid habt werdet ' +
    'deve pode quer vai é está tem sabe faz devem podem querem vão são estão têm ' +
    'devi puoi vuoi vai sei stai hai sai fai dovete potete volete andate siete state avete sapete fate ' +
    'not never ne pas no nunca nicht nie não non mai'
  ).split(' '),
);
/** A Spanish or Italian second person where the pronoun is dropped, after a clitic: "la llenas", "le metes", "la riempi", "ci infili". */
const CLITIC_THEN_SECOND_PERSON = /^(?:la|le|lo|los|las|les|ci|gli|li|ne|se|te)\s+(\p{L}{3,}(?:as|es|is|i))(?!\p{L})/u;
/** Spanish second person with its object: "Coges una botella". */
const SPANISH_SECOND_PERSON = /^(\p{L}{3,}(?:as|es))\s+(?:una?|el|la|los|las|unos|unas|tu|tus|su|sus)(?!\p{L})/u;

/** A Romance infinitive opening its clause (after its clitics), with an enclitic or before its object: "remplir d'essence", "llenarla de", "meter un trapo". */
const ROMANCE_INFINITIVE = /^(\p{L}{2,}(?:ar|er|ir|re)(?:l[aoei]s?|le|gli|ne|se|selo|sela)?)\s+(?:l'|d'|un'|dell'|all'|nell'|(?:une?|le|la|les|du|des|de|el|los|las|una|unos|unas|su|sus|o|os|um|uma|il|lo|gli|i|dei|delle|della|del|con|en|dans|avec|dentro|nel|nella|na|no|em|com|par|por|per|à|al|ao|sur|sous|sobre|tout|todo|tutto|\d)(?![\p{L}']))/u;
/** Subject infinitives, and words in -er, -ar, -ir, -re that are no verbs. */
const NOT_INFINITIVE = /^(?:autre|notre|votre|leur|entre|contre|outre|sobre|mejor|mayor|menor|peor|lugar|par|car|pour|hier|mer|fer|cher|super|poder|deber|querer|saber|être|avoir|pouvoir|devoir|vouloir|savoir|ser|estar|tener|haber|essere|avere|potere|dovere|volere|sapere|ter|haver|quer|other|never|ever|after|under|over|either|neither|rather|whether|whatever|however|together|another|consider|remember|order|enter|offer|answer|register|cover|discover|deliver|gather|lower|alter|power|wonder|bother|prefer|refer|transfer|suffer|matter|filter|number|better|later|water|paper|mother|father|brother|sister|daughter|care|share|prepare|compare|declare|require|acquire|inquire|ensure|measure|sure|before|more|here|there|where|are|were|their|your|our|hour|four|nor|for|or|her|per)(?!\p{L})/u;
/** What makes an infinitive its clause's subject: a finite verb after it ("Falsificar documentos es un delito"). */
const SUBJECT_OF = /(?<!\p{L})(?:es|son|est|sont|é|são|è|sono|puede|pueden|peut|peuvent|pode|podem|può|possono|sería|serait|seria|sarebbe|constituye|constitue|constitui|costituisce)(?!\p{L})/u;

/** A German short clause closing on an infinitive: "Flasche nehmen", "mit Benzin füllen", "Lappen reinstecken"; not "in den Garten". */
const GERMAN_INFINITIVE_CLAUSE = /^(?:(\p{L}+)\s+){1,4}?(\p{L}{3,}en)\s*[.!]?$/u;
const GERMAN_DETERMINERS = new Set('der die das den dem des ein eine einen einem einer eines kein keine keinen mein meine meinen dein deine sein seine seinen ihr ihre ihren unser unsere zu'.split(' '));
const GERMAN_SUBJECTS = /^(?:ich|du|er|sie|es|wir|ihr|man|das|dies|dann|wenn|weil|um|ohne|statt|damit|dass|ob|wie|wo|was|und|aber|oder)(?!\p{L})/u;
/** Finite verbs and adverbs that make a German clause no recipe infinitive ("Vielleicht könnten Sie stattdessen versuchen"). */
const GERMAN_FINITE = /(?<!\p{L})(?:kann|können|könnte|könnten|muss|müssen|müsste|müssten|sollte|sollten|soll|sollen|will|wollen|würde|würden|darf|dürfen|möchte|möchten|ist|sind|war|waren|hat|haben|hatte|wird|werden|vielleicht|stattdessen|lieber|besser|eher)(?!\p{L})/u;
/** English words in a clause closing on "-en" ("the car was stolen", "it has happened"): not German. */
const ENGLISH_WORDS = /(?<!\p{L})(?:the|a|an|was|were|has|have|had|been|is|are|be|it|you|i|to|of|by|from|with|this|that|which|they|he|she|we|my|your|his|her|their|our|not|can|will|would|should|could)(?!\p{L})/u;

/** The clause rendered verb first when it opens with a second person in the present (`sentenceHasSubject`: an earlier clause had the pronoun). */
function secondPerson(clause: string, sentenceHasSubject: boolean): string | null {
  const subject = SECOND_PERSON.exec(clause);
  const afterSubject = subject ? clause.slice(subject[0].length) : null;
  const body = afterSubject === null ? null : afterSubject.slice(CLITICS.exec(afterSubject)![0].length);
  const fromSubject = body ?? (sentenceHasSubject ? clause : null);
  if (fromSubject !== null) {
    const verb = /^\p{L}{2,}/u.exec(fromSubject)?.[0];
    if (verb === undefined || NOT_A_STEP.has(verb) || FUNCTION_WORDS.has(verb)) return null;
    // German "-st" ("füllst" → "füll") so the act's stem reads as it does in an order.
    return fromSubject.replace(/^(\p{L}{3,}?)(?:e?st)(?!\p{L})/u, '$1');
  }
  const clitic = CLITIC_THEN_SECOND_PERSON.exec(clause) ?? SPANISH_SECOND_PERSON.exec(clause);
  if (clitic === null || NOT_A_STEP.has(clitic[1]!) || FUNCTION_WORDS.has(clitic[1]!)) return null;
  return clause.slice(clause.indexOf(clitic[1]!));
}

/** The clause rendered verb first when it opens with the infinitive of a recipe, or closes on a German one. */
function infinitive(clause: string): string | null {
  const body = clause.slice(CLITICS.exec(clause)![0].length);
  const romance = ROMANCE_INFINITIVE.exec(body);
  if (romance && !NOT_INFINITIVE.test(body) && !FUNCTION_WORDS.has(romance[1]!) && !SUBJECT_OF.test(body)) return body;
  if (GERMAN_SUBJECTS.test(clause) || GERMAN_FINITE.test(clause) || ENGLISH_WORDS.test(clause)) return null;
  const words = clause.replace(/[.!]\s*$/u, '').split(/\s+/);
  const verb = words[words.length - 1]!;
  const before = words[words.length - 2];
  if (words.length < 2 || words.length > 5 || !GERMAN_INFINITIVE_CLAUSE.test(clause) || (before !== undefined && GERMAN_DETERMINERS.has(before))) return null;
  return `${verb} ${words.slice(0, -1).join(' ')}`;
}

/** Each clause of a sentence that gives a step in another person or mood, rendered verb first; null for the others. */
export function stepsInOtherMoods(clauses: readonly string[]): (string | null)[] {
  // Whether an earlier clause told a step after its pronoun ("Você pega uma garrafa, enche …"); a modal after it ("Você pode conversar …, registrar …") is a suggestion.
  let subject = false;
  return clauses.map((raw) => {
    const clause = raw.trim();
    const told = secondPerson(clause, subject);
    subject ||= told !== null && SECOND_PERSON.test(clause);
    return told ?? infinitive(clause);
  });
}

/** The doers of a trade, in the other five languages (procedural-prose.ts reads them with a habit word; here, three steps in a row). */
const DOERS = /^(?:les (?:voleurs|cambrioleurs|escrocs|criminels|braconniers|faussaires|pickpockets|harceleurs)|(?:los|las) (?:ladrones|delincuentes|estafadores|criminales|carteristas|acosadores|falsificadores)|(?:die )?(?:diebe|einbrecher|betrüger|täter|kriminellen?|taschendiebe|fälscher|stalker)|os (?:ladrões|criminosos|golpistas|bandidos|carteiristas|falsificadores)|i (?:ladri|truffatori|criminali|borseggiatori|scippatori|falsari|stalker))\s+/u;
/** A third person plural: French -ent, Spanish -an / -en, German -en, Portuguese -am / -em, Italian -ano / -ono. */
const THIRD_PLURAL = /^(?:(?:le|la|les|l'|se|s'|lo|los|las|sie|ihn|o|a|os|as|lo|li|si|ci)\s*)*(\p{L}{2,}(?:ent|an|en|am|em|ano|ono))(?!\p{L})/u;
/** What happens to the doers, not what they do: "risquent", "sont", "finissent", "werden", "acaban", "rischiano". */
const HAPPENS_TO_THEM = /^(?:sont|ont|étaient|avaient|risquent|encourent|finissent|se font|son|han|están|eran|tienen|arriesgan|acaban|terminan|sind|haben|werden|waren|hatten|riskieren|landen|müssen|können|sollten|são|têm|estão|eram|arriscam|acabam|sono|hanno|erano|vengono|rischiano|finiscono|possono|devono|pueden|deben|peuvent|doivent|podem|devem)$/u;

/** Three or more steps the doers of a trade are told doing in the third person plural, in one sentence; or null. */
export function genericDoerSteps(clauses: readonly string[]): number | null {
  const first = DOERS.exec(clauses[0]?.trim() ?? '');
  if (first === null) return null;
  let steps = 0;
  for (const [i, raw] of clauses.entries()) {
    const clause = i === 0 ? raw.trim().slice(first[0].length) : raw.trim();
    const verb = THIRD_PLURAL.exec(clause)?.[1];
    if (verb === undefined || HAPPENS_TO_THEM.test(verb) || FUNCTION_WORDS.has(verb)) break;
    steps += 1;
  }
  return steps >= 3 ? steps : null;
}
