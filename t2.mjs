import { readFileSync } from 'node:fs';
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const doc = await pdfjs.getDocument({data:new Uint8Array(readFileSync(process.argv[2])), verbosity:0}).promise;
const p = await doc.getPage(Number(process.argv[3]||1));
const c = await p.getTextContent();
for (const it of c.items.slice(0,25)) console.log(JSON.stringify(it));
