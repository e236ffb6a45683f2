import { readFileSync } from 'node:fs';
import { extractPdfPages } from './dist/extract/pdf.js';
for (const f of process.argv.slice(2)) {
  try {
    const t0=Date.now();
    const d = await extractPdfPages(readFileSync(f));
    console.log(f.split('/').pop(), d.pageCount, Date.now()-t0,'ms', JSON.stringify(d.metadata), d.pages.filter(p=>p.error).length, 'errors');
    console.log(d.pages[0]?.text.slice(0,400));
  } catch (e) { console.log(f.split('/').pop(), 'ERR', e.code, e.message); }
}
