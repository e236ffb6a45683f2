// tenderscan completions <shell>: a completion script for bash, zsh or fish. The shell hands
// this command its commander program, so the script completes exactly the options it defines;
// `npm run docs:gen` writes the same scripts to completions/ (a test checks they match).
import type { Argument, Command, Option } from 'commander';
import { EXIT } from '../errors.js';
import { BUILTIN_CATEGORY_IDS } from '../rules/categories.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export const GENERATED = 'generated from the option definitions by `npm run docs:gen`; do not edit';

/** What an option's value completes to: its choices, category ids, files, folders, or nothing. */
type ValueKind = { words: string[] } | 'file' | 'dir' | 'none' | 'flag';

function valueKind(option: Option): ValueKind {
  if (!option.required && !option.optional) return 'flag';
  if (option.argChoices) return { words: option.argChoices };
  const name = option.flags.match(/<([^>]+)>|\[([^\]]+)\]/)?.slice(1).find(Boolean) ?? '';
  if (/categor/.test(name)) return { words: [...BUILTIN_CATEGORY_IDS] };
  if (/file/.test(name)) return 'file';
  if (/dir/.test(name)) return 'dir';
  return 'none';
}

/** The commands as completed: `cache clear` is offered as `cache` with its subcommand. */
interface CommandSpec {
  name: string;
  description: string;
  options: Option[];
  subcommands: string[];
  /** Positional arguments that are paths (scan, merge…) or a choice (completions). */
  args: ValueKind;
}

function specs(program: Command): CommandSpec[] {
  return program.commands.map((c) => {
    const leaves = c.commands.length ? c.commands : [c];
    const first = leaves[0].registeredArguments[0] as Argument | undefined;
    return {
      name: c.name(),
      description: c.description(),
      options: leaves.flatMap((l) => l.options.filter((o) => !o.hidden)),
      subcommands: c.commands.map((s) => s.name()),
      args: first?.argChoices ? { words: first.argChoices } : first ? 'file' : 'none',
    };
  });
}

const flagsOf = (o: Option) => [o.short, o.long].filter((f): f is string => Boolean(f));

function bash(program: Command): string {
  const commands = specs(program);
  const lines = [
    `# bash completion for tenderscan (${GENERATED})`,
    '# source it, or: source <(tenderscan completions bash)',
    '_tenderscan() {',
    '  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}',
    '  if [[ $COMP_CWORD -eq 1 ]]; then',
    `    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} --help --version" -- "$cur"))`,
    '    return',
    '  fi',
    '  case ${COMP_WORDS[1]} in',
  ];
  for (const c of commands) {
    lines.push(`    ${c.name})`);
    const byKind = new Map<string, string[]>();
    for (const o of c.options) {
      const kind = valueKind(o);
      if (kind === 'flag') continue;
      const key = typeof kind === 'string' ? kind : `words:${kind.words.join(' ')}`;
      byKind.set(key, [...(byKind.get(key) ?? []), ...flagsOf(o)]);
    }
    if (byKind.size) {
      lines.push('      case $prev in');
      for (const [key, flags] of byKind) {
        const reply = key === 'file' ? 'compgen -f -- "$cur"' : key === 'dir' ? 'compgen -d -- "$cur"' : key === 'none' ? 'true' : `compgen -W "${key.slice(6)}" -- "$cur"`;
        lines.push(`        ${flags.join('|')}) COMPREPLY=($(${reply})); return ;;`);
      }
      lines.push('      esac');
    }
    const options = [...c.options.flatMap(flagsOf), '--help'].join(' ');
    const args = c.subcommands.length
      ? `compgen -W "${c.subcommands.join(' ')}" -- "$cur"`
      : typeof c.args === 'object'
        ? `compgen -W "${c.args.words.join(' ')}" -- "$cur"`
        : c.args === 'file'
          ? 'compgen -f -- "$cur"'
          : 'true';
    lines.push(`      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${options}" -- "$cur")); else COMPREPLY=($(${args})); fi`);
    lines.push('      ;;');
  }
  lines.push('  esac', '}', 'complete -o filenames -o bashdefault -F _tenderscan tenderscan', '');
  return lines.join('\n');
}

