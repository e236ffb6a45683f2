// The README and docs/: the README stays short and starts with the two commands, every page
// of docs/ is reachable from it, every relative link and #anchor resolves, and every option of
// every command (as the generated man page lists them, so as commander defines them) is
// documented in that command's page.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const DOCS = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
const PAGES = ['README.md', 'CONTRIBUTING.md', ...DOCS];

/** The lines of a Markdown page outside fenced code blocks. */
function prose(md: string): string[] {
  let fenced = false;
  return md.split('\n').filter((line) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced) return true;
    return false;
  });
}

/** The anchors GitHub gives a page's headings: lower case, punctuation but - and _ dropped, each space a hyphen, -1, -2… for repeats. */
function anchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(md)) {
    const heading = /^#{1,6}\s+(.*?)\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

/** Relative link targets of a page (inline code and fenced blocks left out). */
function links(md: string): string[] {
  return prose(md)
    .map((line) => line.replace(/`[^`]*`/g, ''))
    .flatMap((line) => [...line.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]))
    .filter((target) => !/^[a-z]+:/i.test(target));
}

describe('README and docs/', () => {
  it('keeps the README at most 250 lines, the two commands at its top', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
    const top = readme.split('\n').slice(0, 20).join('\n');
    expect(top).toContain('npm install && npm start');
    expect(top).toMatch(/^npm test\b/m);
  });

  it('links every page of docs/ from the README', () => {
    const targets = new Set(links(read('README.md')).map((t) => t.split('#')[0]));
    expect(DOCS.filter((page) => !targets.has(page))).toEqual([]);
  });

  it('resolves every relative link and anchor', () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      for (const target of links(read(page))) {
        const [file, anchor] = target.split('#');
        const path = file ? normalize(join(dirname(page), file)) : page;
        if (!existsSync(join(ROOT, path))) broken.push(`${page}: ${target} (no such file)`);
        else if (anchor !== undefined && path.endsWith('.md') && !anchors(read(path)).has(anchor)) broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('documents every option of every command in its page of docs/', () => {
    // The man page is generated from the commander definitions and a test keeps it current.
    const man = read('man/tenderscan.1').replace(/\\-/g, '-');
    const missing: string[] = [];
    for (const section of man.split(/^\.SS /m).slice(1).map((s) => s.split(/^\.SH /m)[0])) {
      const command = section.slice(0, section.indexOf('\n')).trim();
      const page = `docs/${command.split(' ')[0]}.md`;
      const text = existsSync(join(ROOT, page)) ? read(page) : '';
      const options = [...section.matchAll(/^\.B (.*)$/gm)].flatMap((m) => m[1].match(/--[a-z][a-z-]*/g) ?? []);
      for (const option of options) {
        if (option === '--help') continue;
        // scan's page describes each option in a row of its table; the others may name it in prose.
        const pattern = command === 'scan' ? new RegExp(`^\\| \`[^\`|]*${option}(?![a-z-])`, 'm') : new RegExp(`${option}(?![a-z-])`);
        if (!pattern.test(text)) missing.push(`${command}: ${option} (${page})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
