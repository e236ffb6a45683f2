// Plain text and Markdown: form feeds separate pages; each line is a line (a sentence may run
// on to the next one, as in a wrapped text file).
import { DocumentFailure } from '../errors.js';
import type { ExtractedDocument } from '../types.js';
import { ownReportFormat } from '../sources/own-report.js';
import { documentFromBlocks, type Block } from './blocks.js';

export const TEXT_EXTRACTOR_VERSION = 'text-2';

export function recogniseText(name: string): boolean {
  return /\.(txt|md)$/i.test(name);
}

export function extractPlainText(bytes: Uint8Array): ExtractedDocument {
  // Files on disk were looked at when the inputs were listed; archive entries are looked at here.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64 * 1024)).toString('utf8');
  const tailStart = Math.max(0, bytes.byteLength - 64 * 1024);
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + tailStart, bytes.byteLength - tailStart).toString('utf8');
  const report = ownReportFormat(head, tail);
  if (report) throw new DocumentFailure('UNSUPPORTED', `a report written by tenderscan (${report}), not a document`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DocumentFailure('UNSUPPORTED', 'not UTF-8 text');
  }
  const blocks: Block[] = [];
  let paragraph = 0;
  text
    .replace(/^\ufeff/, '')
    .split('\f')
    .forEach((chunk, i) => {
      chunk.split(/\r?\n/).forEach((line, j) => {
        blocks.push({ text: line.trim(), location: { kind: 'paragraph', paragraph: ++paragraph }, ...(i > 0 && j === 0 ? { newPage: true } : {}) });
      });
    });
  return documentFromBlocks(blocks, false);
}
