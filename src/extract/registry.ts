// Input formats, told apart by their bytes (the name only tells plain text apart). Each format
// says how it recognises a document and how it extracts it; engine/document.ts asks this registry.
import { DocumentFailure } from '../errors.js';
import { isZip, listZip, readZipEntries } from '../sources/zip.js';
import type { ExtractedDocument } from '../types.js';
import { documentTypeList, inputType, type InputType } from './input-types.js';
import { describeCompoundFile, isCompoundFile, readCompoundDirectory } from './cfb.js';
import { extractPdfPages, findPdfHeader, looksLikePdf, PDF_EXTRACTOR_VERSION, type PdfExtractOptions } from './pdf.js';
import { extractPlainText, recogniseText, TEXT_EXTRACTOR_VERSION } from './text.js';
import { DOC_EXTRACTOR_VERSION, DOCX_EXTRACTOR_VERSION, ODS_EXTRACTOR_VERSION, ODT_EXTRACTOR_VERSION, recogniseDoc, recogniseDocx, recogniseOds, recogniseOdt, recogniseRtf, recogniseXlsx, RTF_EXTRACTOR_VERSION, XLSX_EXTRACTOR_VERSION } from './recognise.js';

/** What is known of a document's bytes before extraction, computed once for every format. */
export interface Probe {
  bytes: Uint8Array;
  /** The file (or archive entry) name. */
  name: string;
  /** ZIP archives: the entry names, and the ODF `mimetype` entry when there is one. */
  zip?: { names: Set<string>; mimetype?: string };
  /** OLE2 compound files: the names of the root's streams and storages. */
  compound?: Set<string>;
}

export interface InputFormat extends InputType {
  /** Part of the text cache key: change it when the extraction changes. */
  version: string;
  recognise(probe: Probe): boolean;
  extract(bytes: Uint8Array, options: PdfExtractOptions): Promise<ExtractedDocument> | ExtractedDocument;
}

// The office extractors are loaded by the first document of their kind (a PDF run needs none).
export const FORMATS: readonly InputFormat[] = [
  { ...inputType('pdf'), version: PDF_EXTRACTOR_VERSION, recognise: (p) => looksLikePdf(p.bytes), extract: extractPdfPages },
  { ...inputType('docx'), version: DOCX_EXTRACTOR_VERSION, recognise: (p) => !!p.zip && recogniseDocx(p.zip.names), extract: async (bytes) => (await import('./docx.js')).extractDocx(bytes) },
  { ...inputType('xlsx'), version: XLSX_EXTRACTOR_VERSION, recognise: (p) => !!p.zip && recogniseXlsx(p.zip.names), extract: async (bytes) => (await import('./xlsx.js')).extractXlsx(bytes) },
  { ...inputType('ods'), version: ODS_EXTRACTOR_VERSION, recognise: (p) => !!p.zip && recogniseOds(p.zip.names, p.zip.mimetype), extract: async (bytes) => (await import('./ods.js')).extractOds(bytes) },
  { ...inputType('odt'), version: ODT_EXTRACTOR_VERSION, recognise: (p) => !!p.zip && recogniseOdt(p.zip.names, p.zip.mimetype), extract: async (bytes) => (await import('./odt.js')).extractOdt(bytes) },
  { ...inputType('doc'), version: DOC_EXTRACTOR_VERSION, recognise: (p) => !!p.compound && recogniseDoc(p.compound), extract: async (bytes) => (await import('./doc.js')).extractDoc(bytes) },
  { ...inputType('rtf'), version: RTF_EXTRACTOR_VERSION, recognise: (p) => recogniseRtf(p.bytes), extract: async (bytes) => (await import('./rtf.js')).extractRtf(bytes) },
  { ...inputType('text'), version: TEXT_EXTRACTOR_VERSION, recognise: (p) => !p.zip && !p.compound && recogniseText(p.name), extract: extractPlainText },
];

function probe(bytes: Uint8Array, name: string): Probe {
  const out: Probe = { bytes, name };
  if (isZip(bytes)) {
    const names = new Set(listZip(bytes).map((e) => e.name));
    const mimetype = names.has('mimetype') ? readZipEntries(bytes, ['mimetype']).mimetype : undefined;
    out.zip = { names, ...(mimetype ? { mimetype: new TextDecoder().decode(mimetype.subarray(0, 200)).trim() } : {}) };
  } else if (isCompoundFile(bytes)) {
    out.compound = readCompoundDirectory(bytes).names;
  }
  return out;
}

/** Why a document that no format recognises is refused: what it seems to be. */
function describe(p: Probe): string {
  const b = p.bytes;
  if (p.zip) {
    if (p.zip.mimetype?.startsWith('application/vnd.oasis.opendocument.')) return `an OpenDocument file of a kind not read (${p.zip.mimetype.slice(35, 80)})`;
    if (p.zip.names.has('ppt/presentation.xml')) return 'a PowerPoint presentation (.pptx)';
    return 'a ZIP archive that is none of DOCX, ODT, XLSX or ODS';
  }
  if (p.compound) return describeCompoundFile(p.compound);
  if (b[0] === 0x89 && b[1] === 0x50) return 'a PNG image';
  if (b[0] === 0xff && b[1] === 0xd8) return 'a JPEG image';
  return `not a ${documentTypeList()} document`;
}

/** The bytes formatFromHead needs of a file's start. */
export const FORMAT_HEAD_BYTES = 1024;

/**
 * The format detectFormat gives a file of `size` bytes that starts with `head` (its first
 * FORMAT_HEAD_BYTES bytes, or all of a shorter file), when those bytes decide it without reading
 * any container: a PDF header among them, or a whole file that is neither a ZIP nor a compound
 * file (then detectFormat itself, which throws its UNSUPPORTED failure as it would). Undefined
 * otherwise: ask detectFormat with every byte.
 */
export function formatFromHead(head: Uint8Array, size: number, name: string): InputFormat | undefined {
  if (isZip(head) || isCompoundFile(head)) return undefined;
  // findPdfHeader takes a header in the first 1,024 bytes whatever follows them (so does
  // detectFormat); only further on does the rest of the file count.
  if (findPdfHeader(head.subarray(0, FORMAT_HEAD_BYTES)) >= 0) return FORMATS[0];
  return size <= head.length ? detectFormat(head, name) : undefined;
}

/** The document's format, from its bytes; UNSUPPORTED says what the bytes seem to be. */
export function detectFormat(bytes: Uint8Array, name: string): InputFormat {
  const p = probe(bytes, name);
  const format = FORMATS.find((f) => f.recognise(p));
  // A DOCX or XLSX saved with a password is a compound file holding the encrypted package.
  if (!format && p.compound?.has('EncryptedPackage')) throw new DocumentFailure('ENCRYPTED', 'a password-protected Office document (DOCX, XLSX…): save it without a password');
  if (!format) throw new DocumentFailure('UNSUPPORTED', describe(p));
  return format;
}
