// The lines a scan says on stderr beside its report: documents that failed or have unread
// pages, and files skipped in folders and archives.
import { INTERRUPTED } from '../../report/dossier.js';
import { pageRanges } from '../../report/text.js';
import type { Skipped } from '../../sources/expand.js';
import type { DocumentResult } from '../../types.js';

/** `done`: what a document's pages went through (a scan analyses them, find searches them). */
export function announce(result: DocumentResult, warn: (line: string) => void, done: 'analysed' | 'searched' = 'analysed'): void {
  const { entry } = result;
  // Said once for all of them at the end of the run (interruptedLine), not once per document.
  if (entry.error?.code === INTERRUPTED) return;
  if (entry.status === 'error') {
    warn(`${entry.path}: ${entry.error!.code}: ${entry.error!.message}`);
    return;
  }
  if (entry.pagesWithoutText.length) {
    const many = entry.pagesWithoutText.length > 1;
    const afterOcr = entry.pagesWithoutText.every((p) => entry.ocrPages?.includes(p));
    warn(
      afterOcr
        ? `${entry.path}: page${many ? 's' : ''} ${pageRanges(entry.pagesWithoutText)}: OCR found no text`
        : `${entry.path}: page${many ? 's' : ''} ${pageRanges(entry.pagesWithoutText)} ${many ? 'have' : 'has'} no usable text (scanned?); not ${done}: use --ocr auto`,
    );
  }
  if (entry.failedPages.length) {
    warn(`${entry.path}: page${entry.failedPages.length > 1 ? 's' : ''} ${pageRanges(entry.failedPages)} could not be read; the other pages were ${done}`);
  }
}

/** Files named by the user are always said; those of folders and archives are counted, or listed with --verbose. */
export function announceSkipped(skipped: Skipped[], verbose: boolean, warn: (line: string) => void): void {
  const counted = { unsupported: 0, text: 0, report: 0 };
  for (const s of skipped) {
    if (s.named || verbose) warn(`${s.path}: skipped (${s.reason})`);
    else counted[s.kind]++;
  }
  const plural = (n: number, one: string) => `${n} ${one}${n > 1 ? 's' : ''}`;
  const why = [
    counted.unsupported ? `${counted.unsupported} of unsupported types` : '',
    counted.text ? `${plural(counted.text, 'text file')} (--include-text reads them)` : '',
    counted.report ? plural(counted.report, 'tenderscan report') : '',
  ].filter(Boolean);
  const total = counted.unsupported + counted.text + counted.report;
  if (total > 0) warn(`${plural(total, 'file')} skipped in folders and archives: ${why.join(', ')}; --verbose lists them`);
}
