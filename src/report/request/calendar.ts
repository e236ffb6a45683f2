// tenderscan request --calendar: the request's dates as iCalendar events (RFC 5545): lines end
// with CRLF and are folded at 75 octets (never inside a UTF-8 character); text values escape
// backslash, semicolon, comma and newlines. Everything from the dossier (titles) and from the
// user (--to) goes through escapeText.
import { createHash } from 'node:crypto';
import type { MissingItem, Report } from '../../types.js';
import type { ReportLanguage } from '../i18n.js';
import { namerFor } from '../names.js';
import { longDate, requestDates, type RequestSettings } from './letter.js';

/** A TEXT value (RFC 5545 §3.3.11): `\` `;` `,` escaped, every line break as `\n`, other controls dropped. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?|[\n\u2028\u2029\u0085]/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/** A content line folded at 75 octets (RFC 5545 §3.1): CRLF, then one space, at a character boundary. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    // The first line holds 75 octets; the next ones 74 after their leading space.
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const WORDS = {
  fr: {
    answer: (to: string) => `Demande CRPA à ${to} : réponse attendue (le silence vaut refus implicite)`,
    answerWhy: (sent: string) => `Demande de communication envoyée le ${sent}. Sans réponse un mois après sa réception, le silence vaut refus implicite (CRPA R311-12, R311-13) : envoyer la saisine de la CADA.`,
    cada: (to: string) => `Dernier jour pour saisir la CADA (demande à ${to})`,
    cadaWhy: 'Deux mois après le refus implicite (CRPA R343-1) ; saisine préalable obligatoire à tout recours (CRPA L342-1).',
    asked: 'Documents demandés',
  },
  en: {
    answer: (to: string) => `Public records request to ${to}: follow up`,
    answerWhy: (sent: string) => `Request sent on ${sent}. Check the answer deadline under the statute named in the letter (not computed here).`,
    cada: () => '',
    cadaWhy: '',
    asked: 'Records asked for',
  },
} as const;

/** The events: the answer due (and in French the last day to refer the refusal to the CADA). */
export function requestCalendar(report: Pick<Report, 'missing' | 'documents'>, settings: RequestSettings): string {
  const language: ReportLanguage = settings.language;
  const w = WORDS[language];
  const dates = requestDates(settings);
  const to = settings.to.replace(/\s+/g, ' ').trim();
  const items: MissingItem[] = (report.missing ?? []).filter((i) => i.review?.status !== 'false-positive');
  const nameOf = namerFor(report as Report);
  const asked = `${w.asked}: ${items.map((i) => (i.type === 'withheld' ? nameOf(i.title) : i.title)).join('; ')}`;
  const ids = items.map((i) => i.id).join(',');
  const uid = (what: string) => `${createHash('sha256').update([what, settings.date, to, ids].join('\0')).digest('hex').slice(0, 24)}@tenderscan`;
  const stamp = `${settings.date.replace(/-/g, '')}T000000Z`;
  const day = (date: string) => date.replace(/-/g, '');
  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const event = (what: string, date: string, summary: string, description: string) => [
    'BEGIN:VEVENT',
    `UID:${uid(what)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${day(date)}`,
    `DTEND;VALUE=DATE:${nextDay(date)}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(`${description}\n${asked}`)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//tenderscan//request//EN',
    'CALSCALE:GREGORIAN',
    ...event('answer', dates.answerDue, w.answer(to), w.answerWhy(longDate(dates.sent, language))),
    ...(dates.cadaDeadline ? event('cada', dates.cadaDeadline, w.cada(to), w.cadaWhy) : []),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
