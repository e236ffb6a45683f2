// The man page, written from the commander definitions themselves, so that it cannot drift from
// the options (`npm run docs:gen` writes it and the shell completions; a test checks them).
import type { Command } from 'commander';
import { GENERATED } from '../commands/completions.js';
import { BUILTIN_CATEGORY_IDS } from '../rules/categories.js';
import { ENVIRONMENT, EXAMPLES, EXIT_CODES, EXIT_CODES_PRECEDENCE } from './help.js';

/** Text for roff: backslashes and dashes escaped, no line starting with a control character. */
const roff = (s: string) => s.replace(/\\/g, '\\e').replace(/-/g, '\\-').replace(/^([.'])/gm, '\\&$1');

/** Every command that runs, by its full name (`cache clear`, not `cache`). */
function leafCommands(program: Command): { cmd: Command; name: string }[] {
  return program.commands.flatMap((c) => (c.commands.length ? c.commands.map((s) => ({ cmd: s, name: `${c.name()} ${s.name()}` })) : [{ cmd: c, name: c.name() }]));
}

/** The man page (roff, section 1). No date in it: it changes only when the options do. */
export function manPage(program: Command, version: string): string {
  const out = [
    `.\\" ${GENERATED}`,
    `.TH TENDERSCAN 1 "" "tenderscan ${version}" "User Commands"`,
    '.SH NAME',
    `tenderscan \\- ${roff(program.description().replace(/^Finds/, 'find').replace(/\.$/, ''))}`,
    '.SH SYNOPSIS',
  ];
  for (const { cmd, name } of leafCommands(program)) {
    const args = cmd.registeredArguments.map((a) => (a.required ? `\\fI${roff(a.name())}${a.variadic ? '...' : ''}\\fR` : `[\\fI${roff(a.name())}\\fR]`)).join(' ');
    out.push(`.B tenderscan ${roff(name)}`, `[\\fIoptions\\fR] ${args}`.trim(), '.br');
  }
  out.push('.B tenderscan', '\\-\\-version [\\-\\-verbose]');
  out.push('.SH DESCRIPTION', roff('tenderscan reads public tender documents (PDF, DOCX, ODT, text, ZIP archives) and reports each passage that plans a data source or a surveillance technique, citing the document and the page with a verbatim quotation.'));
  out.push('.SH COMMANDS');
  for (const { cmd, name } of leafCommands(program)) {
    out.push(`.SS ${roff(name)}`, roff(cmd.description()));
    for (const a of cmd.registeredArguments) {
      out.push('.TP', `\\fI${roff(a.name())}\\fR`, roff(a.description + (a.argChoices ? ` (${a.argChoices.join(', ')})` : '')));
    }
    for (const o of cmd.options.filter((o) => !o.hidden)) {
      out.push('.TP', `.B ${roff(o.flags)}`, roff(o.description + (o.argChoices ? ` (one of: ${o.argChoices.join(', ')})` : '')));
    }
  }
  out.push('.SH CATEGORIES', roff(BUILTIN_CATEGORY_IDS.join(', ')));
  out.push(
    '.SH FILES',
    '.TP',
    '.B .tenderscan.yaml',
    roff('Project config, looked for from the current folder upward to the git root (or the file system root); see --config and --no-config.'),
  );
  out.push('.SH ENVIRONMENT');
  for (const [name, meaning] of ENVIRONMENT) out.push('.TP', `.B ${roff(name)}`, roff(meaning));
  out.push('.SH EXIT STATUS');
  for (const [code, meaning] of EXIT_CODES) out.push('.TP', `.B ${code}`, roff(meaning));
  out.push('.PP', roff(EXIT_CODES_PRECEDENCE));
  out.push('.SH EXAMPLES');
  for (const [command, what] of EXAMPLES) out.push('.TP', `.B ${roff(command)}`, roff(what));
  return out.join('\n') + '\n';
}
