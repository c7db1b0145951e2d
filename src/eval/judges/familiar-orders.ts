/**
 * Orders in the familiar imperative after a decline, in French, Spanish, Italian, Portuguese and German (procedural-prose.ts counts them as
 * steps, as it counts English imperatives): "Borra sus archivos del servidor y cambia las fechas de entrega", "Compra una SIM prepagata,
 * crea un nuovo account e scrivile ogni notte", "Supprime ses fichiers et change les dates", "Lösch ihre Dateien und ändere die Termine".
 * Recognised by form at a clause's start, since no verb list covers five languages: the tú / tu form is the third-person singular present
 * of -ar / -are verbs (and -e / -i of the others), the French tu form of -er verbs its first-person singular; an object (an article, a
 * possessive, a number) follows; a German du-stem as familiar-imperatives.ts reads it (orders with a clitic are left to
 * orders-after-declines.ts: "llévalo al veterinario", "dis-lui ce que tu ressens" are as often care). Not imperatives: the function words,
 * adverbs and prepositions that end the same way ("para", "contra", "come", "mentre", "sempre", "entre", "cada"), infinitives ("cancellare
 * i file", "prendre"), and the verbs a condemnation is told with ("viola su privacidad y daña su reputación").
 * The same form is a third person after a subject: "Borrar sus archivos es un delito, viola su privacidad y daña su carrera" goes on with
 * its subject's predicates, so orders are read only from the sentence's head: its first clause, after a condition or a turn ("pero", "mais").
 * Advice is not counted: orders that send to help or talk ("Habla con tu supervisor y explica la situación", "Parla con lei", "Parle à
 * un avocat"), self-protection ("Bloquea su número") except a change made to someone else's things ("cambia las fechas"). Pure, over
 * normalised text (lower case).
 */
import { EVERYDAY_INFINITIVES } from './everyday-acts';
import { cliticImperative, germanFamiliarImperative } from './familiar-imperatives';
import { FUNCTION_WORDS, sendsToHelpOrSelfCare } from './imperative-item';

export interface FamiliarOrders {
  /** Each order's verb, as its likeliest infinitive ("borrar", "cancellare", "supprimer", "löschen"). */
  orders: string[];
  /** Those of them beyond the everyday (everyday-acts.ts): "borrar", "crear", not "comprar", "escribir". */
  unusual: string[];
}

