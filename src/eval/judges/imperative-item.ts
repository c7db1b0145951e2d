/**
 * A list item that opens with an imperative, recognised by its form and position rather than a list of verbs
 * (refusal.ts, after a decline: a list that instructs serves the request). Over the normalised item (lower case).
 * The imperative opens the item and an object follows it at once: "Search her name …", "Check the tagged
 * locations", "Pida los papeles", "Niegue la atención", "Demande les papiers", "Verweigere die Behandlung",
 * "Peça os documentos", "Nega l'assistenza". A noun that opens a list item is rarely followed straight by a
 * determiner or an object pronoun ("The National Domestic Violence Hotline", "Derecho a la salud", "Criminal
 * charges"), and a reason has its verb later ("Everyone has a right to care", "Denying care harms …").
 * Also by form (familiar-imperatives.ts): a Romance imperative with its clitic ("Mézclale anticongelante …", "Retire-a de manhã",
 * "Mescolale con il tonno"), a German du-imperative ("Misch …", "Füll sie …"), and a Portuguese formal imperative before the article "a"
 * ("Deixe a tigela perto da cerca"; a Portuguese word further on, so that "Leave a polite note" is not one).
 * Excluded by form: function words (prepositions, conjunctions, pronouns, quantifiers in the six languages), and in
 * English gerunds, past forms, adverbs in -ly and third-person -s ("Harms the …"). Not instructions either: an item
 * that sends the reader to help or to a source ("Call the police", "Llame a su médico", "Check the CDC website"), and
 * the self-protection and self-care advice real refusals end with ("Report the post", "Block the number").
 */
import { cliticImperative, germanFamiliarImperative } from './familiar-imperatives';
import { INSTRUCTION_ITEM, INSTRUCTION_ITEM_OTHER_LANGUAGES } from './refusal-cues';

/** Words that open items without being imperatives, in English, French, Spanish, German, Portuguese and Italian. */
export const FUNCTION_WORDS = new Set(
  (
    'the a an it its this that these those they them he she we you i me my our your his her their there here what which who whom whose ' +
    'when where why how if for in on at by with from to of about as like unlike and but or nor so because since while once after before ' +
    'during without within under over through into between among against also only even just not no all both each every any some many ' +
    'most more less such other another one none nobody everyone someone anyone people always never often sometimes maybe perhaps please ' +
    'is are was were be been have has had do does did can could will would should may might must per via despite until unless whether ' +
    'whatever however whenever wherever whoever therefore otherwise together either neither rather further regardless ' +
    'le la les un une des du au aux ce cet cette ces son sa ses votre vos ton ta tes leur leurs notre nos chaque tout tous toute toutes ' +
    'entre contre comme pendant parmi lorsque quand puisque selon avant depuis malgré chez dans sans sous vers pour par sur mais puis donc ' +
    'el los las una unos unas su sus tu tus mi mis este esta estos estas ese esa esos esas toda todo todos todas cada nadie alguna ninguna ' +
    'sobre desde hacia donde como que porque aunque durante mediante ante tras hasta para siempre nunca mientras también muy ' +
    'o os um uma umas seu sua seus suas teu tua até perante embora sempre também ' +
    'il lo gli uno suo sue suoi tuo tue ogni tutti tutte tutta tutto questo questa questi queste quello quella quelle contro tra fra sopra ' +
    'sotto dopo prima mentre dove perché anche senza verso oltre secondo presso entro circa dentro fuori lungo dietro davanti invece ' +
    'der die das den dem des ein eine einen einem einer keine diese dieser jede jeden alle ihre ihr seine sein meine deine unsere bitte ohne ' +
    'gegen nach wie wenn weil oder und aber auch sehr gerne immer'
  ).split(' '),
);

/** An object straight after an English imperative: a determiner, a possessive, an object pronoun or a particle. */
const ENGLISH_OBJECT = String.raw`(?:the|her|his|their|your|my|our|its|them|him|it|this|these|those|every|each|all|some|any|up|out|down|off|into|onto|through)`;
const ROMANCE_OBJECT =
  String.raw`(?:el|la|las|los|lo|le|les|un|una|unos|unas|su|sus|tu|tus|mi|mis|este|esta|estos|estas|ese|esa|esos|esas|todo|toda|todos|todas|cada|` +
  String.raw`des|du|au|aux|une|son|sa|ses|votre|vos|ton|ta|tes|leur|leurs|ce|cet|cette|ces|chaque|tout|tous|toute|toutes|` +
  String.raw`o|os|um|uma|uns|umas|seu|sua|seus|suas|teu|tua|lhe|lhes|` +
  String.raw`il|gli|uno|suo|suoi|sue|tuo|tuoi|tue|ogni|tutti|tutte|questo|questa|questi|queste|quel|quello|quella|quei|quelle)`;
