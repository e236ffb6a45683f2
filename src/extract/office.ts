// DOCX and ODT: paragraphs read straight from their XML (no pages exist there; explicit page
// breaks, when the file has them, start a new page). Each line of a page is one paragraph.
import { DocumentFailure } from '../errors.js';
import { readZipEntries } from '../sources/zip.js';
import type { ExtractedDocument, Line, Page } from '../types.js';

export const OFFICE_EXTRACTOR_VERSION = 'office-xml-1';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name] ?? whole;
  });
}

interface Paragraph {
  text: string;
  pageBreakBefore: boolean;
}

function docxParagraphs(xml: string): Paragraph[] {
  const out: Paragraph[] = [];
  let pendingBreak = false;
  for (const m of xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    const p = m[0];
    let text = '';
    let breakInside = false;
    for (const t of p.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:br\s+w:type="page"\s*\/>|<w:br\/>|<w:cr\/>/g)) {
      if (t[1] !== undefined) text += decodeEntities(t[1]);
      else if (t[0].startsWith('<w:tab')) text += '\t';
      else if (t[0].includes('type="page"')) breakInside = true;
      else text += ' ';
    }
    const breakBefore = pendingBreak || /<w:pageBreakBefore(?:\s+w:val="(?:true|1|on)")?\s*\/>/.test(p);
    pendingBreak = false;
    if (breakInside && text.trim() === '') {
      pendingBreak = true;
      continue;
    }
    out.push({ text: text.replace(/\s+/g, ' ').trim(), pageBreakBefore: breakBefore });
    if (breakInside) pendingBreak = true;
  }
  return out;
}

function odtParagraphs(xml: string): Paragraph[] {
  const body = xml.replace(/<office:annotation[\s\S]*?<\/office:annotation>/g, '');
  const out: Paragraph[] = [];
  for (const m of body.matchAll(/<text:(p|h)(\s[^>]*)?>([\s\S]*?)<\/text:\1>|<text:(?:p|h)(?:\s[^>]*)?\/>/g)) {
    const inner = (m[3] ?? '')
      .replace(/<text:s(?:\s+text:c="(\d+)")?\s*\/>/g, (_w, n: string | undefined) => ' '.repeat(Number(n ?? 1)))
      .replace(/<text:tab\s*\/>/g, '\t')
      .replace(/<text:line-break\s*\/>/g, ' ')
      .replace(/<[^>]+>/g, '');
    out.push({ text: decodeEntities(inner).replace(/\s+/g, ' ').trim(), pageBreakBefore: false });
  }
  return out;
}

function toPages(paragraphs: Paragraph[]): Page[] {
  const pages: Page[] = [];
  let lines: Line[] = [];
  let offset = 0;
  let paragraphNumber = 0;
  let firstParagraph = 1;
  const flush = () => {
    pages.push({ number: pages.length + 1, text: lines.map((l) => l.text).join('\n'), lines, firstParagraph });
    lines = [];
    offset = 0;
  };
  for (const p of paragraphs) {
    paragraphNumber++;
    if (p.pageBreakBefore && lines.length > 0) {
      flush();
      firstParagraph = paragraphNumber;
    }
    if (lines.length === 0) firstParagraph = paragraphNumber;
    // Empty paragraphs count in the numbering but make no line.
    if (!p.text) continue;
    lines.push({ number: lines.length + 1, start: offset, end: offset + p.text.length, text: p.text, paragraph: paragraphNumber });
    offset += p.text.length + 1;
  }
  if (lines.length > 0 || pages.length === 0) flush();
  return pages;
}

/** The paragraphs of the XML part `entry` of an office file, as pages. */
function extractOfficeXml(bytes: Uint8Array, entry: string, kind: string, paragraphs: (xml: string) => Paragraph[]): ExtractedDocument {
  const xml = readZipEntries(bytes, [entry])[entry];
  if (!xml) throw new DocumentFailure('CORRUPT', `a ${kind} without ${entry}`);
  const pages = toPages(paragraphs(new TextDecoder().decode(xml)));
  return { pageCount: pages.length, pages, metadata: {} };
}

export function extractDocx(bytes: Uint8Array): ExtractedDocument {
  return extractOfficeXml(bytes, 'word/document.xml', 'DOCX', docxParagraphs);
}

export function extractOdt(bytes: Uint8Array): ExtractedDocument {
  return extractOfficeXml(bytes, 'content.xml', 'ODT', odtParagraphs);
}

/** Plain text and Markdown: form feeds separate pages; each non-blank line is a line. */
export function extractPlainText(bytes: Uint8Array): ExtractedDocument {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DocumentFailure('UNSUPPORTED', 'not UTF-8 text');
  }
  const paragraphs: Paragraph[] = [];
  text
    .replace(/^\ufeff/, '')
    .split('\f')
    .forEach((chunk, i) => {
      chunk.split(/\r?\n/).forEach((line, j) => paragraphs.push({ text: line.trim(), pageBreakBefore: i > 0 && j === 0 }));
    });
  const pages = toPages(paragraphs);
  return { pageCount: pages.length, pages, metadata: {} };
}