/** Text inside a single-quoted zsh _arguments spec: brackets and colons escaped. */
const zshText = (s: string) => s.replace(/\\/g, '\\\\').replace(/'/g, "'\\''").replace(/([[\]:])/g, '\\$1');

function zsh(program: Command): string {
  const commands = specs(program);
  const lines = [
    '#compdef tenderscan',
    `# zsh completion for tenderscan (${GENERATED})`,
    '# put it in a folder of $fpath as _tenderscan, or: source <(tenderscan completions zsh)',
    '_tenderscan() {',
    '  local -a commands',
    '  commands=(',
    ...commands.map((c) => `    '${zshText(c.name)}:${zshText(c.description)}'`),
    '  )',
    '  if (( CURRENT == 2 )); then',
    "    _describe 'command' commands",
    '    return',
    '  fi',
    // The command's own _arguments count from its name, as if it were the command.
    '  local cmd=$words[2]',
    '  shift words; (( CURRENT-- ))',
    '  case $cmd in',
  ];
  for (const c of commands) {
    const specsOf = c.options.map((o) => {
      const flags = flagsOf(o);
      const kind = valueKind(o);
      const value =
        kind === 'flag' ? '' : kind === 'file' ? ':file:_files' : kind === 'dir' ? ':folder:_files -/' : kind === 'none' ? ':value: ' : `:value:(${kind.words.join(' ')})`;
      const repeat = o.variadic || /repeatable/.test(o.description) ? '*' : '';
      // A repeatable option excludes nothing; the others exclude their other spelling.
      const both = flags.length > 1 ? `{${flags.join(',')}}` : flags[0];
      const name = repeat ? `'*'${both}` : flags.length > 1 ? `'(${flags.join(' ')})'${both}` : both;
      return `      ${name}'[${zshText(o.description)}]${value}'`;
    });
    const args = c.subcommands.length
      ? `      '1:subcommand:(${c.subcommands.join(' ')})'`
      : typeof c.args === 'object'
        ? `      '1:value:(${c.args.words.join(' ')})'`
        : c.args === 'file'
          ? "      '*:file:_files'"
          : undefined;
    lines.push(`    ${c.name})`, '      _arguments -s \\', ...[...specsOf, ...(args ? [args] : [])].map((l, i, all) => (i < all.length - 1 ? `${l} \\` : l)), '      ;;');
  }
  lines.push('  esac', '}', 'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _tenderscan "$@"; else compdef _tenderscan tenderscan; fi', '');
  return lines.join('\n');
}

const fishText = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fish(program: Command): string {
  const commands = specs(program);
  const lines = [
    `# fish completion for tenderscan (${GENERATED})`,
    '# copy it to ~/.config/fish/completions/tenderscan.fish, or: tenderscan completions fish | source',
    'complete -c tenderscan -f',
    ...commands.map((c) => `complete -c tenderscan -n __fish_use_subcommand -a ${c.name} -d ${fishText(c.description)}`),
  ];
  for (const c of commands) {
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    if (c.subcommands.length) lines.push(`complete -c tenderscan ${when} -a '${c.subcommands.join(' ')}'`);
    else if (typeof c.args === 'object') lines.push(`complete -c tenderscan ${when} -a '${c.args.words.join(' ')}'`);
    else if (c.args === 'file') lines.push(`complete -c tenderscan ${when} -F`);
    for (const o of c.options) {
      const kind = valueKind(o);
      const flags = [o.short ? `-s ${o.short.slice(1)}` : '', o.long ? `-l ${o.long.slice(2)}` : ''].filter(Boolean).join(' ');
      const value = kind === 'flag' ? '' : kind === 'file' ? ' -r -F' : kind === 'dir' ? " -x -a '(__fish_complete_directories)'" : kind === 'none' ? ' -x' : ` -x -a '${kind.words.join(' ')}'`;
      lines.push(`complete -c tenderscan ${when} ${flags}${value} -d ${fishText(o.description)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function completionScript(program: Command, shell: Shell): string {
  return shell === 'bash' ? bash(program) : shell === 'zsh' ? zsh(program) : fish(program);
}

/** Prints the script for `shell` on stdout. */
export function printCompletions(program: Command, shell: Shell): number {
  process.stdout.write(completionScript(program, shell));
  return EXIT.OK;
}
