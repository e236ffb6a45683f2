#!/usr/bin/env node
// Run by `npm run build` after tsc: writes dist/tenderscan-bundle.cjs, the whole CLI (dist/,
// commander, chalk, pdf.js…) as one script, which bin/tenderscan compiles with a V8 code cache
// (see bin/tenderscan and docs/benchmarks.md#start-up): one file read and no module
// resolution instead of some 150 ES modules resolved, linked and compiled at every start.
//
// - Each module keeps its own `import.meta.url` (the file it was bundled from, under the
//   package root the bundle finds beside itself), so what the modules find beside them (rule
//   packs, compiled JSON, build-id.json, the pool's worker.js, node_modules through
//   createRequire) is found as from dist/.
// - Packages loaded through `createRequire` stay outside (Node loads them as before), but for
//   the modules of BUNDLED_REQUIRES (natural's stemmers); @napi-rs/canvas (a native module)
//   stays outside.
// - The file is one function expression (the CommonJS wrapper), compiled as it is: the first
//   line says so and gives the hash of the rest, which keys the code cache.
// - Non-ASCII characters are escaped, so that the file reads as one-byte text (a third faster
//   to read than UTF-8 with a few accents in it).
// Without esbuild (an install without devDependencies) nothing is written: bin/tenderscan then
// runs dist/ as it is.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile, rename } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = fileURLToPath(new URL('../dist/tenderscan-bundle.cjs', import.meta.url));
/** The first line's start: bin/tenderscan compiles nothing else. */
export const BUNDLE_MARK = '// tenderscan-bundle ';

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  await rm(OUT, { force: true });
  console.log('bundle: esbuild is not installed; bin/tenderscan runs dist/ unbundled');
  process.exit(0);
}

/**
 * Modules whose packages, loaded on first use through a require of their own, go in the
 * bundle all the same (still loaded on first use), so that the code cache holds them: natural's
 * two stemmers (in every pool worker). yaml and zod (rules/lazy.js: a user's pack not in the
 * parsed-pack cache, checked on the main thread) stay outside: in the bundle they took 175 ms of
 * CPU off that thread when the code cache held them, but 0.9 MB more to read at every start for
 * 2.5 % of the wall time of a scan with an edited pack, whose workers are the longer path.
 */
const BUNDLED_REQUIRES = new Set(['dist/text/tokens.js']);
const OWN_REQUIRE = 'const require = createRequire(import.meta.url);';

/** pdf.js's core, whose Brotli decoder is built on first use (deferBrotliDecoder). */
const PDF_WORKER = 'node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs';

/**
 * pdf.js builds its Brotli decoder as its module loads: tables, and a 122 kB dictionary
 * unpacked from text (some 8 ms of every start and half a megabyte of garbage), for a filter
 * (/BrotliDecode) that next to no PDF uses. The same decoder is built here on its first call
 * instead: `let D=(()=>{…})();` becomes `let D=(...a)=>(D=M())(...a),M=()=>(()=>{…})();`, where
 * D is the decoder and M the code that builds it, as it was. What it decodes does not change
 * (test/cli/pdf-brotli.test.ts). pdf.js is pinned: a version whose code does not have this shape
 * fails the build, so that the change is looked at again.
 */
