// Legal notes as a user runs them: --fail-on conflict as a gate, --buyer-kind and --date
// overriding the documents, and their bad values refused before any document is read.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenderscan } from '../helpers/cli.js';

let cctp: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'tenderscan-legal-cli-'));
  cctp = join(dir, 'cctp.txt');
  writeFileSync(cctp, 'Commune de Fleury\nLe titulaire installe un système de lecture automatisée des plaques d’immatriculation (LAPI) aux entrées de ville.\n');
});

describe('scan --fail-on conflict', () => {
  it('exits 1 when a conflict note applies, and the report shows it first, marked', () => {
    const r = tenderscan(['scan', cctp, '--no-cache', '--fail-on', 'conflict', '--report-lang', 'fr']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Notes juridiques\n\s+Acheteur : commune \(lu dans cctp\.txt, p\. 1 : « Commune de Fleury »\)/);
    expect(r.stdout).toMatch(/⚠ \[CONFLIT\] CSI art\. L233-1 ; CNIL délib\. 2014-219/);
    expect(r.stdout).toContain('pas un avis juridique');
  });

  it('exits 0 for a State buyer given with --buyer-kind; JSON says where the buyer came from', () => {
    const r = tenderscan(['scan', cctp, '--no-cache', '--fail-on', 'conflict', '--buyer-kind', 'state', '--date', '2025-06-01', '-f', 'json']);
    expect(r.code).toBe(0);
    const legal = JSON.parse(r.stdout).legal;
    expect(legal.buyer).toEqual({ kind: 'state', from: 'option' });
    expect(legal.date).toEqual({ value: '2025-06-01', from: 'option' });
    expect(legal.notes.map((n: { id: string }) => n.id)).toContain('fr.lapi.reserved');
    expect(legal.notes.some((n: { severity: string }) => n.severity === 'conflict')).toBe(false);
  });

  it.each([
    [['--date', '2025-02-30'], /--date: expected a day as YYYY-MM-DD \(got "2025-02-30"\)/],
    [['--buyer-kind', 'city'], /--buyer-kind.*city/],
  ])('refuses %j with exit 2 and one line', (args, message) => {
    const r = tenderscan(['scan', cctp, '--no-cache', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
