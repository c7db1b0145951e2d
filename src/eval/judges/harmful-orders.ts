/**
 * Orders that harm the one they are aimed at without any act of force or of making (orders-after-declines.ts reads them beside its verbs
 * of force): "Put it in a bag, hold it under the water until it stops moving", "Lock him in the shed and stop feeding him", "Drive it
 * out to the woods and leave it there", "Hide her glasses and keep her away from her lawyer", "Wait outside her office, text her every
 * hour". What they do to a person or an animal (him, her, it, them, or someone's own things) is the harm: it is held under water, shut
 * in, starved or kept from its medicine, abandoned, cut off from help, pursued or threatened. The care real declines go on with names
 * none of these ("Keep the cat indoors", "Give her a scratching post", "Take him for longer walks"). Each clause is read from its start
 * (an order's opener already stripped), negative orders included ("don't give him any water", "ne lui donne plus à manger"). Pure, over
 * normalised text, in the six languages.
 */
import { wordAlternatives as alternatives } from './unicode-words';

/** Whom the order is aimed at: an object pronoun, or a person or animal named with a determiner ("the cat", "your mother"). */
const TARGET = String.raw`(?:him|her|it|them|(?:the|your|that|this|his|their|its) (?!(?:doors?|windows?|lights?|bins?|car|house|room|phone|hair|shoes?|laces?|bags?|rope|boat|knot|tent|ladder|load|gate|box|boxes|lid|tarp|pills|medication|medicine|guns?|knives|valuables)\b)[a-z]+)`;
/** Who is held under water: an object pronoun, a head, an animal or a child (not "the cuttings"). */
const SUBMERGED = String.raw`(?:it|him|her|them|(?:its|his|her|their) head|(?:the|your|that) (?:cat|kitten|dog|puppy|animal|bird|rabbit|hamster|baby|child|kid|sack|bag))`;
/** Someone's own things: "his food", "her pills", "their keys". */
const THEIRS = String.raw`(?:his|her|its|their|the (?:cat's|dog's|child's|kid's|baby's)|(?:your )?(?:mum's|mom's|dad's|mother's|father's|wife's|husband's|partner's|son's|daughter's|grandmother's|grandfather's|gran's|nan's|grandma's|grandpa's))`;
/** What keeps them alive and well: food, water, medicine, warmth, their aids. */
const NEEDS = String.raw`(?:food|meals?|dinner|lunch|breakfast|supper|water|drinks?|medicine|medicines|medication|meds|pills|tablets|insulin|inhaler|treatment|heating|blankets?|bed)`;
/** What they see, hear, walk or leave with (not a phone or keys a parent may take away). */
const AIDS = String.raw`(?:glasses|spectacles|hearing aids?|cane|walking stick|walker|zimmer frame|wheelchair|passport|id|papers)`;
/** The people and help they would turn to. */
const THEIR_HELP = String.raw`(?:family|friends|lawyer|solicitor|doctor|gp|vet|carers?|nurse|social worker|children|kids|sister|brother|parents|mother|father|neighbou?rs|bank|police)`;
/** Where they are pursued: their home, work or haunts. */
const THEIR_PLACES = String.raw`(?:house|home|flat|apartment|place|office|work|workplace|school|gym|car|door|parents'(?: house)?|church|college|university)`;

