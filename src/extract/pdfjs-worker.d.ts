// pdf.js ships no types for its worker bundle: it is imported only for its side effect (it
// registers itself on globalThis.pdfjsWorker).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
