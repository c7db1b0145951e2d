/**
 * Generic doers of a deed with a habit, in French, Spanish, German, Portuguese and Italian, and their gear, read by procedural-prose.ts as
 * a frame that tells how it is done ("Diebe kriechen meistens …", "los ladrones suelen …"). Pure, over normalised text.
 */
/** Generic doers with a habit, in the other five languages: "Diebe kriechen meistens …", "os ladrões geralmente entram …", "los ladrones suelen …". */
const OTHER_LANGUAGE_DOERS = String.raw`(?:les gens|les voleurs|les cambrioleurs|les escrocs|les criminels|les braconniers|les faussaires|la gente|los ladrones|los delincuentes|los estafadores|los criminales|los cazadores furtivos|los falsificadores|leute|diebe|einbrecher|täter|betrüger|kriminelle|wilderer|fälscher|as pessoas|os ladrões|os criminosos|os golpistas|os bandidos|os falsificadores|la gente|i ladri|i truffatori|i criminali|i bracconieri|i falsari|molti|viele|muchos|muitos|beaucoup)`;
const OTHER_LANGUAGE_HABITS = String.raw`(?:souvent|généralement|habituellement|d'habitude|en général|suelen|normalmente|generalmente|a menudo|meistens|oft|normalerweise|gewöhnlich|typischerweise|geralmente|costumam|muitas vezes|di solito|spesso|solitamente|simplement|simplemente|simplesmente|semplicemente)`;
/** What is done to them, not what they do: "sont arrêtés", "eran detenidos", "werden erfasst", "vengono ripresi". */
const PASSIVE_AUX = String.raw`(?:sont|étaient|ont été|se font|son|eran|fueron|han sido|werden|wurden|sind|waren|são|eram|foram|sono|erano|vengono|venivano|furono)(?!\p{L})`;
export const OTHER_LANGUAGE_DOER = new RegExp(
  String.raw`(?<!\p{L})${OTHER_LANGUAGE_DOERS} (?:(?!${PASSIVE_AUX})\p{L}+ )?${OTHER_LANGUAGE_HABITS}(?!\p{L})(?! ${PASSIVE_AUX})`,
  'u',
);
/** Their gear, which makes one step a method: "avec un projecteur", "con un foco", "mit einer Akku-Säge", "com uma serra". */
export const OTHER_LANGUAGE_GEAR = /(?<!\p{L})(?:avec|con|mit|com) (?:un|une|una|uno|um|uma|einem|einer|einen) \p{L}+/u;
