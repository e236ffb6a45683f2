// tenderscan rules: the categories and rules in use, as a table or JSON; --check validates a pack.
import { EXIT, UsageError } from '../errors.js';
import { escapeTerminal } from '../report/escape.js';
import { loadRuleSet } from '../rules/load.js';

export function listRules(options: { format: string; rules: string[]; check?: string }): number {
  if (options.check) {
    const set = loadRuleSet([options.check], { builtin: true });
    const own = set.rules.filter((r) => r.file === options.check);
    process.stdout.write(escapeTerminal(`${options.check}: ${own.length} rule${own.length === 1 ? '' : 's'}, valid`) + '\n');
    return EXIT.OK;
  }
  const set = loadRuleSet(options.rules);
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify({ hash: set.hash, files: set.files, categories: set.categories, rules: set.rules, sources: set.sources }, null, 2) + '\n');
    return EXIT.OK;
  }
  if (options.format !== 'table') throw new UsageError(`unknown --format "${options.format}"; expected table or json`);
  const lines = [`${set.rules.length} rules in ${set.files.length} packs (hash ${set.hash})`, ''];
  for (const category of set.categories) {
    const rules = set.rules.filter((r) => r.category === category.id);
    lines.push(`${category.id} — ${category.en} / ${category.fr} (${rules.length} rules)`);
    for (const r of rules) lines.push(`  ${r.id.padEnd(44)} ${r.kind.padEnd(10)} ${r.description ?? ''}`);
  }
  const products = set.rules.filter((r) => r.kind === 'product');
  lines.push(`products (${products.length} entries)`);
  for (const r of products) lines.push(`  ${r.id.padEnd(44)} ${(r.categories ?? []).join(', ')}: ${r.description ?? ''}`);
  const exceptions = set.rules.filter((r) => r.category === null && r.kind !== 'product');
  lines.push(`exceptions (${exceptions.length} rules)`);
  for (const r of exceptions) lines.push(`  ${r.id.padEnd(44)} ${r.kind.padEnd(10)} ${r.description ?? ''}`);
  lines.push(`sources of the vocabulary (${set.sources.length} packs)`);
  for (const p of set.sources) for (const source of p.sources) lines.push(`  ${p.file.padEnd(44)} ${source.title} <${source.url}>`);
  process.stdout.write(lines.map(escapeTerminal).join('\n') + '\n');
  return EXIT.OK;
}
