// pdf.js ships no types for its minified bundles: the worker is imported only for its side
// effect (it registers itself on globalThis.pdfjsWorker), pdf.min.mjs is typed as pdf.mjs.
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';
declare module 'pdfjs-dist/legacy/build/pdf.min.mjs';
