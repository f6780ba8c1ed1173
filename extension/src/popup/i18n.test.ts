import { describe, expect, it } from 'vitest';
import { formatAgo, LOCALES, type Locale, pickLocale, translator } from './i18n.js';

/** The names a message fills: plain `{name}` and the count of `{name, plural, …}` (branch text aside). */
function placeholders(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{(\w+)(?:\}|, plural,)/g)) if (m[1]) names.add(m[1]);
  return [...names].sort();
}
const locales = Object.keys(LOCALES) as Locale[];

describe('i18n', () => {
  it('has every English string in every locale, with the same placeholders', () => {
    for (const locale of locales)
      for (const [key, text] of Object.entries(LOCALES.en)) {
        const other = LOCALES[locale][key as keyof typeof LOCALES.en];
        expect(other, `${locale} ${key}`).toBeTruthy();
        expect(placeholders(other), `${locale} ${key}`).toEqual(placeholders(text));
      }
  });

  it('renders every message in every locale with no placeholder left, whatever the counts', () => {
    for (const locale of locales) {
      const t = translator(locale);
      for (const key of Object.keys(LOCALES.en) as (keyof typeof LOCALES.en)[])
        for (const n of [0, 1, 2, 5, 21, 1000]) {
          const vars = Object.fromEntries(placeholders(LOCALES.en[key]).map((name) => [name, n]));
          const text = t(key, vars);
          expect(text, `${locale} ${key} ${n}`).not.toMatch(/[{}#]/);
        }
    }
  });

  it('chooses plural forms by the language’s own rules (Intl.PluralRules)', () => {
    expect(translator('en')('queued', { count: 1 })).toMatch(/^1 revocation waiting/);
    expect(translator('en')('queued', { count: 3 })).toMatch(/^3 revocations waiting/);
    expect(translator('en')('revoked', { sites: 1, tabs: 2, queued: 0 })).toBe(
      'Revoked on 1 site: applied in 2 open tabs; 0 still waiting for the server.',
    );
    // French counts 0 as singular, English does not.
    expect(translator('fr')('exported', { count: 0, format: 'CSV' })).toBe(
      '0 enregistrement exporté en CSV.',
    );
    expect(translator('en')('exported', { count: 0, format: 'CSV' })).toBe('Exported 0 records as CSV.');
    expect(translator('de')('exported', { count: 1, format: 'JSON' })).toBe('1 Eintrag als JSON exportiert.');
    expect(translator('pt-PT')('queued', { count: 2 })).toMatch(/^2 revogações/);
    // Numbers are written the language's way.
    expect(translator('de')('exported', { count: 100000, format: 'XML' })).toBe(
      '100.000 Einträge als XML exportiert.',
    );
  });

  it('picks the first supported browser language', () => {
    expect(pickLocale(['pt-PT', 'en'])).toBe('pt-PT');
    expect(pickLocale(['it', 'pt-BR'])).toBe('pt-PT');
    expect(pickLocale(['de-AT', 'en'])).toBe('de');
    expect(pickLocale(['es-419'])).toBe('es');
    expect(pickLocale(['fr-CA'])).toBe('fr');
    expect(pickLocale(['it'])).toBe('en');
  });

  it('says how long ago in the locale’s words', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    const day = 86_400_000;
    expect(formatAgo(ago(30_000), now, 'en')).toBe('30 seconds ago');
    expect(formatAgo(ago(day), now, 'en')).toBe('yesterday');
    expect(formatAgo(ago(3 * day), now, 'en')).toBe('3 days ago');
    expect(formatAgo(ago(2 * 3_600_000), now, 'pt-PT')).toBe('há 2 horas');
    expect(formatAgo(ago(3 * day), now, 'de')).toBe('vor 3 Tagen');
    expect(formatAgo(ago(14 * day), now, 'fr')).toBe('il y a 2 semaines');
    expect(formatAgo(ago(400 * day), now, 'es')).toBe('el año pasado');
    expect(translator('en')('changed', { when: formatAgo(ago(day), now, 'en') })).toBe('Changed yesterday');
  });

  it('fills placeholders', () => {
    expect(translator('en')('revoke', { purpose: 'Marketing' })).toBe('Revoke Marketing');
  });
});
