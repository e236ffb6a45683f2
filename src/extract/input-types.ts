// The input formats a scan reads, as the rest of the tool needs to know them before reading a
// byte: their file extensions (a folder walk takes only these) and the names a refusal lists.
// registry.ts adds to each how it is recognised and extracted; this module stays light (no
// extractor loaded) so that the main thread can ask it.
import type { InputNames } from '../sources/expand.js';

export interface InputType {
  name: string;
  /** File extensions, lower case, without the dot. */
  extensions: readonly string[];
  /** How a refusal names it ("not a PDF, DOCX… document"). */
  label: string;
  /** Plain text: taken from folders and archives only with --include-text (named files always). */
  plainText?: boolean;
}

export const INPUT_TYPES: readonly InputType[] = [
  { name: 'pdf', extensions: ['pdf'], label: 'PDF' },
  { name: 'docx', extensions: ['docx'], label: 'DOCX' },
  { name: 'odt', extensions: ['odt'], label: 'ODT' },
  { name: 'xlsx', extensions: ['xlsx'], label: 'XLSX' },
  { name: 'ods', extensions: ['ods'], label: 'ODS' },
  { name: 'doc', extensions: ['doc'], label: 'Word 97–2003' },
  { name: 'rtf', extensions: ['rtf'], label: 'RTF' },
  { name: 'text', extensions: ['txt', 'md'], label: 'text', plainText: true },
];

export function inputType(name: string): InputType {
  return INPUT_TYPES.find((t) => t.name === name)!;
}

const extensionTest = (types: readonly InputType[]) => new RegExp(`\\.(${types.flatMap((t) => t.extensions).join('|')})$`, 'i');
const DOCUMENTS = extensionTest(INPUT_TYPES.filter((t) => !t.plainText));
const TEXT = extensionTest(INPUT_TYPES.filter((t) => t.plainText));

/** What the folder walk (sources/expand.ts) asks of a file name; the engine hands it over. */
export const INPUT_NAMES: InputNames = {
  isDocument: (name) => DOCUMENTS.test(name),
  isText: (name) => TEXT.test(name),
  documentExtensions: INPUT_TYPES.filter((t) => !t.plainText).flatMap((t) => t.extensions),
  textExtensions: INPUT_TYPES.filter((t) => t.plainText).flatMap((t) => t.extensions),
};

/** "PDF, DOCX, ODT, XLSX, ODS, Word 97–2003 or RTF": the document types, for a refusal. */
export function documentTypeList(): string {
  const labels = INPUT_TYPES.filter((t) => !t.plainText).map((t) => t.label);
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}
