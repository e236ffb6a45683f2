// OCR of PDF pages: poppler's pdftoppm renders a page, Tesseract reads it (both as processes).
import type { ExecFileOptions } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Line } from '../types.js';

type ChildProcessModule = typeof import('node:child_process');
let childProcess: ChildProcessModule | undefined;

/**
 * Told of every process and temporary folder the OCR of a document starts and ends, so that
 * whoever stops the document (its worker is terminated on TIMEOUT, and a terminated thread
 * neither kills its children nor runs its `finally` blocks) can kill and remove them.
 */
export interface OcrResources {
  childStarted(pid: number): void;
  childEnded(pid: number): void;
  folderCreated(dir: string): void;
  folderRemoved(dir: string): void;
}

/** Prefix of the OCR's temporary folders (the pool removes only folders named so). */
export const OCR_TEMP_PREFIX = 'tenderscan-ocr-';

/**
 * A tool's failure as the user may read it: the tool, its exit status and its first line on
 * stderr, never its command line (execFile's "Command failed: …") nor a temporary path.
 * Not-installed and aborted runs are passed on as they are (callers test their code and name).
 */
function toolFailure(tool: string, err: Error & { code?: unknown; killed?: boolean; signal?: unknown }, stderr: string): Error {
  if (typeof err.code === 'string' || err.name === 'AbortError') return err;
  const said = stderr
    .split('\n')
    .map((line) => line.trim())
    .find(Boolean)
    ?.replace(/\S*tenderscan-ocr-\S*/g, 'the page')
    .slice(0, 160);
  const status = err.signal ? `stopped by ${String(err.signal)}` : `exit status ${String(err.code)}`;
  return Object.assign(new Error(`${tool} failed (${status}${said ? `: ${said}` : ''})`), { code: err.code, killed: err.killed, signal: err.signal });
}

/** execFile as a promise of its text output; child_process is loaded by the first OCR call (every pool worker imports this module). */
async function run(file: string, args: string[], options: ExecFileOptions = {}, resources?: OcrResources): Promise<{ stdout: string; stderr: string }> {
  childProcess ??= await import('node:child_process');
  const { execFile } = childProcess;
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { ...options, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (child.pid !== undefined) resources?.childEnded(child.pid);
      if (err) reject(toolFailure(file, err, String(stderr)));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
    if (child.pid !== undefined) resources?.childStarted(child.pid);
  });
}

/** A private temporary folder (mkdtemp: a new name, mode 0700), removed after `use`. */
async function withTempFolder<T>(resources: OcrResources | undefined, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), OCR_TEMP_PREFIX));
  resources?.folderCreated(dir);
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
    resources?.folderRemoved(dir);
  }
}

export const OCR_INSTALL_HINT = 'apt-get install -y poppler-utils tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng';
/** Bumped when the OCR text of a page may change (it keys the cache). */
export const OCR_VERSION = 'tesseract-tsv-2';

export interface OcrSettings {
  /** Tesseract languages, e.g. "fra+eng". */
  languages: string;
  dpi: number;
}

export interface OcrWord {
  /** Offsets in the page text. */
  start: number;
  end: number;
  /** Tesseract's word confidence, 0-100. */
  confidence: number;
  /** Where the word is on the rendered page: left, top, width, height in pixels at the OCR resolution. */
  box?: [number, number, number, number];
}

export interface OcrPage {
  text: string;
  lines: Line[];
  words: OcrWord[];
}

/** Checks that pdftoppm and tesseract (with the languages asked for) are installed. */
export async function checkOcrTools(languages: string): Promise<string | null> {
  try {
    await run('pdftoppm', ['-v']);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return `pdftoppm (poppler-utils) is not installed; run: ${OCR_INSTALL_HINT}`;
  }
  let listed: string;
  try {
    const out = await run('tesseract', ['--list-langs']);
    listed = out.stdout + out.stderr;
  } catch {
    return `tesseract is not installed; run: ${OCR_INSTALL_HINT}`;
  }
  const have = new Set(listed.split('\n').map((l) => l.trim()));
  const missing = languages.split('+').filter((l) => !have.has(l));
  return missing.length ? `tesseract has no ${missing.join(', ')} language data; run: ${OCR_INSTALL_HINT}` : null;
}

