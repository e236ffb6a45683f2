// The layers of src/ import one way: shell → commands → engine → stages → types. This test reads
// the import lines (type-only and dynamic ones included) and fails on an arrow that runs up a
// layer or a circle between top-level folders, so the layering is checked, not only described.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Top-level folders (and root files) of src/, top layer first. */
const LAYERS: readonly (readonly string[])[] = [
  ['cli'],
  ['commands'],
  ['engine'],
  // The stages: no order among them beyond "no circle" (checked below).
  ['report', 'review', 'cache', 'extract', 'ocr', 'analyse', 'rules', 'legal', 'sources', 'text'],
  ['errors.ts', 'types.ts'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'packs' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** The relative module names a file imports: `import … from`, `export … from`, `import '…'`, `import('…')`. */
function importedSpecifiers(text: string): string[] {
  // Comment lines are left out (a doc comment may show an import); strings are not parsed.
  const code = text.replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
  const found = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g)].map((m) => m[2]);
  return [...new Set(found)];
}

/** The top-level unit of src/ a path belongs to: its first folder, or the file itself at the root. */
function unitOf(path: string): string {
  return relative(SRC, path).split(/[\\/]/)[0];
}

function layerOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

interface Arrow {
  from: string;
  to: string;
  file: string;
}

/** Every import between two files of src/, by file. */
function fileArrows(): Arrow[] {
  return sourceFiles(SRC).flatMap((file) =>
    importedSpecifiers(readFileSync(file, 'utf8')).map((spec) => {
      const from = relative(SRC, file);
      return { from, to: relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))), file: from };
    }),
  );
}

/** The imports that cross from one top-level folder (or root file) to another. */
function arrows(): Arrow[] {
  return fileArrows()
    .map((a) => ({ from: unitOf(join(SRC, a.from)), to: unitOf(join(SRC, a.to)), file: a.file }))
    .filter((a) => a.from !== a.to);
}

/** Circles in the folder graph (strongly connected components of more than one folder). */
function circles(edges: Arrow[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return found;
}

describe('layers of src/', () => {
  const all = arrows();

  it('reads the import lines, type-only and dynamic ones included', () => {
    const text = "import type { A } from '../a.js';\nexport { b } from './b.js';\nconst c = await import('../../c.js');\nimport './d.js';\n// import { e } from '../e.js';\n";
    expect(importedSpecifiers(text)).toEqual(['../a.js', './b.js', '../../c.js', './d.js']);
    expect(all.length).toBeGreaterThan(50);
  });

  it('places every top-level folder and root file in a layer', () => {
    const units = [...new Set(sourceFiles(SRC).map(unitOf))];
    expect(units.filter((u) => layerOf(u) < 0)).toEqual([]);
  });

  it('has no arrow running up a layer', () => {
    const upward = all.filter((a) => layerOf(a.to) < layerOf(a.from)).map((a) => `${a.file} → ${a.to}`);
    expect(upward).toEqual([]);
  });

  it('has no circle between top-level folders', () => {
    expect(circles(all)).toEqual([]);
  });

  it('has no circle between files either', () => {
    expect(circles(fileArrows())).toEqual([]);
  });

  it('would catch an upward arrow and a circle', () => {
    const made = [
      { from: 'rules', to: 'analyse', file: 'rules/x.ts' },
      { from: 'analyse', to: 'rules', file: 'analyse/y.ts' },
    ];
    expect(circles(made)).toEqual([['analyse', 'rules']]);
    expect(layerOf('engine')).toBeLessThan(layerOf('rules'));
  });
});