export function deferBrotliDecoder(text) {
  const at = text.indexOf('function unpackDictionaryData(');
  const start = text.lastIndexOf('=(()=>{', at);
  const head = /let ([A-Za-z_$][\w$]*)$/.exec(text.slice(Math.max(0, start - 40), start));
  if (at < 0 || start < 0 || !head) throw new Error(`${PDF_WORKER}: pdf.js's Brotli decoder not found where expected`);
  const name = head[1];
  // The function's end: its decoder is the last thing it returns.
  const end = text.indexOf('})();', text.indexOf('return function decode(', at));
  if (end < 0) throw new Error(`${PDF_WORKER}: the end of pdf.js's Brotli decoder not found`);
  // Uses of the name outside the function (inside, its dictionary's text may hold the letters).
  const uses = [...text.matchAll(new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'))]
    .map((m) => m.index)
    .filter((i) => i < start || i > end);
  const call = `${name}(new Int8Array(`;
  // The declaration and the one call (in BrotliStream), nothing else: a third use would see the stand-in.
  if (uses.length !== 2 || text.slice(uses[1], uses[1] + call.length) !== call) {
    throw new Error(`${PDF_WORKER}: ${name}, pdf.js's Brotli decoder, used otherwise than expected`);
  }
  const maker = '__tenderscanMakeBrotliDecode';
  if (text.includes(maker)) throw new Error(`${PDF_WORKER}: ${maker} already taken`);
  return `${text.slice(0, start - name.length - 4)}let ${name}=(...a)=>(${name}=${maker}())(...a),${maker}=()=>${text.slice(start + 1)}`;
}

/** `import.meta.url` of each module → the URL of the file it came from, under the bundle's root. */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(m?js)$/ }, async (args) => {
      const path = relative(ROOT, args.path).split('\\').join('/');
      const own = BUNDLED_REQUIRES.has(path);
      let text = await readFile(args.path, 'utf8');
      if (path === PDF_WORKER) text = deferBrotliDecoder(text);
      if (own) {
        // The module's own require, bound to its file, goes: its require() calls are then
        // esbuild's, which puts the packages they name in the bundle.
        if (!text.includes(OWN_REQUIRE)) throw new Error(`${path}: no "${OWN_REQUIRE}" to take out`);
        text = text.replace(OWN_REQUIRE, '');
      }
      // A file left as it is: esbuild reads it itself.
      if (!text.includes('import.meta')) return own ? { contents: text, loader: 'js' } : undefined;
      const replaced = text.replaceAll('import.meta.url', `__tenderscanUrl(${JSON.stringify(path)})`);
      if (replaced.includes('import.meta')) throw new Error(`${path}: import.meta other than import.meta.url`);
      return { contents: replaced, loader: 'js' };
    });
  },
};

// The fingerprint of the code that checks and stems rule packs (rules/check.ts), taken now
// from the files the bundle is made of: the bundle's code cannot change after this, so a run
// from it need not read and hash those files again (about twenty of them) at every start.
const { checkerFingerprint } = await import('../dist/rules/check.js');

const result = await esbuild.build({
  entryPoints: [fileURLToPath(new URL('../dist/cli/run.js', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  write: false,
  outfile: OUT,
  // Whitespace only: names stay as they are (stack traces, `name` of classes and functions).
  minifyWhitespace: true,
  charset: 'ascii',
  // import() becomes require(): a script compiled by vm has no loader for import() (and the
  // main context's one warns that it is experimental). What is left outside is CommonJS (a
  // node: module, @napi-rs/canvas); pdf.js's import() of a computed URL (its worker when it has
  // none, a JPEG 2000 decoder without WebAssembly) fails as before, in its own try.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  external: ['@napi-rs/canvas'],
  banner: { js: `const __tenderscanUrl = (path) => require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', path)).href;` },
  plugins: [ownUrls],
  define: { __TENDERSCAN_CHECKER__: JSON.stringify(checkerFingerprint()) },
  logLevel: 'warning',
});
let code = result.outputFiles[0].text;
// esbuild leaves regular-expression literals as they are: escaped here, one UTF-16 unit at a
// time, which means the same in a string, a template, a regular expression (with or without
// the u flag) or a comment.
code = code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
// Strict, as the ES modules it is made of (the banner would otherwise hide esbuild's own "use strict").
const body = `(function (exports, require, module, __filename, __dirname) {"use strict";${code}\n})`;
const hash = createHash('sha256').update(body).digest('hex').slice(0, 32);
await writeFile(`${OUT}.tmp`, `${BUNDLE_MARK}${hash}\n${body}`);
await rename(`${OUT}.tmp`, OUT);
console.log(`bundle: dist/tenderscan-bundle.cjs, ${(body.length / 1e6).toFixed(1)} MB (${hash.slice(0, 12)})`);