/** Parses Tesseract's TSV output into lines (block, paragraph and line numbers) with word confidences. */
export function parseTesseractTsv(tsv: string): OcrPage {
  const byLine = new Map<string, { words: { text: string; conf: number; box: [number, number, number, number] }[] }>();
  const order: string[] = [];
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] !== '5') continue;
    const text = cells.slice(11).join('\t').trim();
    if (!text) continue;
    const key = `${cells[2]}.${cells[3]}.${cells[4]}`;
    if (!byLine.has(key)) {
      byLine.set(key, { words: [] });
      order.push(key);
    }
    const box = cells.slice(6, 10).map(Number) as [number, number, number, number];
    byLine.get(key)!.words.push({ text, conf: Math.max(0, Number(cells[10])), box });
  }
  const lines: Line[] = [];
  const words: OcrWord[] = [];
  let offset = 0;
  for (const key of order) {
    const entry = byLine.get(key)!;
    let lineText = '';
    for (const w of entry.words) {
      if (lineText) lineText += ' ';
      words.push({ start: offset + lineText.length, end: offset + lineText.length + w.text.length, confidence: w.conf, ...(w.box.every(Number.isFinite) ? { box: w.box } : {}) });
      lineText += w.text;
    }
    lines.push({ number: lines.length + 1, start: offset, end: offset + lineText.length, text: lineText.normalize('NFC') });
    offset += lineText.length + 1;
  }
  return { text: lines.map((l) => l.text).join('\n'), lines, words };
}

/** Renders page `page` (1-based) as a grey PNG at `dpi` into `prefix`.png: the image OCR reads, and snapshots show. */
async function renderPage(path: string, page: number, dpi: number, prefix: string, signal?: AbortSignal, resources?: OcrResources): Promise<void> {
  await run('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-gray', '-png', '-singlefile', path, prefix], { signal }, resources);
}

/** The PNG OCR read for page `page` of the PDF at `path` (a copy from withPdfCopy), rendered again with the same settings. */
export async function renderOcrImage(path: string, page: number, settings: Pick<OcrSettings, 'dpi'>, resources?: OcrResources): Promise<Buffer> {
  return withTempFolder(resources, async (dir) => {
    const prefix = join(dir, 'page');
    await renderPage(path, page, settings.dpi, prefix, undefined, resources);
    return readFile(`${prefix}.png`);
  });
}

/** Renders page `page` (1-based) of the PDF at `path` and reads it with Tesseract. */
export async function ocrPdfPage(path: string, page: number, settings: OcrSettings, signal?: AbortSignal, resources?: OcrResources): Promise<OcrPage> {
  return withTempFolder(resources, async (dir) => {
    const prefix = join(dir, 'page');
    await renderPage(path, page, settings.dpi, prefix, signal, resources);
    const { stdout } = await run(
      'tesseract',
      [`${prefix}.png`, 'stdout', '-l', settings.languages, '--psm', '3', 'tsv'],
      { signal, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
      resources,
    );
    return parseTesseractTsv(stdout);
  });
}

/**
 * Runs `use` on a private copy of the PDF bytes: the OCR reads the very bytes that were hashed
 * and extracted, never the input path again (it may have changed, or be an archive entry).
 */
export async function withPdfCopy<T>(bytes: Uint8Array, resources: OcrResources | undefined, use: (path: string) => Promise<T>): Promise<T> {
  return withTempFolder(resources, async (dir) => {
    const file = join(dir, 'input.pdf');
    await writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
    return use(file);
  });
}
