/**
 * Familiar imperatives at the start of a clause or a list item, recognised by form (orders-after-declines.ts reads orders in prose with
 * them, imperative-item.ts list items):
 * - Romance imperatives with an enclitic pronoun: Italian joined ("prendilo", "mescolale", "riempile", "tagliale", "tiragli"),
 *   Spanish with its written accent ("mézclalo", "échale", "llénala") or a one-syllable stem ("ponlo", "hazlo", "dale"), French and
 *   Portuguese by a hyphen ("mélange-le", "verse-la", "misture-o", "coloque-a", "tords-lui").
 * - German du-imperatives: a verb stem without -en, often after "dann" or "und", with its object or a separable particle closing the
 *   clause ("Nimm 50 ml Spiritus", "misch ihn mit Benzin", "füll alles in eine Flasche", "besorg dir eine Flasche", "kipp Benzin rein").
 * Not nouns or infinitives: Italian adjectives and nouns in -ale, -ile ("personale", "facile", "legali", "ospedale"), Spanish words whose
 * accent is their own ("película", "título", "fáciles", "rápidamente"), gerunds ("mezclándolo"), French questions by inversion ("peut-on",
 * "est-ce"), Portuguese declaratives ("pode-se", "deixou-a"); German infinitives (-en), third persons and past forms (-t, -te), nouns and
 * adjectives by their endings (-ung, -heit, -lich, -er …), and the function words, adverbs and auxiliaries that open a clause. Pure, over
 * normalised text (lower case).
 */

