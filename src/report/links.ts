// Links from a report to the pages it cites, made to survive publishing: relative to the
// report's own folder (never an absolute local path), or under --link-base, the address
// where the documents are published. A document inside a ZIP links to its archive (no
// browser opens an entry of a ZIP), without a page; DOCX, ODT and text files link to the file.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { nameBytes, splitArchivePath } from '../sources/names.js';

/** The link to a document's page, or null when no link can be made (the name is shown alone). */
export type PageLinker = (document: string, page: number) => string | null;

export interface LinkSettings {
  /** Folder the report is written in (the -o file's folder); undefined for stdout. */
  reportDir?: string;
  /** The current folder, which relative document paths are relative to. */
  cwd: string;
  /** --link-base, validated by parseLinkBase. */
  linkBase?: URL;
  /** Folders given as inputs: under --link-base a document keeps its path below its folder. */
  roots?: string[];
}

/** --link-base: an http(s) URL without credentials; it always ends with "/" (a folder). */
export function parseLinkBase(value: string): URL | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `--link-base: not a URL: "${value}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `--link-base: expected an http:// or https:// URL, got "${value}"`;
  if (url.username || url.password) return '--link-base: the URL must not hold a user name or password';
  // A host is letters, digits, dots and hyphens once parsed (or an IPv6 address): "a(b).org" is not one.
  if (!/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])$/i.test(url.hostname)) return `--link-base: not a host name: "${url.hostname}"`;
  url.search = '';
  url.hash = '';
  // The URL parser leaves ( ) [ ] ' * ! in a path: each would end or open a Markdown link (a
  // "javascript:" one after it), so the path keeps only what needs no quoting, as document names do.
  url.pathname = url.pathname.replace(/[^A-Za-z0-9\-._~/%:@&=+$,;]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * Each segment percent-encoded byte by byte: a name holding "#", "?", ":", spaces or
 * parentheses stays a path, and one that is not UTF-8 links to its real bytes. Segments are
 * bytes as latin1 text (see holder).
 */
function encodePath(segments: string[]): string {
  const unreserved = /[A-Za-z0-9\-._~]/;
  return segments
    .map((s) => [...Buffer.from(s, 'latin1')].map((b) => (b < 0x80 && unreserved.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join(''))
    .join('/');
}

/** A path as latin1 text: one character per byte, which path functions handle byte-exactly. */
const asBytes = (path: string) => Buffer.from(path).toString('latin1');

/**
 * The file that holds the document (the archive for "dossier.zip!/CCTP/cctp.pdf"), its shown
 * escapes undone (a name that is not UTF-8, a backslash, a folder "d.zip!"), as latin1 text.
 */
function holder(document: string): { file: string; inArchive: boolean } {
  const parts = splitArchivePath(document);
  return { file: nameBytes(parts[0]).toString('latin1'), inArchive: parts.length > 1 };
}

export function pageLinker(settings: LinkSettings): PageLinker {
  const cwd = asBytes(settings.cwd);
  const reportDir = settings.reportDir === undefined ? undefined : asBytes(settings.reportDir);
  const roots = (settings.roots ?? []).map((r) => resolve(cwd, asBytes(r)));
  return (document, page) => {
    const { file, inArchive } = holder(document);
    const fragment = !inArchive && /\.pdf$/i.test(file) ? `#page=${page}` : '';
    const absolute = resolve(cwd, file);
    if (settings.linkBase) {
      const root = roots.find((r) => absolute.startsWith(r.endsWith(sep) ? r : r + sep));
      const below = root ? relative(root, absolute) : absolute.split(sep).pop()!;
      return new URL(encodePath(below.split(sep)), settings.linkBase).href + fragment;
    }
    // To stdout the report's folder is unknown: relative inputs stay relative to the current
    // folder, absolute ones get no link (it would publish a local path).
    const path = reportDir === undefined ? (isAbsolute(file) ? null : relative(cwd, absolute)) : relative(reportDir, absolute);
    if (path === null || path === '' || isAbsolute(path)) return null;
    const segments = path.split(sep);
    return (segments[0] === '..' ? '' : './') + encodePath(segments) + fragment;
  };
}