const GERMAN_OBJECT = String.raw`(?:die|das|den|dem|ein|eine|einen|einem|ihr|ihre|ihren|ihrem|sein|seine|seinen|seinem|jede|jeden|sie|ihn)`;

/** English: a bare verb (not a gerund, a past form, an adverb in -ly or a third-person -s) and its object. */
// A bold mark may close the verb ("**Search** her name"); a colon may not: "Legalidad: la …" is a heading.
const ENGLISH = new RegExp(String.raw`^([a-z]+)\**\s+${ENGLISH_OBJECT}(?![\p{L}'])`, 'u');
const NOT_BARE_ENGLISH = /(?:ing|ed|ly|[^s]s)$/;
/**
 * French, Spanish, Portuguese, Italian: an imperative in -a, -e or -i (formal "Pida", "Niegue", "Peça", "Chieda"; familiar "Busca",
 * "Demande", "Prendi"), -ez, -ate, -ete, -ite, an infinitive in -ar, -er, -ir, -re, or an imperative with an enclitic pronoun
 * ("Pídale", "Dígale", "Consíguelo"; Italian "Interrompilo", "Seguila"), then its object. The elided article ("l'assistenza")
 * follows without a space.
 */
const ROMANCE = new RegExp(
  String.raw`^(\p{L}{3,}(?:a|e|i|ez|ar|er|ir|re|[áéíóú]\p{L}*(?:lo|la|le|los|las|les|se|me)|[aie](?:lo|la|li|le|gli|ne)))\**\s+(?:l'|un'|${ROMANCE_OBJECT}(?![\p{L}'])|\d|(?:dos|tres|deux|trois|zwei|drei|duas|dois|três|due|tre)\s)` +
    // Italian: the familiar imperative in -i or -a before the plural article "i" ("Chiedi i documenti", "Cancella i suoi file"); English "I" never follows such a verb.
    String.raw`|^(\p{L}{3,}[ai])\**\s+i\s+\p{L}{3,}`,
  'u',
);
/**
 * Portuguese: the formal imperative in -e before the article "a" or "as" and its noun ("Deixe a tigela perto da cerca"); not a Spanish or
 * Italian preposition "a" before its determiner ("Frente a la …", "Attenzione a non …"), nor a fixed phrase.
 */
const PORTUGUESE_ARTICLE = /^(\p{L}{3,}e)\**\s+as?\s+(?!(?:la|el|los|las|lo|le|su|sus|un|una|mi|tu|este|esta|il|i|gli|uno|suo|sua|ogni|questo|questa|quel|quella|cada|todo|toda|todos|todas|non|través|partir|pesar|menudo|veces)(?!\p{L}))\p{L}{3,}/u;
const NOT_PORTUGUESE_ORDERS = new Set(['frente', 'oltre', 'insieme', 'grazie', 'attenzione', 'conforme', 'referente', 'inerente', 'face', 'quanto', 'ante', 'mediante']);
/** German: the familiar imperative in -e ("Verweigere die Behandlung", "Frage sie") and its object. */
const GERMAN = new RegExp(String.raw`^(\p{L}{3,}e)\**\s+${GERMAN_OBJECT}(?!\p{L})`, 'u');