/** Italian adjectives and nouns in -ale, -ile, -ali, -ili that open a clause the way an imperative with "le" or "li" would. */
const ITALIAN_NOT_CLITIC = new Set(
  (
    'legale illegale personale normale naturale speciale generale totale finale reale ufficiale sociale locale principale essenziale ' +
    'fondamentale penale morale mentale nazionale internazionale professionale sessuale attuale eventuale formale globale ideale letale ' +
    'manuale originale potenziale razionale regionale tradizionale virtuale vitale animale canale capitale ospedale giornale segnale ' +
    'materiale verbale annuale centrale commerciale culturale digitale industriale iniziale legale medicale musicale orale parziale ' +
    'facile difficile utile inutile simile gentile civile fragile ostile sottile febbrile stile aprile cortile fucile campanile maschile femminile giovanile'
  )
    .split(' ')
    .flatMap((word) => [word, word.replace(/e$/, 'i')]),
);
/** Italian: an imperative in -a, -i, -e with a joined clitic, then more of the clause ("prendilo per le zampe", "tiragli il collo"). */
const ITALIAN_CLITIC = /^(\p{L}{3,}[aie](?:lo|la|li|le|gli|ne|glielo|gliela|glieli|gliele))(?=\s+\p{L})/u;
/** What follows an -ale / -ile / -ali / -ili imperative: its object or a preposition ("mescolale con il tonno", "riempile di benzina"). */
const ITALIAN_AFTER_CLITIC = /^\s+(?:il|lo|la|i|gli|le|l'|un|una|uno|con|di|da|in|nel|nella|nei|nelle|sul|sulla|col|dentro|fuori|bene|forte|per|a|al|alla|\d)(?!\p{L})/u;
/** Italian one-syllable stems, which double the clitic's consonant or take "gli": "dammi", "fallo", "dillo", "dagli", "fagli". */
const ITALIAN_SHORT = /^(?:da|fa|di|sta|va)(?:mmi|llo|lla|lli|lle|gli|cci|nne)(?!\p{L})/u;

/** Spanish: a written accent the clitic brought, and the clitic ("mézclalo", "échale", "llénala", "cómpraselo"). */
const SPANISH_ACCENTED_CLITIC = /^(\p{L}*[áéíóú]\p{L}*(?:lo|la|le|los|las|les|selo|sela|selos|selas))(?!\p{L})/u;
/** Words whose accent is their own: nouns in -ulo / -ula ("película", "título", "fórmula"), plurals in -iles / -oles, adverbs in -mente, gerunds. */
const SPANISH_NOT_CLITIC = /(?:ul[oa]s?|iles|oles|mente|[áé]ndo(?:l[oa]s?|les?|se\p{L}*))$/u;
/** Spanish one-syllable imperatives and a clitic: "ponlo", "hazlo", "dale", "dile", "tenla". */
const SPANISH_SHORT = /^(?:pon|haz|di|ten|da)(?:lo|la|los|las|le|les|me|nos|selo|sela)(?!\p{L})/u;

/** French and Portuguese: the verb, a hyphen and the clitic ("mélange-le", "tords-lui", "misture-o", "coloque-a", "tire-lhe"). */
const HYPHEN_CLITIC = /^(\p{L}{2,})-(le|la|les|lui|leur|moi|toi|en|y|o|a|os|as|lo|los|las|lhe|lhes|no|na|nos|nas)(?:-(?:le|la|les|lui|leur|en|y))?(?!\p{L})/u;
/** Not an imperative: a French inversion or a fixed compound ("arc-en-ciel", "rendez-vous"), a Portuguese past or third-person plural ("deixou-a", "deram-lhe"). */
const HYPHEN_NOT_ORDER = /^(?:arc|rendez|peut|est|sont|a|y|va|c|qu|vis)$|(?:ou|eu|iu|am|em|ram|ste|aram|eram|iram)$/u;

/**
 * The first word of a clause opens it with a Romance imperative carrying an enclitic pronoun.
 * `clause`: normalised, its opener ("then", "puis", "luego") already stripped.
 */
export function cliticImperative(clause: string): boolean {
  const hyphen = HYPHEN_CLITIC.exec(clause);
  if (hyphen) return !HYPHEN_NOT_ORDER.test(hyphen[1]!);
  if (SPANISH_SHORT.test(clause) || ITALIAN_SHORT.test(clause)) return true;
  const spanish = SPANISH_ACCENTED_CLITIC.exec(clause);
  if (spanish && !SPANISH_NOT_CLITIC.test(spanish[1]!)) return true;
  const italian = ITALIAN_CLITIC.exec(clause);
  if (!italian) return false;
  const word = italian[1]!;
  if (/(?:ale|ile|ali|ili)$/u.test(word)) return !ITALIAN_NOT_CLITIC.has(word) && !/bil[ei]$/u.test(word) && ITALIAN_AFTER_CLITIC.test(clause.slice(word.length));
  return true;
}

/** Words that open a German clause and are no imperative: articles, pronouns, prepositions, conjunctions, adverbs, auxiliaries, modals. */
const GERMAN_NOT_ORDER = new Set(
  (
    'der die das den dem des ein eine einen einem einer eines kein keine keinen ich du er sie es wir ihr man mir dir ihm uns euch mich dich ' +
    'mein dein sein unser euer dies diese dieser dieses jene jemand niemand nichts etwas alles alle viele einige manche beide welche wer was ' +
    'wo wann warum wie woher wohin ob als da denn doch ja nein nicht nur auch noch schon bald gleich genau etwa sehr ganz fast kaum oft nie ' +
    'immer jetzt heute morgen hier dort so also sonst dann danach zuerst zuletzt erst mal einmal wieder weiter zusammen allein selbst gern ' +
    'gerne lieber leider bitte danke trotzdem dennoch deshalb daher darum außerdem zudem ebenso stattdessen eher am im zum zur beim vom ins ' +
    'ans aufs mit ohne für gegen über unter vor nach bei aus von zu an auf in um durch neben zwischen hinter seit bis während wegen statt ' +
    'trotz laut per pro je ab und oder aber sondern weil dass wenn falls obwohl damit sowie war hat kann muss soll darf will mag gab ging ' +
    'kam sah stand lag blieb nahm fand bat tat wurde hatte habe werde sei wäre hätte würde könnte müsste sollte dürfte möchte konnte ' +
    'wollte musste durfte sollte gibt geht kommt macht weiß hab mach gut neu alt groß klein viel wenig mehr weniger'
  ).split(' '),
);
/** Endings of German infinitives, third persons and past forms. */
const GERMAN_NOT_STEM = /(?:en|ern|eln|st|t)$/u;
/** Endings of German nouns and adjectives, on words longer than a stem ("wichtig", "typisch", "Achtung"; not "zeig", "misch", "stell"). */
const GERMAN_NOUN_OR_ADJECTIVE = /(?:ung|heit|keit|schaft|ion|tät|ismus|chen|lein|nis|tum|ling|ig|lich|(?<!m)isch|bar|sam|los|voll|haft|ur|ik|ie|ei|er|in|um|us|al|ell|iv|ös)$/u;
/** Imperatives whose stem ends in -t ("halt", "tritt", "brat"): kept. */
const GERMAN_T_STEMS = new Set(['halt', 'tritt', 'brat', 'schalt', 'richt', 'rett', 'töt', 'wart', 'leit', 'schütt']);
/** What follows a du-imperative: its object, a reflexive pronoun, a number or an amount. */
const GERMAN_OBJECT = /^(?:(?:dir|dich|mir|mich|uns) )?(?:eine|einen|einem|ein|die|das|den|dem|sie|ihn|es|ihm|ihr|alles|etwas|ein paar|einige|zwei|drei|vier|fünf|zehn|genug|mehr|viel|wenig|kein\p{L}*|sein\p{L}*|ihre?[nmrs]?|mein\p{L}*|dein\p{L}*|diese[nmrs]?|jede[nmrs]?|beide|\d)(?!\p{L})/u;
/** A separable particle closing the clause: "kipp Benzin rein", "zünd ihn an", "dreh den Hahn auf". */
const GERMAN_PARTICLE_END = /\s(?:an|ab|auf|aus|ein|rein|hinein|herein|dazu|hinzu|zu|um|weg|fest|durch|zusammen|los|zurück|raus|heraus|hoch|runter|drauf|drüber|drunter)\s*[.!]?\s*$/u;

/**
 * The clause opens with a German du-imperative: a verb stem (not an infinitive, a third person, a past form, a noun or a function word)
 * followed by its object, or closing its clause with a separable particle within eight words.
 */
export function germanFamiliarImperative(clause: string): boolean {
  const first = /^(\p{L}{2,})\s+(.*)$/su.exec(clause);
  if (!first) return false;
  const verb = first[1]!;
  const rest = first[2]!;
  if (GERMAN_NOT_ORDER.has(verb)) return false;
  if (GERMAN_NOT_STEM.test(verb) && !GERMAN_T_STEMS.has(verb)) return false;
  if (verb.length >= 6 && GERMAN_NOUN_OR_ADJECTIVE.test(verb)) return false;
  // A weak past in -te ("füllte", "wollte"); the imperatives in -te are short ("warte", "rette", "töte").
  if (/te$/u.test(verb) && verb.length >= 6) return false;
  return GERMAN_OBJECT.test(rest) || (GERMAN_PARTICLE_END.test(` ${rest}`) && rest.split(/\s+/).length <= 8);
}
