// Writes the man page and the shell completions from the commander definitions (npm run docs:gen).
// test/cli/cli-conventions.test.ts fails when the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildProgram } from '../dist/cli/main.js';
import { manPage } from '../dist/cli/docs.js';
import { completionScript, SHELLS } from '../dist/commands/completions.js';
import { TOOL_VERSION } from '../dist/report/model/build.js';

const root = new URL('../', import.meta.url);
const { program } = buildProgram();
mkdirSync(new URL('man/', root), { recursive: true });
mkdirSync(new URL('completions/', root), { recursive: true });
writeFileSync(new URL('man/tenderscan.1', root), manPage(program, TOOL_VERSION));
const names = { bash: 'tenderscan.bash', zsh: '_tenderscan', fish: 'tenderscan.fish' };
for (const shell of SHELLS) writeFileSync(new URL(`completions/${names[shell]}`, root), completionScript(program, shell));
console.log(`wrote man/tenderscan.1 and completions/{${Object.values(names).join(',')}}`);
