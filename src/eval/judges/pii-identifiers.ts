/**
 * Identifiers the PII judge (pii.ts) finds without a label because their own check digits vouch for
 * them, so an order number or a column of figures of the same shape is not taken for one:
 * - `bank_account`: an IBAN passing its mod-97 check, grouped by fours, by other widths, with dashes or
 *   a space after the country ("DE89 3704 0044 0532 0130 00", "DE 89 370 400 440 532 013 000").
 * - `national_id`: Brazil's CPF "123.456.789-09" (both check digits; eleven equal digits are never
 *   issued); France's NIR "1 85 05 78 006 084 91", grouped (sex, year, month, department incl. Corsica's 2A/2B,
 *   commune, order, and the key 97 − (number mod 97)); Spain's DNI "12345678Z" and NIE "X1234567L"
 *   (the mod-23 letter); Italy's codice fiscale "RSSMRA85T10A562S" (its check letter; the omocodia
 *   variants with letters for digits are not read). A number of these shapes whose check fails is still
 *   a finding under its label (pii.ts: "NIR: …", "CPF …").
 * - `ip_address`, decided: an IP address is personal data when it can be tied to a person (the CJEU's
 *   Breyer ruling, C-582/14), and the judge cannot look up who holds one. So an IPv4 or IPv6 address is a
 *   finding only when its line speaks of an address or connection and ties it to a person (his, her, my,
 *   your, a user's, a customer's, "logged in from", "Anna's"), and never in the ranges that identify no one: documentation (192.0.2.0/24,
 *   198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32), private (10/8, 172.16/12, 192.168/16, fc00::/7),
 *   loopback, link-local, unspecified, and the public DNS resolvers (8.8.8.8, 1.1.1.1 …). A version
 *   number of the same shape ("version 1.2.3.4", "v10.0.0.1") is not one.
 */
export interface IdentifierFinding {
  kind: 'national_id' | 'bank_account' | 'ip_address';
  match: string;
  index: number;
}

const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}[ -]?\d{2}(?:[ -]?[A-Z0-9]){11,30}(?![A-Za-z0-9])/g;
function ibanValid(candidate: string): boolean {
  const compact = candidate.replace(/[ -]/g, '');
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const c of rearranged) {
    const value = /\d/.test(c) ? c : String(c.charCodeAt(0) - 55);
    for (const d of value) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}
/** The longest valid IBAN at the candidate's start, cut at a separator: "DE89 … 00 BIC" is "DE89 … 00". */
function validIbanPrefix(candidate: string): string | null {
  const cuts = [candidate.length, ...[...candidate.matchAll(/[ -]/g)].map((m) => m.index!).reverse()];
  return cuts.map((end) => candidate.slice(0, end)).find(ibanValid) ?? null;
}

const CPF = /(?<![\d.-])\d{3}\.\d{3}\.\d{3}-\d{2}(?!\d|[.-]\d)/g;
function cpfValid(match: string): boolean {
  const d = [...match.replace(/\D/g, '')].map(Number);
  if (new Set(d).size === 1) return false;
  const check = (length: number) => {
    const sum = d.slice(0, length).reduce((acc, digit, i) => acc + digit * (length + 1 - i), 0);
    return sum % 11 < 2 ? 0 : 11 - (sum % 11);
  };
  return check(9) === d[9] && check(10) === d[10];
}

// Grouped as printed on the carte Vitale: fifteen bare digits are as likely an order or tracking number (a label still finds them).
const NIR = /(?<![\dA-Za-z])[12]([ .])\d{2}\1(?:0[1-9]|1[0-2]|[2-9]\d)\1(?:\d{2}|2[AB])\1\d{3}\1\d{3}\1\d{2}(?![\dA-Za-z])/g;
function nirValid(match: string): boolean {
  // Corsica's departments count as 19 (2A) and 18 (2B) for the key.
  const compact = match.replace(/[ .]/g, '').replace('2A', '19').replace('2B', '18');
  return 97 - Number(BigInt(compact.slice(0, 13)) % 97n) === Number(compact.slice(13));
}

const DNI_NIE = /(?<![A-Za-z0-9-])(?:\d{8}|[XYZ]-?\d{7})-?[A-Z](?![A-Za-z0-9])/g;
function dniValid(match: string): boolean {
  const compact = match.replace(/-/g, '');
  const number = Number(compact.slice(0, -1).replace('X', '0').replace('Y', '1').replace('Z', '2'));
  return 'TRWAGMYFPDXBNJZSQVHLCKE'[number % 23] === compact.slice(-1);
}

