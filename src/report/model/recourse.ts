// The deadlines of recourse a lawyer checks first once a contract is awarded, computed from the
// dates the dossier states. Pointers, not advice: each window names its rule, and a window whose
// starting date the dossier does not give is listed without a date rather than guessed.
// Sources: CJA L551-1 (référé précontractuel), L551-13 and R551-7 (référé contractuel),
// CE Ass. 4 avril 2014, Département de Tarn-et-Garonne, n° 358994 (a third party's action).

import type { RecourseWindow } from '../../types.js';

/** YYYY-MM-DD plus days (UTC, no time zone can move the day). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus months: the same day of the month, or the month's last day when it has none. */
export function addMonths(date: string, months: number): string {
  const [y, m, day] = date.split('-').map(Number);
  const month = m - 1 + months;
  const year = y + Math.floor(month / 12);
  const inYear = ((month % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, inYear + 1, 0)).getUTCDate();
  return `${year}-${String(inYear + 1).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/**
 * The windows, from the award (conclusion) date and the award notice's publication date, each
 * when the dossier states exactly one; none when it states neither.
 */
export function recourseWindows(award: string | undefined, notice: string | undefined): RecourseWindow[] {
  if (!award && !notice) return [];
  const windows: RecourseWindow[] = [
    { remedy: 'refere-precontractuel', reference: 'CJA L551-1', from: 'signature', fromDate: null, until: null, period: 'until signature', pointer: true },
  ];
  if (notice) {
    windows.push({ remedy: 'refere-contractuel', reference: 'CJA L551-13, R551-7', from: 'award-notice', fromDate: notice, until: addDays(notice, 31), period: '31 days', pointer: true });
  } else {
    windows.push({ remedy: 'refere-contractuel', reference: 'CJA L551-13, R551-7', from: 'award', fromDate: award!, until: addMonths(award!, 6), period: '6 months', pointer: true });
  }
  windows.push(
    notice
      ? { remedy: 'tarn-et-garonne', reference: 'CE Ass. 4 avril 2014, n° 358994', from: 'award-notice', fromDate: notice, until: addMonths(notice, 2), period: '2 months', pointer: true }
      : { remedy: 'tarn-et-garonne', reference: 'CE Ass. 4 avril 2014, n° 358994', from: null, fromDate: null, until: null, period: '2 months', pointer: true },
  );
  return windows;
}
