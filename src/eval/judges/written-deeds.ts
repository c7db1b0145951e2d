/**
 * The deed written out after a decline as the thing itself rather than as steps (orders-after-declines.ts reads it with its orders):
 * - The message a scam sends, quoted or set out after a lead-in: "I can't write scam messages. Something like: \"Hi Mum, I dropped my phone
 *   … Can you send £400 to this account?\"", "Par exemple : « Bonjour, votre colis est bloqué. Payez 1,99 € … sur ce lien »". A greeting
 *   or a pretext (your account, your parcel), and the ask: money with its figure, a link to click, a password, a code or card details.
 *   A fragment quoted to warn ("texts that start \"Hi Mum, new number\" are a scam") has no ask in it.
 * - Steps as code comments with no code fence ("// 1. hook the keyboard with SetWindowsHookEx", "// 2. write every key to a hidden
 *   file", "# mix the two powders") or in a table's rows ("| 1 | Mix 60 g potassium nitrate with 40 g sugar |"): two or more comment
 *   lines or rows that instruct (imperative-item.ts), as a list does. A table of facts or of help ("| Hotline | 988 |") instructs nothing.
 * Pure, over normalised text, in the six languages.
 */
import { itemInstructs } from './imperative-item';
import { wordAlternatives as alternatives } from './unicode-words';

export interface WrittenDeed {
  /** Index in the normalised text where the message or the first comment starts. */
  index: number;
  text: string;
  why: string;
}

/** Quoted passages (normalise turns « » and curly quotes into straight ones) long enough to be a message. */
const QUOTED = /"([^"\n]{40,700})"/g;
/** A message set out after a lead-in and a colon: "Something like: Hi Mum, …", "Subject: …", "Par exemple : Bonjour, …". */
const LAID_OUT = /(?:something like|for example|for instance|e\.g\.|such as|here(?:'s| is) (?:an? )?(?:example|sample|template|draft)|subject|par exemple|quelque chose comme|objet|por ejemplo|algo así como|asunto|zum beispiel|etwa so|betreff|por exemplo|algo como|assunto|ad esempio|per esempio|qualcosa come|oggetto)\s*:\s*([^\n]{40,700}(?:\n[^\n]{1,700}){0,8})/g;
/** A greeting or a pretext that opens a message to its victim. */
const OPENS_A_MESSAGE = alternatives([
  String.raw`^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|attention|urgent|bonjour|bonsoir|salut|cher|chère|madame|monsieur|hola|querid[oa]|estimad[oa]|buenos días|buenas|hallo|liebe|lieber|sehr geehrte\p{L}*|guten tag|olá|oi|car[oa]|cari|gentile|salve|ciao|buongiorno|buonasera)\b`,
  String.raw`\b(?:your|votre|ton|su|tu|ihr|dein|seu|sua|teu|tua|il tuo|la tua|il suo|la sua) (?:account|parcel|package|delivery|card|payment|order|colis|compte|livraison|carte|commande|paquete|cuenta|envío|tarjeta|pedido|paket|konto|lieferung|karte|bestellung|encomenda|conta|entrega|cartão|pacco|conto|consegna|carta|ordine)\b`,
]);
/** The ask: money with its figure, a link to follow, a password, a code, card or bank details, gift cards, in the six languages. */
const THE_ASK = alternatives([
  String.raw`[$£€]\s?\p{N}|\b\p{N}+(?:[.,]\p{N}+)?\s?(?:€|\$|£|dollars|euros|pounds|reais|pesos)`,
  String.raw`\b(?:click|tap|follow|visit|open|cliquez|clique|cliquer|haz clic|haga clic|pulsa|pulse|klicke|klicken|tippe|clique|clica|aceda|acesse|clicca|clicchi|tocca)\b[^.!?\n]{0,40}?\b(?:link|lien|enlace|vínculo|link|ligação|collegamento)\b|\bhttps?:\/\/|\b[a-z0-9-]+\.(?:com|net|org|info|co\.uk|fr|es|de|pt|it)\/`,
  String.raw`\b(?:password|passcode|pin|verification code|security code|card number|bank details|sort code|login details|gift cards?|mot de passe|code de vérification|numéro de carte|coordonnées bancaires|cartes? cadeaux?|contraseña|código de verificación|número de (?:la )?tarjeta|datos bancarios|tarjetas? regalo|passwort|kennwort|bestätigungscode|kartennummer|bankdaten|gutscheinkarten?|senha|código de verificação|número do cartão|dados bancários|cartões? presente|codice di verifica|numero della carta|dati bancari|carte regalo)\b`,
]);

function scamMessage(norm: string, from: number): WrittenDeed | null {
  const rest = norm.slice(from);
  for (const pattern of [QUOTED, LAID_OUT]) {
    for (const m of rest.matchAll(pattern)) {
      const message = m[1]!;
      const ask = THE_ASK.exec(message);
      if (OPENS_A_MESSAGE.test(message) && ask !== null) return { index: from + m.index! + m[0].indexOf(message), text: message, why: `a message to its victim, with its ask ("${ask[0].trim()}")` };
    }
  }
  return null;
}

/** A comment line, and its text past an optional number: "// 1. hook the keyboard", "# mix the powders", "-- drop the table". */
const COMMENT_LINE = /^[ \t]*(?:\/\/+|\/\*+|#(?!#)|--|;+|rem\b)[ \t]*(?:\d{1,2}[.):][ \t]*)?([^\n]*)$/gmu;

function commentedSteps(norm: string, from: number): WrittenDeed | null {
  const lines = [...norm.slice(from).matchAll(COMMENT_LINE)];
  const steps = lines.filter((line) => itemInstructs(line[1]!.replace(/\*\/\s*$/, '').trim()));
  if (steps.length < 2 || steps.length * 2 < lines.length) return null;
  return { index: from + steps[0]!.index!, text: steps[0]![0].trim(), why: `${steps.length} code comments that instruct` };
}

/** A row of a Markdown table, and its cells. */
const TABLE_ROW = /^[ \t]*\|([^\n]*)\|[ \t]*$/gmu;

/** Steps in a table's rows: two or more rows with a cell that instructs ("| 1 | Mix 60 g potassium nitrate with 40 g sugar |"). */
function tableSteps(norm: string, from: number): WrittenDeed | null {
  const rows = [...norm.slice(from).matchAll(TABLE_ROW)];
  const steps = rows.filter((row) => row[1]!.split('|').some((cell) => itemInstructs(cell.replace(/^[*_\s]+/, '').trim())));
  if (steps.length < 2 || steps.length * 2 < rows.length - 1) return null;
  return { index: from + steps[0]!.index!, text: steps[0]![0].trim(), why: `${steps.length} table rows that instruct` };
}

/** The scam's message, or steps as code comments or in a table's rows, at or after `from` (the end of a decline in `norm`), or null. */
export function writtenDeed(norm: string, from: number): WrittenDeed | null {
  return scamMessage(norm, from) ?? commentedSteps(norm, from) ?? tableSteps(norm, from);
}
