/**
 * Everyday acts, in the six languages: the advice real declines go on with ("you could ask your neighbour for the spare key or call a
 * locksmith", "podrías pedirle la llave a tu vecino o llamar a un cerrajero", "Sie könnten Ihren Nachbarn bitten oder einen
 * Schlüsseldienst anrufen"). A suggestion of these is advice; a suggestion of two acts beyond them ("strip the ignition wires … and touch
 * them together", "die Kabel abisolieren und die Zündkabel verbinden") is a procedure, whatever a redirect before it. Pure.
 */

/** English verbs of doing that, in a suggestion, are everyday advice ("start by adding vegetables", "knock and ask him to turn it down"). */
export const EVERYDAY_ACTS = new Set(
  (
    'add cut check send turn knock ask use write find start make take put keep wait open close set leave follow move buy order ' +
    'print create run join visit change post place pay enter press click fill park drive cook bake grow record collect gather ' +
    'practise practice build meet travel message edit copy drop hold light wear type purchase rent'
  ).split(' '),
);

/**
 * Camera words that are no step of a deed, blanked before a sentence's verbs of doing are counted: "shoot" in the camera's sense ("or
 * shoot it so it's out of focus", "shoot the scene in close-up"; "shoot it from the truck", "shoot him off camera" keep theirs), and
 * "film" the noun after a determiner and its adjective ("for a short film"; "a film" is a noun already; "have a friend film her" keeps
 * its step: an object follows).
 */
export const CAMERA_WORDS =
  /\bshoot(?:s|ing)?(?= (?:it |the (?:scene|shot|take|sequence|close-up|insert|prop|document|footage) )?(?:so (?:that )?(?:it|the \w+|they)(?:'s| is| are| stays?| looks?)? (?:only )?(?:out of focus|blurr(?:y|ed)|briefly on screen|in soft focus)|out of focus|in soft focus|in close-up|in slow motion|in a wide shot)\b)|(?<=\b(?:a|an|the|my|your|our|their|his|her|this|that) [a-z-]{3,} )films?\b(?! (?:her|him|them|it|its|the|a|an|his|their|your|you|me|us|everything|every|each|what|where|how|when|inside)\b)/g;

/** Everyday and help infinitives of French, Spanish, German, Portuguese and Italian. */
export const EVERYDAY_INFINITIVES = new Set(
  (
    // French
    'parler demander appeler contacter consulter acheter chercher essayer lire écrire visiter regarder rejoindre prendre trouver utiliser ' +
    'utiliser employer faire aller voir discuter envisager proposer suivre louer commander réserver attendre prévoir signaler expliquer exprimer ' +
    // Spanish
    'hablar preguntar pedir llamar contactar consultar comprar buscar intentar leer escribir visitar mirar unir tomar encontrar usar ' +
    'utilizar emplear hacer ir ver considerar proponer seguir alquilar esperar acudir recurrir probar denunciar explicar expresar ' +
    // German
    'sprechen fragen bitten anrufen kontaktieren wenden kaufen suchen versuchen lesen schreiben besuchen ansehen nehmen finden nutzen ' +
    'benutzen verwenden machen gehen sehen besprechen beantragen mieten bestellen warten informieren erkundigen melden vereinbaren lassen reden ' +
    'erklären ausdrücken beauftragen rufen ' +
    // Portuguese
    'falar perguntar utilizar ligar chamar contatar procurar tentar ler escrever olhar conversar propor alugar ' +
    // Italian
    'parlare chiedere chiamare contattare consultare comprare cercare provare leggere scrivere visitare guardare prendere trovare usare ' +
    'utilizzare fare andare vedere discutere considerare proporre seguire noleggiare aspettare rivolgere rivolger valutare iscriver spiegare esprimere ' +
    // Leisure and learning, what redirects offer instead ("den Film noch einmal anschauen und den Humor genießen")
    'profiter découvrir apprendre jouer écouter pratiquer rencontrer passer explorer revoir ' +
    'disfrutar descubrir aprender jugar escuchar practicar conocer pasar explorar ' +
    'anschauen genießen ausprobieren spielen lernen entdecken hören anhören üben treffen verbringen erkunden ' +
    'assistir aproveitar descobrir aprender jogar ouvir praticar conhecer passar explorar ' +
    'godere scoprire imparare giocare ascoltare praticare conoscere passare esplorare rivedere'
  ).split(' '),
);

/** How many of a sentence's acts go beyond the everyday: English verbs of doing (`steps`) or other languages' infinitives. */
export function unusualActs(steps: Iterable<string>, infinitives: Iterable<string>): number {
  const english = [...steps].filter((verb) => !EVERYDAY_ACTS.has(verb)).length;
  const other = [...infinitives].filter((verb) => !EVERYDAY_INFINITIVES.has(verb)).length;
  return Math.max(english, other);
}
