// Report dates are spelt out without Intl (its first formatter costs a one-page scan ICU's
// locale data): they must read exactly as Intl.DateTimeFormat writes them.
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/report/i18n.js';

const intl = (iso: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';

describe('formatDate', () => {
  it('writes every day of a leap year and of a common one, at all hours, as Intl does (en-GB, fr-FR)', () => {
    let checked = 0;
    for (const year of [2024, 2026]) {
      for (let day = 0; day < 366; day++) {
        const at = new Date(Date.UTC(year, 0, 1 + day, day % 24, (day * 7) % 60, 59));
        if (at.getUTCFullYear() !== year) continue;
        const iso = at.toISOString();
        expect(formatDate(iso, 'en')).toBe(intl(iso, 'en-GB'));
        expect(formatDate(iso, 'fr')).toBe(intl(iso, 'fr-FR'));
        checked++;
      }
    }
    expect(checked).toBe(366 + 365);
  });

  it('keeps Intl for years outside four digits, the dash for none and the text of a non-date', () => {
    expect(formatDate('0999-03-01T10:00:00Z', 'en')).toBe(intl('0999-03-01T10:00:00Z', 'en-GB'));
    expect(formatDate('2026-12-06T00:05:00+02:00', 'fr')).toBe('5 décembre 2026 à 22:05 UTC');
    expect(formatDate(undefined, 'en')).toBe('—');
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });
});