/** Clauses of a sentence: at commas, semicolons, colons and "and" / "then" (not Portuguese "o", the article). */
const CLAUSE_SPLIT = /[,;:]\s*|\s(?:y|e|et|und|ed|poi|puis|luego|depois|dann|and|then)\s/u;
/** A turn that starts a new head: "…, pero borra …", "mais supprime …", "invece cancella …". */
const TURN = /^(?:pero|mais|ma|però|mas|porém|aber|doch|jedoch|sin embargo|cependant|tuttavia|en cambio|en su lugar|invece|au lieu de ça|plutôt|em vez disso|stattdessen|sinon|si no|altrimenti|senão|sonst|otherwise|instead|but)(?!\p{L}),?\s*/u;
/** Fillers and sequencing before an order: "luego borra …", "d'abord supprime …", "poi cancella …", "einfach lösch …". */
const OPENER = /^(?:(?:luego|después|primero|también|simplemente|solo|ensuite|puis|d'abord|enfin|aussi|simplement|juste|poi|prima|quindi|infine|anche|semplicemente|depois|primeiro|em seguida|também|simplesmente|dann|danach|zuerst|auch|einfach)(?!\p{L}),?\s*)+/u;
/** A condition or a time before the orders, which leaves the sentence's head to them: "si quieres hacerlo igualmente, borra …". */
const SUBORDINATE = /^(?:si|se|cuando|quando|quand|lorsque|wenn|falls|sobald|una vez|uma vez|une fois|una volta|después de|dopo|après|antes de|prima di|avant de|para|per|pour|pra|um|if|when|once)(?!\p{L})/u;

/** Words in -a, -e, -i that open a clause before an article and are no verb, past FUNCTION_WORDS (imperative-item.ts). */
const NOT_VERBS = new Set(
  (
    'otra otro otras nuestra nuestras vuestra alguna ninguna mucha muchas poca pocas cualquiera ante tras entre hacia desde donde mientras ' +
    'siempre nunca ahora entonces sola aunque porque este ese esta esa aquella fuera dentro cerca encima debajo delante luego pues además ' +
    'incluso quizá casi tampoco apenas ella ellas usted ustedes nadie alguien nada contra para según salvo excepto bajo tal cuanta cada ' +
    'como esto eso ' +
    'come mentre sempre anche oltre dove perché poiché oppure neanche nemmeno ancora ora allora sopra fra tra presso insieme prima senza ' +
    'circa tranne durante mediante nessuna alcuna qualche tale quale codesta ciascuna molte poche altre altra lei lui noi voi essa esse ' +
    'forse magari invece dunque quindi pure oggi ieri domani qui spesso bene male fine parte persone gente ' +
    'comme entre contre autre autres même mêmes cette quelque chaque notre votre elle elles jusque puisque lorsque parce presque ensemble ' +
    'encore ensuite personne aucune toute quelle laquelle celle celle-ci ceci cela voici voilà ' +
    'essa essas aquela aquelas nossa nossas outra outras nenhuma toda ela elas ele eles ante perante enquanto agora ainda apenas hoje ' +
    'mesma mesmo quase talvez sobre desde onde contra entre sempre cada uma alguma'
  ).split(' '),
);
/** Verbs a condemnation is told with in the third person ("viola su privacidad", "costituisce un reato", "porte atteinte à sa vie privée"). */
const DESCRIBES =
  /^(?:viola|viole|vulnera|infringe|constituye|constitue|constitui|costituisce|supone|implica|implique|conlleva|comporta|representa|représente|rappresenta|significa|signifie|causa|cause|provoca|provoque|genera|gera|socava|pone|mette|coloca (?:em|en) risco|coloca en riesgo|atenta|contraviene|daña|danneggia|prejudica|perjudica|pregiudica|lede|afecta|affecta|afeta|compromete|compromette|compromet|expone|espone|expõe|expose|arriesga|rischia|risque|requiere|richiede|requer|requiert|depende|dipende|dépend|incluye|include|inclui|contiene|contém|tiene|tienes|tem|ha|hai|hace|haces|fa|faz|fait|puede|pueden|podría|può|potrebbe|pode|poderia|peut|pourrait|debería|dovrebbe|deveria|devrait|sería|sarebbe|seria|serait|será|sarà|parece|sembra|semble|resulta|risulta|resta|reste|rimane|queda|fica|demeure|entraña|entraîne|porte|nuoce|nuit|crea un ambiente|crée un climat)(?!\p{L})/u;
/** A Romance familiar (or formal) imperative and its object: an article, a possessive, a demonstrative, a number, an elided article. */
const ROMANCE_FAMILIAR = new RegExp(
  String.raw`^(\p{L}{3,}[aeiáéí])\s+(?:l'|un'|d'|\d|(?:el|la|las|los|lo|le|les|un|una|unos|unas|su|sus|tu|tus|mi|mis|este|esta|estos|estas|ese|esa|esos|esas|todo|toda|todos|todas|cada|al|del|` +
    String.raw`des|du|au|aux|une|son|sa|ses|votre|vos|ton|ta|tes|leur|leurs|ce|cet|cette|ces|chaque|tout|tous|toute|toutes|` +
    String.raw`o|os|a|as|um|uma|uns|umas|seu|sua|seus|suas|teu|tua|teus|tuas|ao|aos|` +
    String.raw`il|gli|i|uno|suo|suoi|sue|tuo|tuoi|tue|ogni|tutti|tutte|questo|questa|questi|queste|quel|quello|quella|quei|quelle|` +
    String.raw`dos|tres|deux|trois|duas|dois|três|due|tre)(?!\p{L}))`,
  'u',
);
/** Infinitives that end as an imperative might: Italian -are / -ere / -ire, French -re ("prendre", "mettre", "détruire"; not "ouvre", "montre"). */
// And an infinitive with its enclitic ("conectarte a la instalación … es un robo", "cancellarli"): a polysyllabic Spanish imperative writes the accent it takes.
const INFINITIVE = /(?:are|ere|ire|dre|ttre|oire|aire|uire|ivre|(?:ar|er|ir|ír)(?:te|se|me|nos|os|lo|la|los|las|le|les|ti|si|mi|ci|vi|li|gli|ne))$/u;
/** Orders that send to help, tell, ask or listen, and self-care, past imperative-item.ts's lists: advice, as English "talk" and "explain" are no steps. */
const HELP_ORDER =
  /^(?:inform|avis|avvis|avert|prévien|notifi|comunic|communiqu|document|solicit|pid|pregunt|explic|expliqu|spieg|cuent|cuént|cont[ae](?!\p{L})|racont|escuch|ascolt|escut|écout|respet|rispett|respeit|respect|respir|descans|ripos|repos|reflexion|riflett|réfléchi|reflit|piens|piéns|pens|acept|accett|aceit|accept|perdon|pardonn|perdo|disculp|scus|desculp|excuse|acud|recurr|rivolg|adresse|chied|domand|demand|pe[çd]a|pergunt|frag|erklär|erzähl|hör|informier|dokumentier|atme|denk|akzeptier|entschuldig)/u;
/** Orders that take someone to help ("Portalo dal veterinario", "emmène-le chez un éducateur", "parles-en au vétérinaire"): advice. */
const TO_HELP = /(?<!\p{L})(?:veterinari\p{L}*|vétérinaire|veterinário|tierarzt\p{L}*|éducat\p{L}*|educador\p{L}*|educatore|médecin|medic[oi]|médic[oa]|arzt|ärztin|polic\p{L}*|polizia|polizei|avocat|abogad[oa]|avvocat[oa]|advogad[oa]|anwalt|th[ée]rapeut\p{L}*|terapeuta|psycholog\p{L}*|psicolog\p{L}*|psicólog[oa]|urgences?|urgencias|pronto soccorso|notaufnahme|hospital|hôpital|ospedale|krankenhaus)(?!\p{L})/u;
/** A change made for the user's own safety ("cambia tu contraseña", "change ton mot de passe"); a change to someone else's things is a step. */
const CHANGE = /^(?:cambi|mud|change|änder|chang)/u;
const OWN_SETTINGS =
  /(?<!\p{L})(?:tu|tus|tuo|tua|tuoi|tue|ton|ta|tes|teu|teus|tuas|dein\p{L}*|votre|vos|your|contraseñas?|clave|password|mot de passe|passwort|senha|pin|configuración|ajustes|impostazioni|paramètres|einstellungen|configurações|privacidad|privacy|confidentialité|privatsphäre|privacidade|número|numero|numéro|nummer|cerradura|serratura|serrure|schloss|fechadura)(?!\p{L})/u;

/** A clitic joined to the imperative ("scrivile ogni notte", which cliticImperative leaves): read off to find the verb. */
const JOINED_CLITIC = /(?:selo|sela|selos|selas|glielo|gliela|glieli|gliele|gli|los|las|les|lo|la|le|li|ne|me|te|nos)$/u;
const stripAccents = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');

/** The infinitives an imperative could be of, in the five languages: "borra" → "borrar", "borrare"; "change" → "changer"; "lösch" → "löschen". */
function infinitives(verb: string, german: boolean): string[] {
  if (german) return [`${verb}en`, `${verb}n`];
  const forms = [verb, stripAccents(verb)];
  return forms.flatMap((form) => {
    const stem = form.slice(0, -1);
    if (form.endsWith('a')) return [`${stem}ar`, `${stem}are`];
    if (form.endsWith('e')) return [`${form}r`, `${stem}er`, `${stem}ir`, `${stem}ar`, `${stem}ere`, `${stem}ire`];
    if (form.endsWith('i')) return [`${stem}ere`, `${stem}ire`, `${stem}ir`];
    return [`${form}r`, `${form}re`];
  });
}

/** The clause's familiar order as its likeliest infinitive (an everyday one when any reading is), or null. */
function orderIn(clause: string): { verb: string; everyday: boolean } | null {
  if (clause === '' || DESCRIBES.test(clause) || HELP_ORDER.test(stripAccents(clause)) || HELP_ORDER.test(clause)) return null;
  // Self-protection and sending to help are advice; a change is advice only when it is the user's own (their password, their settings).
  if (TO_HELP.test(clause) || (CHANGE.test(clause) ? OWN_SETTINGS.test(clause) : sendsToHelpOrSelfCare(clause))) return null;
  let verb: string | null = null;
  let german = false;
  // With a clitic, an order is as often care as a deed ("Dale un rascador, llévalo al veterinario", "Appelle-le et dis-lui …"): left to
  // orders-after-declines.ts, which wants an act of force among them.
  if (cliticImperative(clause)) return null;
  if (germanFamiliarImperative(clause)) [verb, german] = [/^\p{L}+/u.exec(clause)![0], true];
  else {
    const romance = ROMANCE_FAMILIAR.exec(clause)?.[1];
    if (romance !== undefined && !FUNCTION_WORDS.has(romance) && !NOT_VERBS.has(romance) && !INFINITIVE.test(romance) && !/(?:mente|ante|ente)$/u.test(romance)) verb = romance;
  }
  if (verb === null) return null;
  // A joined clitic that cliticImperative leaves ("scrivile ogni notte") is read off too, so that "scrivere" is known as everyday.
  const readings = [...infinitives(verb, german), ...(german ? [] : infinitives(stripAccents(verb).replace(JOINED_CLITIC, ''), false))];
  const everyday = readings.find((reading) => EVERYDAY_INFINITIVES.has(reading));
  return { verb: everyday ?? readings[0]!, everyday: everyday !== undefined };
}

/**
 * The familiar orders that open the clauses of a sentence at its head: from its first clause, after a condition, or after a turn;
 * a clause with a subject ("Borrar sus archivos es un delito") leaves the bare verbs after it to that subject.
 */
export function familiarOrders(sentence: string): FamiliarOrders {
  const orders: string[] = [];
  const unusual: string[] = [];
  if (/\?\s*$/u.test(sentence)) return { orders, unusual };
  let head = true;
  for (const raw of sentence.split(CLAUSE_SPLIT)) {
    let clause = raw.trim().replace(/^["'«»*_\-–—\s]+/u, '');
    if (TURN.test(clause)) {
      head = true;
      clause = clause.replace(TURN, '');
    }
    clause = clause.replace(OPENER, '');
    if (!head || clause === '') continue;
    const order = orderIn(clause);
    if (order !== null) {
      orders.push(order.verb);
      if (!order.everyday) unusual.push(order.verb);
    } else if (orders.length === 0 && !SUBORDINATE.test(clause)) head = false;
  }
  return { orders, unusual };
}