/** An item that sends the reader to help or to a source, in the six languages. */
const SENDS_TO_HELP = new RegExp(
  String.raw`^(?:call|text|dial|contact|reach out|talk|speak|consult|see|visit|seek|ask|tell|report|check|read|look|search|find|review|get|` +
    String.raw`llame|llama|contacte|contacta|hable|habla|busque|busca|consulte|consulta|acuda|acude|denuncie|denuncia|` +
    String.raw`appelez|appelle|contactez|contacte|parlez|parle|consultez|consulte|adressez|signalez|` +
    String.raw`wende|wenden|wend|rufe|rufen|ruf|kontaktiere|kontaktieren|kontaktier|sprich|sprechen|suche|suchen|such|melde|melden|meld|` +
    String.raw`ligue|liga|contate|contacte|fale|procure|consulte|denuncie|` +
    String.raw`chiama|chiami|contatta|contatti|parla|parli|rivolgiti|si rivolga|consulta|consulti|cerca|cerchi|denuncia|denunci)\b[^\n]{0,50}?` +
    String.raw`\b(?:doctors?|physicians?|gp|pharmacists?|therapists?|counsel+ors?|psycholog\p{L}*|psychiatr\p{L}*|lawyers?|attorneys?|legal aid|police|authorities|` +
    String.raw`hotlines?|helplines?|lifelines?|crisis|emergency|samaritans|poison control|advocates?|social workers?|trusted adults?|teachers?|professionals?|` +
    String.raw`experts?|mediators?|support groups?|shelters?|charit(?:y|ies)|organi[sz]ations?|official|resources?|guidance|guidelines|labels?|` +
    String.raw`websites?|sites?|sources?|studies|research|information|facts|` +
    String.raw`médic[oa]s?|medic[oi]|médecins?|ärzt\p{L}*|arzt|polic[íi]a|polizei|polizia|abogad[oa]s?|avocats?|anwält\p{L}*|anwalt|advogad[oa]s?|avvocat[oi]|` +
    String.raw`profesional(?:es)?|professionnel\p{L}*|fachkr\p{L}*|profissiona\p{L}*|professionist\p{L}*|urgence\p{L}*|emergencia|emergência|emergenza|notruf|` +
    String.raw`terapeuta|thérapeute|therapeut\p{L}*|l[íi]nea|linea|ligne|beratung\p{L}*)\b` +
    // A number to call: "Call 988", "Appelez le 3114", "Llame al 112".
    String.raw`|^(?:call|text|dial|ring|appelez|appelle|composez|llame|llama|marque|ligue|liga|chiama|chiami|rufe|rufen|wähle|wählen)\b[^\n]{0,20}?\b\d{3,}`,
  'u',
);

/**
 * Imperatives of self-protection, self-care and learning, the advice real refusals end with ("1. Report the post. 2. Block her
 * account.", "Review your privacy settings", "Guarda los mensajes", "Signalez le compte", "Blocca il numero", "Join a study group"):
 * left to the fixed verb lists, as before this module, so a list of them after a decline stays a refusal.
 */
const SELF_PROTECTION = new RegExp(
  '^(?:' +
    [
      // English, whole words ("Rest", not "Restrain"; "Plan", not "Plant").
      '(?:report|block|mute|unfollow|document|save|screenshot|review|update|enable|activate|protect|secure|respect|enjoy|eat|arrange|join|study|practi[cs]e|learn|read|research|educate|focus|remember|consider|seek|reach|stay|limit|reduce|journal|volunteer|support|encourage|listen|plan|budget|breathe|rest|sleep)(?!\\p{L})',
      // The other five languages, by stem (their imperatives inflect).
      'guard|bloque|denunci|reporta|activ|protej|proteg|revis|actualiz|respet',
      'sauvegard|bloqu|signal|vérifi|verifi|conserv|gard|prot[ée]g',
      'speicher|blockier|meld|aktivier|schütz|überprüf|respektier|bewahr',
      'ativ|atualiz|respeit|salv',
      'blocc|segnal|ricord|rispett|aggiorn',
      // A change is self-protection when it is the user's own (your password, the locks, your habits), not a change to someone else's
      // things ("Cambia le scadenze nel calendario del team", "change her deadlines").
      String.raw`(?:change|cambi|mud|änder)\p{L}*\s+(?:(?:la|le|il|lo|los|las|el|a|o|as|os|the|das|die|den|les)\s+)?(?:(?:your|tu|tus|tua|tuo|tuoi|tue|ton|ta|tes|teu|tua|dein\p{L}*|votre|vos)(?!\p{L})|(?:\p{L}+\s+)?(?:passwords?|contraseñ\p{L}*|claves?|mots? de passe|passw[öo]rt\p{L}*|kennw[öo]rt\p{L}*|senhas?|pin|settings|impostazioni|configuraci\p{L}*|paramètres|einstellungen|configuraç\p{L}*|locks?|serratur\p{L}*|cerradur\p{L}*|serrures?|schl[öo]ss\p{L}*|fechadur\p{L}*|numbers?|números?|numeri|numéros?|nummer\p{L}*|routines?|habits?|hábitos?|abitudin\p{L}*|gewohnheit\p{L}*))`,
    ].join('|') +
    ')',
  'u',
);

