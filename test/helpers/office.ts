// Office files built in the tests: DOCX, ODT, XLSX and ODS are ZIPs of XML parts.
import { strToU8, zipSync } from 'fflate';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';

/** `<w:p>` with one run of text (already XML-escaped). */
export const wp = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

export interface DocxParts {
  /** The content of `<w:body>`. */
  body: string;
  /** Content of `<w:footnotes>`, `<w:comments>`… when present. */
  footnotes?: string;
  endnotes?: string;
  comments?: string;
  header?: string;
  footer?: string;
  styles?: string;
}

export function makeDocx(parts: DocxParts): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W} ${MC}><w:body>${parts.body}</w:body></w:document>`),
  };
  const part = (name: string, root: string, content: string | undefined) => {
    if (content !== undefined) files[name] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><${root} ${W} ${MC}>${content}</${root}>`);
  };
  part('word/footnotes.xml', 'w:footnotes', parts.footnotes);
  part('word/endnotes.xml', 'w:endnotes', parts.endnotes);
  part('word/comments.xml', 'w:comments', parts.comments);
  part('word/header1.xml', 'w:hdr', parts.header);
  part('word/footer1.xml', 'w:ftr', parts.footer);
  part('word/styles.xml', 'w:styles', parts.styles);
  return zipSync(files);
}

const ODF = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ');

/** An ODF package: `mimetype` first, then content.xml (and styles.xml when given). */
export function makeOdf(mimetype: string, content: string, options: { automaticStyles?: string; styles?: string } = {}): Uint8Array {
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    mimetype: [strToU8(mimetype), { level: 0 }],
    'content.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF}><office:automatic-styles>${options.automaticStyles ?? ''}</office:automatic-styles><office:body>${content}</office:body></office:document-content>`,
    ),
  };
  if (options.styles !== undefined) {
    files['styles.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ODF}>${options.styles}</office:document-styles>`);
  }
  return zipSync(files);
}

export interface TestSheet {
  name: string;
  hidden?: boolean;
  /** Cells by row: a string is a shared string, a number a number, {f, v} a formula and its cached value. */
  rows: (string | number | { f: string; v: string | number } | null)[][];
}

const column = (i: number) => String.fromCharCode(65 + i);

export function makeXlsx(sheets: TestSheet[]): Uint8Array {
  const strings: string[] = [];
  const index = (s: string) => {
    const i = strings.indexOf(s);
    return i >= 0 ? i : strings.push(s) - 1;
  };
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((sheet, n) => {
    const rows = sheet.rows
      .map((cells, r) => {
        const xml = cells
          .map((cell, c) => {
            const ref = `${column(c)}${r + 1}`;
            if (cell === null) return '';
            if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${index(cell)}</v></c>`;
            if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
            return typeof cell.v === 'string' ? `<c r="${ref}" t="str"><f>${cell.f}</f><v>${cell.v}</v></c>` : `<c r="${ref}"><f>${cell.f}</f><v>${cell.v}</v></c>`;
          })
          .join('');
        return `<row r="${r + 1}">${xml}</row>`;
      })
      .join('');
    files[`xl/worksheets/sheet${n + 1}.xml`] = strToU8(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
  });
  const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${R}><sheets>${sheets
      .map((s, n) => `<sheet name="${s.name}" sheetId="${n + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${n + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_s, n) => `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n + 1}.xml"/>`)
      .join('')}</Relationships>`,
  );
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
  );
  files['[Content_Types].xml'] = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  return zipSync(files);
}

/** A DOCX of plain paragraphs; '<pagebreak>' stands for a page break. */
export const docxOfParagraphs = (paragraphs: string[]) =>
  zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
        .map((p) => (p === '<pagebreak>' ? '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' : `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`))
        .join('')}</w:body></w:document>`,
    ),
  });

/** An ODT whose first paragraph is a heading. */
export const odtOfParagraphs = (paragraphs: string[]) =>
  zipSync({
    mimetype: strToU8('application/vnd.oasis.opendocument.text'),
    'content.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>${paragraphs
        .map((p, i) => (i === 0 ? `<text:h text:outline-level="1">${p}</text:h>` : `<text:p>${p}</text:p>`))
        .join('')}</office:text></office:body></office:document-content>`,
    ),
  });
