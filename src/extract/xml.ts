// The one reader of XML parts (DOCX, ODT, XLSX, ODS): saxes, a streaming XML parser. Its work
// is linear in the bytes whatever the markup (unclosed, misnested, deeply nested elements: a
// well-formedness error is counted and parsing goes on), and no regular expression ever runs
// over XML. Only the five XML entities and character references are decoded; a DOCTYPE is
// ignored, so no entity can expand.
import { createRequire } from 'node:module';
import type * as Saxes from 'saxes';
import { DocumentFailure } from '../errors.js';

// Loaded on the first office document: a run over PDFs never pays for it.
const require = createRequire(import.meta.url);
let saxes: typeof Saxes | undefined;
/** What a format reader does with the elements of a part, in document order. */
export interface XmlHandlers {
  /** Returning SKIP ignores the element's whole content (its close is still reported). */
  open(name: string, attributes: Record<string, string>): void | typeof SKIP;
  close(name: string): void;
  text(text: string): void;
}

export const SKIP = Symbol('skip');

/** An XML part above this size is refused: its text would not fit a report anyway. */
export const MAX_XML_PART_BYTES = 256 * 1024 * 1024;
const CHUNK = 1024 * 1024;

function decoderFor(bytes: Uint8Array): TextDecoder {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

/**
 * Streams an XML part through `handlers`, decoding it a chunk at a time. Elements left open at
 * the end get no close: readers finish what is pending themselves. Returns the number of
 * well-formedness errors met (the text around them is still read).
 */
export function readXml(bytes: Uint8Array, part: string, handlers: XmlHandlers): { errors: number } {
  if (bytes.byteLength > MAX_XML_PART_BYTES) {
    throw new DocumentFailure('RESOURCE_LIMIT', `${part} holds ${Math.round(bytes.byteLength / 1048576)} MB of XML, more than ${MAX_XML_PART_BYTES / 1048576} MB`);
  }
  const { SaxesParser } = (saxes ??= require('saxes') as typeof Saxes);
  const parser = new SaxesParser({ position: false });
  // Depth inside the element being skipped (0: not skipping).
  let skipping = 0;
  let errors = 0;
  parser.on('error', () => {
    errors++;
  });
  parser.on('opentag', (tag) => {
    if (skipping > 0) {
      skipping++;
      return;
    }
    if (handlers.open(tag.name, tag.attributes as Record<string, string>) === SKIP) skipping = 1;
  });
  parser.on('closetag', (tag) => {
    if (skipping > 0) {
      skipping--;
      if (skipping > 0) return;
    }
    handlers.close(tag.name);
  });
  const onText = (text: string) => {
    if (skipping === 0) handlers.text(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  const decoder = decoderFor(bytes);
  // saxes makes an Error for each well-formedness error (one per unclosed element at the end):
  // without stack traces they cost next to nothing, and nobody reads those stacks.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (let at = 0; at < bytes.byteLength; at += CHUNK) {
      parser.write(decoder.decode(bytes.subarray(at, at + CHUNK), { stream: true }));
    }
    parser.write(decoder.decode());
    parser.close();
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return { errors };
}
