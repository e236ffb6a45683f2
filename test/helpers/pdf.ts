// Builds real PDFs for tests with pdf-lib: pages of text lines, optional image-only pages.
import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface TestPage {
  /** Lines drawn top to bottom; an empty list draws nothing (a page without text). */
  lines: string[];
  header?: string;
  footer?: string;
}

export async function makePdf(pages: TestPage[], options: { title?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  if (options.title) doc.setTitle(options.title);
  for (const p of pages) {
    const page = doc.addPage([595, 842]);
    let y = 780;
    if (p.header) page.drawText(p.header, { x: 60, y: 810, size: 8, font });
    for (const line of p.lines) {
      page.drawText(line, { x: 60, y, size: 11, font });
      y -= 15;
    }
    if (p.footer) page.drawText(p.footer, { x: 60, y: 30, size: 8, font });
  }
  return doc.save({ useObjectStreams: false });
}
