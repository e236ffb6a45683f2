// What tells each office format apart, and its extractor's version, without the extractor:
// the registry knows every format, and a PDF run loads none of the office extractors.

export const DOCX_EXTRACTOR_VERSION = 'docx-xml-3';
export const XLSX_EXTRACTOR_VERSION = 'xlsx-xml-1';
export const ODS_EXTRACTOR_VERSION = 'ods-xml-1';
export const ODT_EXTRACTOR_VERSION = 'odt-xml-3';
export const DOC_EXTRACTOR_VERSION = 'doc-word-extractor-1.0.4-1';
export const RTF_EXTRACTOR_VERSION = 'rtf-1';

export function recogniseDocx(zipNames: ReadonlySet<string>): boolean {
  return zipNames.has('word/document.xml');
}

export function recogniseXlsx(zipNames: ReadonlySet<string>): boolean {
  return zipNames.has('xl/workbook.xml');
}

export function recogniseOds(zipNames: ReadonlySet<string>, mimetype: string | undefined): boolean {
  return zipNames.has('content.xml') && mimetype !== undefined && mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet');
}

export function recogniseOdt(zipNames: ReadonlySet<string>, mimetype: string | undefined): boolean {
  return zipNames.has('content.xml') && (mimetype === undefined ? zipNames.has('mimetype') : mimetype.startsWith('application/vnd.oasis.opendocument.text'));
}

export function recogniseDoc(streams: ReadonlySet<string>): boolean {
  return streams.has('WordDocument');
}

export function recogniseRtf(bytes: Uint8Array): boolean {
  return bytes[0] === 0x7b && bytes[1] === 0x5c && bytes[2] === 0x72 && bytes[3] === 0x74 && bytes[4] === 0x66;
}
