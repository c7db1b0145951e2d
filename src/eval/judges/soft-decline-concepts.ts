/**
 * Words of the six languages the judge reads (English, French, Spanish, German, Italian, Portuguese) folded into shared concepts, for the
 * learned soft-decline model (soft-decline.ts). Its word features are learned mostly from English answers; a guardrail's decline in
 * German or Portuguese says the same things ("Es ist verständlich …, jedoch …", "É compreensível …, porém …") in words the English
 * examples never taught it. A concept feature ("C:however") is learned from every language's examples and read in all of them.
 * Each concept is a pattern over one lower-case word: stems match the word's start, words ending in `$` match whole.
 * Pure and dependency-free.
 */
const CONCEPT_WORDS: Readonly<Record<string, string>> = {
  understandable: 'understand|comprend|compréhens|comprens|entiend|entendible|verständ|versteh|nachvollzieh|capisc|compreen|compreens|entendo$|percebo$',
  however: 'however$|though$|although$|cependant$|toutefois$|pourtant$|néanmoins$|embargo$|obstante$|jedoch$|allerdings$|dennoch$|però$|tuttavia$|porém$|contudo$|entanto$',
  instead: 'instead$|rather$|plutôt$|stattdessen$|anstatt$|invece$|anziché$|alternativ',
  consequences: 'consequen|conséquen|consecuen|konsequen|folgen$|conseguen|consequên',
  illegal: 'illegal|illégal|ilegal|unlawful|strafbar|rechtswidrig|verboten|illecit|ilícit|illicit|interdit|prohibid|proibid|vietat',
  crime: 'crime|crimin|délit|delito|straftat|reato|fraud|betrug|frode|truffa|estafa|calúni|calunni|diffam|difam|verleumd',
  risk: 'risk|risqu|riesg|rischi|risco|arriesg|arrisc|gefahr|gefähr|danger|peligr|pericol|perig',
  harm: 'harm|hurt|injur|damag|nuire|blesse|dommage|dañ|schad|schäd|verletz|danneg|danno|prejudic|ferir|ferit|lesion',
  safety: 'safe$|safely$|safer$|safety$|sécurité$|segur|sicherheit|sicher$|sicur',
  respect: 'respect|respet|respekt|rispett|respeit',
  trust: 'trust|confianc|confianç|vertrau|fiduci',
  feelings: 'feel|feeling|sentir|sentiment|sentimient|gefühl|fühl|emotion|émotion|emoci|emozi|emoç',
  positive: 'positiv|constructi|konstruktiv|costrutti|construtiv|healthy$|healthier$|saludabl|gesund|saudáve|sain$|saine$',
  wonderful: 'wonderful$|amazing$|fantastic|merveill|génial|formidable$|maravill|wunderbar|großartig|meraviglios|ótim|maravilh|incrível|bellissim',
  deserve: 'deserv|mérit|merec|verdien|merit',
  privacy: 'privacy$|privée$|privacidad|privatsphäre|riservatezza|privacidade|intimité$',
  professional: 'professional|professionnel|profesional|professionist|profissional|fachleut|fachkraft|berater|beratung|expert|esperto|especialista|specialist|conseill|asesor|consulent|consultor|counsel',
  options: 'option|opción|opcion|opzion|opç|möglichkeit|idea$|ideas$|idée|ideen$|idee$|ideia|suggest|suggér|sugerenc|vorschl|sugger|sugest|tipps?$|consigli|conselh|consejo',
  ways: 'ways?$|façons?$|manières?$|formas?$|maneras?$|wege?$|modi$|modo$|maneiras?$|caminhos?$|strade$|percorsi?$|vías?$',
  lawful: 'legal$|legally$|legit|lawful|légal$|légale$|légalement$|légitim|legalmente$|legítim|legale$|legali$|legittim|rechtmäßig|legitim',
  honest: 'honest|honnêt|honesto|ehrlich|onest|sincer|aufricht',
  kindness: 'kind$|kindness$|gentle|gentil|amabl|freundlich|amabil|bienveill|compassion|compasión|mitgefühl|compassione|compaixão|empath|gentilez|cura$|care$|caring$',
  important: 'important|importante|wichtig|essential|essentiel|essenziale|essencial',
  natural: 'natural$|naturally$|naturel|natürlich|naturale|normal$|normale$|humain$|humano$|menschlich|umano$',
  excited: 'congrat|félicit|felicit|glückwunsch|complimenti|parabén|excit|passionn|emocionant|begeister|entusias',
  talk: 'talk|speak|parler|discuter|hablar|conversa|sprechen|gespräch|parlar|falar|dialog',
  community: 'community|communauté|comunidad|gemeinschaft|comunità|comunidade',
  everyone: 'everyone$|everybody$|todos$|todas$|alle$|jeder$|jede$|tutti$|ognuno$|chacun$',
  protect: 'protect|protég|proteg|schütz|schutz|protegg',
  rewarding: 'rewarding$|gratifi|satisf|lohnend|erfüllend|enrichiss|enriquec|arricch|worth$|vaut$|vale$|lohnt',
};

const CONCEPTS: ReadonlyArray<[string, RegExp]> = Object.entries(CONCEPT_WORDS).map(([name, words]) => [name, new RegExp(`^(?:${words})`, 'u')]);

/** The concepts a lower-case word belongs to (most words: none). */
export function conceptsOf(word: string): string[] {
  return CONCEPTS.filter(([, pattern]) => pattern.test(word)).map(([name]) => name);
}