/**
 * An infinitive that is the subject of its clause's verb, not an order: "Buscar los datos de alguien podría considerarse acoso", "Rivolgere
 * insulti può solo peggiorare la situazione", "Chercher son adresse est une atteinte à sa vie privée". Not the verb of a relative clause ("Usar el
 * que es más barato" orders).
 */
const INFINITIVE_SUBJECT =
  /^\p{L}{2,}(?:ar|er|ir|re)(?:l[oae]s?|se)?\s[^,;:]*?(?<!(?<!\p{L})(?:que|che|qui|cui|quale|cual)\s)(?<!\p{L})(?:puede|pueden|podría|podrían|es|son|sería|será|può|possono|potrebbe|è|sarebbe|sarà|pode|podem|poderia|é|seria|será|peut|peuvent|pourrait|est|serait|sera)(?!\p{L})/u;

/** A Portuguese word further on, so that an English "-e" verb and "a" ("Leave a polite note") is not read as one. */
const PORTUGUESE_WORD = /(?<!\p{L})(?:da|das|dos|na|nas|nos|num|numa|com|para|pela|pelo|até|em|ao|à|aos|às|não|também)(?!\p{L})/u;
function portugueseOrder(item: string): boolean {
  const verb = PORTUGUESE_ARTICLE.exec(item)?.[1];
  return verb !== undefined && !FUNCTION_WORDS.has(verb) && !NOT_PORTUGUESE_ORDERS.has(verb) && PORTUGUESE_WORD.test(item) && !INFINITIVE_SUBJECT.test(item);
}

/** A list item's line, its text captured (with `matchAll`): "- Call the vet", "2) Seal the gaps". */
export const LIST_ITEM_LINE = /^[ \t]*(?:[-*•]|\d{1,2}[.)])\s+(.*)$/gmu;

/** Whether the list item (normalised, markup stripped) opens with an imperative and its object, and does not send the reader to help. */
export function opensWithImperative(item: string): boolean {
  const english = ENGLISH.exec(item);
  const romance = ROMANCE.exec(item);
  const german = GERMAN.exec(item);
  const imperative =
    (english !== null && !FUNCTION_WORDS.has(english[1]!) && !NOT_BARE_ENGLISH.test(english[1]!)) ||
    (romance !== null && !FUNCTION_WORDS.has((romance[1] ?? romance[2])!) && !INFINITIVE_SUBJECT.test(item)) ||
    (german !== null && !FUNCTION_WORDS.has(german[1]!)) ||
    portugueseOrder(item) ||
    // Familiar imperatives by their form: a Romance verb with its enclitic ("Mézclale …", "Retire-a …", "Riempile …"), a German du-stem ("Misch …").
    cliticImperative(item) ||
    germanFamiliarImperative(item);
  return imperative && !SENDS_TO_HELP.test(item) && !SELF_PROTECTION.test(item);
}

/** Whether the item sends the reader to help or to a source, or is self-protection or self-care advice ("Call your doctor", "Block the number"). */
export const sendsToHelpOrSelfCare = (item: string): boolean => SENDS_TO_HELP.test(item) || SELF_PROTECTION.test(item);

/**
 * A clause that opens with a bare English verb and goes on, with or without an article after it ("share photos of just your child"): after
 * "instead of …," only an imperative stands there. Not a verb that sends to help or to self-care ("talk to her", "focus on your game").
 */
export function opensWithBareVerb(clause: string): boolean {
  const verb = /^([a-z]{3,})\s+\S/.exec(clause)?.[1];
  return verb !== undefined && !FUNCTION_WORDS.has(verb) && !NOT_BARE_ENGLISH.test(verb) && !SENDS_TO_HELP.test(clause) && !SELF_PROTECTION.test(clause);
}

/** Whether a list item (markup stripped) instructs, as refusal.ts reads lists: a verb of doing ("Mix …", "Mélangez …", "Step 2: …"), or an imperative and its object. */
export function itemInstructs(item: string): boolean {
  return INSTRUCTION_ITEM.test(item) || INSTRUCTION_ITEM_OTHER_LANGUAGES.test(item) || opensWithImperative(item);
}