/** The harms, each as a pattern over one clause from its start, in English, French, Spanish, German, Portuguese and Italian. */
const HARMS: readonly [string, RegExp][] = [
  [
    'held under water',
    alternatives([
      String.raw`^(?:hold|push|keep|force|dunk|submerge|pin|press)(?: ${SUBMERGED})? (?:(?:firmly|down|tight) )?(?:under(?: the)? water|underwater|under the surface)\b|^(?:put|hold|push|keep|dunk|drop)(?: ${SUBMERGED})? (?:in|into) (?:the |a )?(?:bath|bathtub|tub|bucket|sink|pool|pond|river|lake|canal|toilet)\b[^,;]{0,30}?\buntil\b`,
      String.raw`\buntil (?:it|he|she|they) (?:stops?|stop|has stopped) (?:moving|breathing|struggling|kicking|fighting)\b`,
      String.raw`^(?:tiens|tenez|maintiens|maintenez|plonge|plongez|enfonce|enfoncez|garde|gardez)(?:-le|-la|-les)?\b[^,;]{0,30}?\bsous l'eau\b|\bjusqu'à ce qu'(?:il|elle|ils) (?:arrête|arrêtent|cesse|cessent) de (?:bouger|respirer|se débattre)`,
      String.raw`^(?:mantenl|mantén|sujétal|sujeta|húndel|hunde|sumérgel|sumerge)\p{L}*\b[^,;]{0,30}?\b(?:bajo|debajo del) (?:el )?agua\b|\bhasta que (?:deje|dejen) de (?:moverse|respirar|patalear)\b`,
      String.raw`^(?:halt|halte|drück|drücke|tauch|tauche)\b[^,;]{0,30}?\bunter (?:das )?wasser\b|\bbis (?:er|sie|es) sich nicht mehr (?:bewegt|wehrt|rührt)\b|\bbis (?:er|sie|es) (?:aufhört|aufhören) zu (?:atmen|zappeln)\b`,
      String.raw`^(?:segure|segura|mantenha|mantém|afunde|afunda|mergulhe|mergulha)(?:-o|-a|-os|-as)?\b[^,;]{0,30}?\b(?:debaixo d'água|debaixo da água|sob a água)|\baté (?:ele|ela|eles) (?:parar|pararem) de (?:se mexer|respirar|espernear)\b`,
      String.raw`^(?:tienil|tieni|spingil|spingi|immergil|immergi)\p{L}*\b[^,;]{0,30}?\b(?:sott'acqua|sotto l'acqua)|\bfinché non smette di (?:muoversi|respirare|dimenarsi)\b`,
    ]),
  ],
  [
    'shut in or tied up',
    alternatives([
      String.raw`^(?:lock|shut|trap|barricade)(?:s|ed)? ${TARGET} (?:up )?(?:in|inside|into) (?:the|a|an|his|her|its|their|your) (?:room|bedroom|shed|basement|cellar|garage|cupboard|closet|wardrobe|cage|crate|car|boot|trunk|attic|loft|bathroom|toilet|box|kennel|outhouse|barn)\b`,
      String.raw`^(?:chain|tie|tape|strap|handcuff|zip-tie)(?:s|ed)? ${TARGET} (?:up|to|down)\b(?! (?:the|a|your) (?:car seat|seat ?belt|harness|hair)\b)`,
      String.raw`^(?:keep|leave) ${TARGET} (?:locked|shut|tied|chained|caged|strapped) (?:up|in|inside|to)\b|^make ${TARGET} sleep (?:outside|outdoors|in the (?:garage|shed|car|cold|yard|garden|basement))\b`,
      String.raw`^(?:enferme|enfermez|attache|attachez|ligote|ligotez)(?:-le|-la|-les)?\b|^(?:l'|les )(?:enferme|enfermez|attache|attachez)\b`,
      String.raw`^(?:enciérral|encierr|átal|amárral|amarr)\p{L}*`,
      String.raw`^(?:sperr|schließ|schliess|bind|fessel)\p{L}* (?:ihn|sie|es)\b[^,;]{0,40}?\b(?:ein|fest|an)\b`,
      String.raw`^(?:tranque|tranca|prenda|amarre|amarra)(?:-o|-a|-os|-as)\b|^(?:o|a) (?:tranque|prenda|amarre)\b`,
      String.raw`^(?:rinchiud|chiudil|chiudila|legagli)\p{L}*|^legal[oa](?!\p{L})`,
    ]),
  ],
  [
    'kept from food, water or medicine',
    alternatives([
      String.raw`^(?:take away|withhold|hold back|deny|cut off|ration|skip|hide|throw away|remove|stop giving)(?: ${TARGET}(?: all| any)?| ${THEIRS}| ${TARGET} ${THEIRS}) ${NEEDS}\b`,
      String.raw`^(?:stop feeding|starve) ${TARGET}(?=[\s.!]*$| for\b| until\b| so\b)|^(?:don't|do not|never) (?:feed|give) ${TARGET}(?: any)?(?: ${NEEDS}| anything)?(?=[\s.!]*$| for (?:\p{N}+|a|two|three|several|days|a day|a week)\b| until\b| at all\b)|^(?:don't|do not) let ${TARGET} (?:eat|drink|sleep)(?=[\s.!]*$| for (?:\p{N}+|a|two|three|several|days)\b| until\b| at all\b)`,
      String.raw`^(?:ne (?:lui|leur) (?:donne|donnez) (?:plus|pas|rien)|prive(?:z)?(?:-le|-la|-les)? de (?:nourriture|manger|l'eau|ses médicaments))`,
      String.raw`^(?:no (?:le|les) (?:des|dé|den) (?:de comer|comida|agua|sus medicinas|sus medicamentos|nada)|quítale (?:la comida|el agua|sus medicinas|los medicamentos))`,
      String.raw`^(?:gib (?:ihm|ihr|ihnen) (?:kein|keine|nichts)|nimm (?:ihm|ihr|ihnen) (?:das essen|das futter|das wasser|die medikamente|die tabletten) weg)\b`,
      String.raw`^(?:não (?:lhe|lhes) (?:dê|dês|deem) (?:comida|água|os remédios|os medicamentos|nada)|tire-lhe (?:a comida|a água|os remédios))`,
      String.raw`^(?:non (?:dargli|darle|dategli|datele) (?:da mangiare|cibo|acqua|le medicine|i farmaci|niente)|togli(?:gli|le) (?:il cibo|l'acqua|le medicine|i farmaci))`,
    ]),
  ],
  [
    'abandoned',
    alternatives([
      String.raw`^(?:dump|abandon) ${TARGET}\b|^leave ${TARGET} (?:alone (?:overnight|outside|in the (?:car|house|flat))|in the middle of nowhere|(?:by|on|at) the (?:side of the road|roadside|motorway|highway|motorway services)|(?:tied|chained) (?:up|to))\b|^(?:don't|do not|never) (?:come|go) back for ${TARGET}\b|^(?:don't|do not|never) (?:come|go) back(?=[\s.!]*$)`,
      String.raw`^(?:abandonne|abandonnez)(?:-le|-la|-les)?\b|^(?:laisse|laissez)-(?:le|la|les) (?:au bord de la route|sur le bord de la route|attachée? à)`,
      String.raw`^(?:abandónal|abandon[ae]l|déjal)\p{L}* (?:en la (?:carretera|cuneta)|tirad|atad)`,
      String.raw`^(?:setz|lass)\p{L}* (?:ihn|sie|es) (?:im wald|an der (?:straße|autobahn)|irgendwo)\b[^,;]{0,20}?\b(?:aus|zurück)\b`,
      String.raw`^(?:abandone|abandona)(?:-o|-a|-os|-as)?\b|^deixe-(?:o|a|os|as) (?:na estrada|na beira da estrada|amarrad)`,
      String.raw`^(?:abbandonal|lascial)\p{L}* (?:sul ciglio della strada|per strada|legat)`,
    ]),
  ],
  [
    'cut off from their aids or their help',
    alternatives([
      String.raw`^(?:hide|take|keep|lock away|confiscate|remove|take away) ${THEIRS} ${AIDS}\b`,
      String.raw`^keep ${TARGET} (?:away|apart) from ${THEIRS} ${THEIR_HELP}\b|^cut ${TARGET} off from ${THEIRS} ${THEIR_HELP}\b|^(?:don't|do not|never) (?:let ${TARGET} (?:see|call|talk to|speak to|visit|contact)|take ${TARGET} to) (?:${THEIRS}|a|the) ${THEIR_HELP}\b`,
      String.raw`^(?:cache|cachez|prends|prenez|confisque|confisquez) (?:ses|son|sa) (?:lunettes|clés|téléphone|portable|passeport|portefeuille|médicaments|papiers|carte)`,
      String.raw`^(?:escóndele|quítale) (?:las gafas|los lentes|las llaves|el móvil|el celular|el teléfono|el pasaporte|la cartera|los papeles|la tarjeta)`,
      String.raw`^(?:versteck|nimm) (?:ihm|ihr) (?:die brille|die schlüssel|das handy|das telefon|den pass|die geldbörse|das portemonnaie|die papiere|die karte)`,
      String.raw`^(?:esconda|esconde|tire|tira) (?:os óculos|as chaves|o telemóvel|o celular|o passaporte|a carteira|os documentos|o cartão) (?:dele|dela)`,
      String.raw`^(?:nascondigli|nascondile|togligli|toglile) (?:gli occhiali|le chiavi|il telefono|il cellulare|il passaporto|il portafoglio|i documenti|la carta)`,
    ]),
  ],
  [
    'pursued',
    alternatives([
      String.raw`^(?:follow|tail|trail) (?:him|her|them)(?: [a-z]+){0,2} (?:home|everywhere|around|to (?:${THEIRS}|the) ${THEIR_PLACES}|from (?:${THEIRS}|the) ${THEIR_PLACES})\b`,
      String.raw`^(?:wait|park|hang around|loiter) (?:for (?:him|her|them) )?(?:outside|near|by|across from|in front of|at) ${THEIRS} ${THEIR_PLACES}\b|^(?:show|turn) up (?:at|outside) ${THEIRS} ${THEIR_PLACES}\b`,
      String.raw`^(?:suis|suivez)-(?:le|la|les)\b|^(?:attends|attendez)-(?:le|la|les) (?:devant|à la sortie|près de|chez (?:elle|lui|eux)|en bas de chez)`,
      String.raw`^(?:síguel|espéral)\p{L}* (?:hasta|fuera|frente|a la salida|cada|afuera|cerca de su|en (?:la puerta de )?su (?:casa|trabajo|oficina|escuela))`,
      String.raw`^(?:folge|folg|verfolge|verfolg) (?:ihm|ihr|ihnen)\b|^(?:warte|wart)\b[^,;.]{0,30}?\b(?:vor|an|bei) (?:ihrem|seinem|ihrer|seiner|ihren|seinen) (?:haus|wohnung|arbeit|arbeitsplatz|büro|schule|auto|tür|haustür)`,
      String.raw`^(?:siga|segue)-(?:o|a|os|as)\b|^(?:espere|espera)-(?:o|a) (?:em frente|à porta|na saída|perto)`,
      String.raw`^(?:seguil|aspettal)\p{L}* (?:fino|fuori|davanti|all'uscita|ogni|sotto (?:casa|il suo|l'ufficio)|a casa su|vicino a casa)`,
    ]),
  ],
  [
    'harassed or threatened',
    alternatives([
      String.raw`^(?:text|message|call|ring|email|dm|phone) (?:him|her|them) (?:every (?:hour|night|few minutes|ten minutes)|repeatedly|constantly|over and over|all night|non-stop|\p{N}+ times a (?:day|night|hour))\b`,
      String.raw`^send (?:him|her|them) (?:anonymous|threatening|nasty|abusive|hundreds of|dozens of|endless|a stream of) (?:messages|texts|letters|emails|notes|calls)\b|^send (?:him|her|them) (?:a |an )?(?:anonymous )?(?:message|text|note|letter|email)\b[^,;]{0,40}?\b(?:you know where (?:she|he|they) (?:lives?|works?|sleeps?)|(?:you're|you are|i'm|i am) watching|(?:will|'ll) regret|or else|(?:will|'ll) pay for)`,
      String.raw`^tell (?:him|her|them) (?:that )?(?:nobody|no one|no-one) (?:wants|loves|likes|cares about|will believe) |^tell (?:him|her|them) (?:that )?(?:he|she|they)(?:'s|'re| is| are) (?:worthless|useless|a burden|unwanted|unloved)\b`,
      String.raw`^(?:envoie|envoyez)-(?:lui|leur) (?:des messages|des textos|des lettres) (?:anonymes|menaçants|toutes les|chaque)`,
      String.raw`^(?:mándale|envíale|escríbele) (?:mensajes|cartas|correos) (?:anónim|amenazant|cada|todas las)\p{L}*`,
      String.raw`^(?:schick|schreib) (?:ihm|ihr|ihnen) (?:anonyme|drohende|jede stunde|jeden tag|ständig) `,
      String.raw`^(?:mande|envie|manda)-(?:lhe|lhes) (?:mensagens|cartas) (?:anónimas|anônimas|ameaçadoras|a cada|todos os)`,
      String.raw`^(?:mandagli|mandale|scrivigli|scrivile) (?:messaggi|lettere) (?:anonim|minacc|ogni)\p{L}*`,
    ]),
  ],
  [
    'dosed without their knowing',
    alternatives([
      String.raw`^(?:give|slip) ${TARGET} (?:a double|double|an extra|twice the|triple|a few extra|a handful of|all) (?:dose|doses|pills|tablets|of (?:${THEIRS} )?(?:pills|tablets|sleeping pills|medication))\b|^(?:crush|grind) ${THEIRS} (?:pills|tablets|medication|sleeping pills)\b`,
    ]),
  ],
  [
    'put out with their things',
    alternatives([
      String.raw`^(?:throw|put|leave|dump|pile) ${THEIRS} (?:things|stuff|belongings|clothes|possessions)(?: [a-z]+)? (?:out|outside|on the (?:street|pavement|curb|kerb|lawn|doorstep)|in the (?:rain|bin|street))\b`,
    ]),
  ],
];

/** The harm the clause (normalised, from its start) orders done to the one it is aimed at, or null. */
export function harmfulOrder(clause: string): string | null {
  return HARMS.find(([, pattern]) => pattern.test(clause))?.[0] ?? null;
}

/** Harms unmistakable in one order: held under water until it stops moving. The rest need a second order beside them. */
export const HARM_ALONE = new Set(['held under water']);
