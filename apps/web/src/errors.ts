import type { Lang } from './i18n';
import { ApiFailure } from './api/client';

/** Swedish for the validation messages the API answers (class-validator's and the domain's). */
const FIELD_PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/should not exist/i, () => 'Fältet hör inte hit.'],
  [/YYYY-MM-DD|must be a (valid )?(ISO 8601 )?date|calendar date/i, () => 'Ange ett datum som ÅÅÅÅ-MM-DD.'],
  [/YYYY-MM\b|must be a month/i, () => 'Ange en månad som ÅÅÅÅ-MM.'],
  [/(must not be|cannot be|may not be) before|to ≥ from|on or after/i, () => 'Till-datumet kan inte vara före från-datumet.'],
  [/ahead|in the future|future/i, () => 'Datumet ligger för långt fram i tiden.'],
  [/overlap|more than 100/i, () => 'Det finns redan frånvaro registrerad dessa dagar.'],
  [/must not be less than (\d+)/i, (m) => `Minst ${m[1]}.`],
  [/must not be greater than (\d+)/i, (m) => `Högst ${m[1]}.`],
  [/shorter than or equal to (\d+)/i, (m) => `Högst ${m[1]} tecken.`],
  [/must be one of/i, () => 'Välj ett av alternativen.'],
  [/must be an integer|must be a number/i, () => 'Ange ett heltal.'],
  [/uuid|must match .*pattern|\bid\b/i, () => 'Ogiltigt id.'],
  [/email/i, () => 'Ange en giltig e-postadress.'],
  [/should not be empty|must be a string|must be defined|required/i, () => 'Fyll i fältet.'],
  [/certificate/i, () => 'Intyget måste gälla dagar i ärendet.'],
];

export function swedishFieldMessage(message: string): string {
  for (const [pattern, make] of FIELD_PATTERNS) {
    const m = message.match(pattern);
    if (m) return make(m);
  }
  return 'Värdet godtas inte.';
}

const STATUS_SV: Record<number, string> = {
  400: 'Uppgifterna godtas inte. Se markerade fält.',
  401: 'Du är inte inloggad längre. Logga in igen.',
  403: 'Du har inte behörighet att göra det här.',
  404: 'Det du sökte finns inte.',
  409: 'Det krockar med något som redan är registrerat.',
  413: 'För mycket data på en gång.',
  415: 'Fel format.',
  422: 'Det går inte enligt reglerna.',
  429: 'För många försök. Vänta en stund.',
  503: 'Tjänsten hinner inte just nu. Försök igen om en stund.',
};

/** The message for the whole form (the top of it), in the person's language. */
export function formMessage(failure: unknown, lang: Lang): string {
  if (!(failure instanceof ApiFailure)) return lang === 'en' ? 'Something went wrong.' : 'Något gick fel.';
  if (failure.offline) return lang === 'en' ? 'No connection to the service.' : 'Ingen anslutning till tjänsten.';
  const p = failure.problem!;
  if (lang === 'en') return p.detail ?? p.title ?? `Error ${p.status}`;
  if (p.status === 409 && /overlap/i.test(p.detail ?? '')) return 'Det finns redan frånvaro registrerad dessa dagar.';
  if (p.status === 409 && /version/i.test(p.detail ?? '')) return 'Någon annan har just ändrat ärendet. Läs in det igen.';
  if (p.status === 422 || p.status === 409) {
    const specific = FIELD_PATTERNS.find(([pattern]) => pattern.test(p.detail ?? ''));
    if (specific && specific[0].source !== 'uuid|must match .*pattern|\\bid\\b') return `${STATUS_SV[p.status]} ${swedishFieldMessage(p.detail ?? '')}`;
  }
  return STATUS_SV[p.status] ?? (p.status >= 500 ? 'Något gick fel hos tjänsten. Försök igen.' : 'Något gick fel.');
}

/** Messages per field, keyed by the field's name as the API names it. */
export function fieldMessages(failure: unknown, lang: Lang): Record<string, string> {
  if (!(failure instanceof ApiFailure) || !failure.problem?.errors) return {};
  const out: Record<string, string> = {};
  for (const { field, message } of failure.problem.errors) {
    const text = lang === 'en' ? message : swedishFieldMessage(message);
    out[field] = out[field] ? `${out[field]} ${text}` : text;
  }
  return out;
}