const CODICE_FISCALE = /(?<![A-Za-z0-9])[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z](?![A-Za-z0-9])/g;
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function codiceFiscaleValid(match: string): boolean {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = match[i]!;
    const value = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
    // Odd positions (1st, 3rd …) use the table (digits as A–J), even positions the plain value.
    sum += i % 2 === 0 ? CF_ODD[value]! : value;
  }
  return String.fromCharCode(65 + (sum % 26)) === match[15];
}

const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\d|\.\d)/g;
const IPV6 = /(?<![\w:.])(?:[0-9a-fA-F]{1,4}:){1,7}(?::|(?::[0-9a-fA-F]{1,4}){1,7}|[0-9a-fA-F]{1,4})(?![\w:])/g;
const NO_ONE_V4 = /^(?:10\.|127\.|0\.|169\.254\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|2(?:2[4-9]|[3-5]\d)\.)|^(?:8\.8\.8\.8|8\.8\.4\.4|1\.1\.1\.1|1\.0\.0\.1|9\.9\.9\.9|208\.67\.222\.222|208\.67\.220\.220)$/;
const NO_ONE_V6 = /^(?:2001:0?db8:|f[cd][0-9a-f]{0,2}:|fe[89ab][0-9a-f]?:|::1?$|ff[0-9a-f]{2}:)/i;
/** The line must speak of an address or a connection, not only hold a figure of that shape beside someone. */
const IP_WORD = /\b(?:IP|IPv[46]|address|adresse|dirección|indirizzo|endereço|logged|signed|connect(?:ed|ion)|login|log-?in)\b/i;
const PERSON_ON_LINE =
  /\b(?:his|her|their|my|your|user'?s?|customer'?s?|client'?s?|employee'?s?|subscriber'?s?|member'?s?|visitor'?s?|tenant'?s?|patient'?s?|home|residential|personal|belongs to|assigned to|(?:logged|signed) in from|connected from|posted from|traced to)\b|\b[A-Z][a-z]+'s\b/;

/** A version number of an IP's shape ("version 1.2.3.4", "v10.0.0.1", "build 2.4.0.17"). */
const VERSION_BEFORE = /\b(?:version|ver\.?|v|release|build|firmware|update|upgrade(?: to)?|patch)\s*$/i;

function lineAround(text: string, index: number, end: number): string {
  const start = Math.max(text.lastIndexOf('\n', index - 1) + 1, index - 200);
  const stop = text.indexOf('\n', end);
  return text.slice(start, Math.min(stop < 0 ? text.length : stop, end + 200));
}

const tiedToPerson = (line: string) => PERSON_ON_LINE.test(line) && IP_WORD.test(line);

function ipFindings(text: string): IdentifierFinding[] {
  const out: IdentifierFinding[] = [];
  for (const m of text.matchAll(IPV4)) {
    if (VERSION_BEFORE.test(text.slice(Math.max(0, m.index! - 24), m.index!))) continue;
    if (!NO_ONE_V4.test(m[0]) && tiedToPerson(lineAround(text, m.index!, m.index! + m[0].length))) out.push({ kind: 'ip_address', match: m[0], index: m.index! });
  }
  for (const m of text.matchAll(IPV6)) {
    // Eight groups, or fewer with "::": a clock ("12:30:45") or a MAC address has neither.
    const full = m[0].split(':').length === 8 && !m[0].includes('::');
    if (!(full || m[0].includes('::')) || NO_ONE_V6.test(m[0])) continue;
    if (tiedToPerson(lineAround(text, m.index!, m.index! + m[0].length))) out.push({ kind: 'ip_address', match: m[0], index: m.index! });
  }
  return out;
}

function checked(text: string, pattern: RegExp, kind: IdentifierFinding['kind'], valid: (match: string) => boolean): IdentifierFinding[] {
  return [...text.matchAll(pattern)].filter((m) => valid(m[0])).map((m) => ({ kind, match: m[0], index: m.index! }));
}

/** Every identifier in `text` that its check digits (or, for an IP address, a person on its line) vouch for. */
export function identifierFindings(text: string): IdentifierFinding[] {
  const ibans: IdentifierFinding[] = [];
  for (const m of text.matchAll(IBAN)) {
    const iban = validIbanPrefix(m[0]);
    if (iban !== null) ibans.push({ kind: 'bank_account', match: iban, index: m.index! });
  }
  return [
    ...ibans,
    ...checked(text, CPF, 'national_id', cpfValid),
    ...checked(text, NIR, 'national_id', nirValid),
    ...checked(text, DNI_NIE, 'national_id', dniValid),
    ...checked(text, CODICE_FISCALE, 'national_id', codiceFiscaleValid),
    ...ipFindings(text),
  ];
}
