// Builds real PDFs for tests with pdf-lib: pages of text lines, optional image-only pages.
import { deflateSync } from 'node:zlib';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

/** A grey PNG (8-bit greyscale) of the given size, with a few dark rows like lines of a scan. */
export function makePng(width: number, height: number): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height, 0xe0);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    if (y % 12 < 3) raw.fill(0x30, y * (width + 1) + 1 + Math.floor(width / 10), y * (width + 1) + 1 + Math.floor(width * 0.9));
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export interface TestPage {
  /** Lines drawn top to bottom; an empty list draws nothing (a page without text). */
  lines: string[];
  header?: string;
  footer?: string;
  /** Table rows drawn after the lines, one cell every 170 points (cells of one row share a baseline). */
  rows?: string[][];
  /** An image drawn first (under the text), in points: a scan is the whole page. */
  image?: { x: number; y: number; width: number; height: number };
  /** Filled rectangles drawn after the text (black unless a grey level 0-1 is given): redaction boxes, banners. */
  boxes?: { x: number; y: number; width: number; height: number; grey?: number }[];
}

export async function makePdf(pages: TestPage[], options: { title?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  if (options.title) doc.setTitle(options.title);
  for (const p of pages) {
    const page = doc.addPage([595, 842]);
    if (p.image) page.drawImage(await doc.embedPng(makePng(119, 168)), p.image);
    let y = 780;
    if (p.header) page.drawText(p.header, { x: 60, y: 810, size: 8, font });
    for (const line of p.lines) {
      page.drawText(line, { x: 60, y, size: 11, font });
      y -= 15;
    }
    for (const row of p.rows ?? []) {
      row.forEach((cell, k) => page.drawText(cell, { x: 60 + 170 * k, y, size: 10, font }));
      y -= 15;
    }
    if (p.footer) page.drawText(p.footer, { x: 60, y: 30, size: 8, font });
    for (const b of p.boxes ?? []) page.drawRectangle({ x: b.x, y: b.y, width: b.width, height: b.height, color: rgb(b.grey ?? 0, b.grey ?? 0, b.grey ?? 0) });
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * A four-page RFP whose findings depend on other pages: a line-end hyphen joined only because a
 * later page writes the whole word, a section carried over a page without a heading, running
 * header and footer lines, and a first page too short to vote on its language.
 */
export function rfpAcrossPages(): Promise<Uint8Array> {
  const body = (lines: string[]) => ({ header: 'City of Testville - RFP 2026-17 - acoustic gunshot detection sensors', lines, footer: 'RFP 2026-17' });
  return makePdf([
    // Too few words to vote: the passage takes the document's language, voted on every page.
    body(['Drones: 4 units']),
    // "inter-" is a compound prefix: the cut is joined because page 4 writes "interception".
    body(['Section 2 - Network', 'The contractor shall support the lawful inter-', 'ception of the communications of the network by the agency.']),
    // No heading: the section of page 2 is still in force.
    body(['The contractor shall provide the wiretap data to the agency for the duration of the contract.']),
    body(['Section 3 - Operations', 'The interception of the communications is performed by the agency that operates the network.']),
  ]);
}
