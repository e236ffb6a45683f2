// Scale-out: --shard auto from each scheduler's environment, three shards run as separate
// processes merged into the report of a single run, and merge refusing what is not one run.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readShard } from '../../src/report/model/merge.js';
import { checkShardSet, parseShardOption, resolveShard, shardFromEnvironment, shardHeader } from '../../src/engine/shard.js';

const readShardHeader = (text: string, file: string) => shardHeader(file, readShard(text, file));
import { BIN, TEST_CACHE_HOME, tenderscan } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdf.js';

describe('--shard auto from the environment', () => {
  const auto = (env: Record<string, string>, count?: number) => shardFromEnvironment({ count }, env);

  it('GNU parallel: PARALLEL_SEQ (else PARALLEL_JOBSLOT), the count from auto/N or TENDERSCAN_SHARDS', () => {
    expect(auto({ PARALLEL_SEQ: '2' }, 3)).toEqual({ index: 2, count: 3, source: 'parallel' });
    expect(auto({ PARALLEL_JOBSLOT: '3', TENDERSCAN_SHARDS: '4' })).toEqual({ index: 3, count: 4, source: 'parallel' });
    expect(() => auto({ PARALLEL_SEQ: '2' })).toThrow('--shard auto: parallel gives no shard count: use --shard auto/N or TENDERSCAN_SHARDS=N');
    expect(() => auto({ PARALLEL_SEQ: '5' }, 4)).toThrow('parallel gives shard 5, beyond the 4 shards');
    expect(() => auto({ PARALLEL_SEQ: '1', TENDERSCAN_SHARDS: '3' }, 4)).toThrow('auto/N says 4 shards, TENDERSCAN_SHARDS says 3');
  });

  it('Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX counts from 0', () => {
    expect(auto({ JOB_COMPLETION_INDEX: '0', TENDERSCAN_SHARDS: '3' })).toEqual({ index: 1, count: 3, source: 'kubernetes' });
    expect(auto({ JOB_COMPLETION_INDEX: '2' }, 3)).toEqual({ index: 3, count: 3, source: 'kubernetes' });
    expect(() => auto({ JOB_COMPLETION_INDEX: '3' }, 3)).toThrow('beyond the 3 shards');
  });

  it('Slurm job arrays: from SLURM_ARRAY_TASK_MIN (0, 1 or any) by SLURM_ARRAY_TASK_STEP, the count from SLURM_ARRAY_TASK_COUNT', () => {
    const slurm = (id: number, min: number, count: number, step?: number) =>
      auto({ SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: String(min), SLURM_ARRAY_TASK_COUNT: String(count), ...(step ? { SLURM_ARRAY_TASK_STEP: String(step) } : {}) });
    expect(slurm(0, 0, 3)).toEqual({ index: 1, count: 3, source: 'slurm' });
    expect(slurm(3, 1, 3)).toEqual({ index: 3, count: 3, source: 'slurm' });
    expect(slurm(7, 5, 4)).toEqual({ index: 3, count: 4, source: 'slurm' });
    expect(slurm(5, 1, 5, 2)).toEqual({ index: 3, count: 5, source: 'slurm' });
    expect(() => auto({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2' })).toThrow('SLURM_ARRAY_TASK_MIN is not set');
    expect(() => auto({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '2' }, 3)).toThrow('auto/N says 3 shards, SLURM_ARRAY_TASK_COUNT says 2');
  });

  it('refuses an environment without a scheduler, or with two, and bad --shard values', () => {
    expect(() => auto({}, 2)).toThrow(/^--shard auto: no scheduler in the environment/);
    expect(() => auto({ PARALLEL_SEQ: '1', JOB_COMPLETION_INDEX: '0' }, 2)).toThrow('more than one scheduler (kubernetes, parallel)');
    expect(parseShardOption('auto')).toEqual({ auto: true, count: undefined });
    expect(parseShardOption('2/3')).toEqual({ index: 2, count: 3, source: 'option' });
    expect(resolveShard(parseShardOption('auto/2'), { PARALLEL_SEQ: '2' })).toEqual({ index: 2, count: 2, source: 'parallel' });
    for (const bad of ['0/3', '4/3', 'auto/0', 'automatic', '1/0']) expect(() => parseShardOption(bad)).toThrow(/^--shard: expected/);
  });
});

describe('three shards in three processes, merged, give the single run', () => {
  let dir: string;
  const CLEAN: Record<string, string> = {};
  const SCHEDULER_VARIABLES = /^(PARALLEL_|SLURM_|JOB_COMPLETION_INDEX$|TENDERSCAN_SHARDS$)/;

  /** A separate process, started at once (the three shards run at the same time). */
  function start(args: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !SCHEDULER_VARIABLES.test(k)));
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...base, ...CLEAN, NO_COLOR: '1', LANG: 'C', LC_ALL: '', XDG_CACHE_HOME: TEST_CACHE_HOME, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 100_000);
    return new Promise((resolve) =>
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, stderr });
      }),
    );
  }

  const withoutDate = (json: string) => {
    const report = JSON.parse(json);
    delete report.generatedAt;
    return report;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tenderscan-shards-'));
    mkdirSync(join(dir, 'dossier', 'annexes'), { recursive: true });
    const clauses = [
      'La plateforme reçoit les flux vidéo des caméras de la ville.',
      'Des drones survolent les quartiers prioritaires.',
      'Le titulaire ne collectera aucune donnée biométrique.',
      'Les mains courantes de la police municipale sont croisées avec les flux vidéo.',
      'Une application citoyenne permet les signalements géolocalisés.',
      'Les publications sur Twitter et Facebook sont analysées.',
      'Les données de bornage des opérateurs téléphoniques sont reçues.',
      'Des capteurs sonores détectent les coups de feu.',
    ];
    clauses.forEach((text, i) => writeFileSync(join(dir, 'dossier', i % 2 ? 'annexes' : '', `piece-${i + 1}.txt`), `Article ${i + 1}\n${text}\n`));
    writeFileSync(join(dir, 'dossier', 'cctp.pdf'), await makePdf([{ lines: ['Article 1 - Objet', 'Lecture automatisée des plaques d’immatriculation (LAPI).'] }]));
  });

  it('with GNU parallel, Kubernetes and Slurm variables (one shard each)', async () => {
    const scan = (n: number) => ['scan', 'dossier', '--include-text', '-f', 'jsonl', '-o', `part-${n}.jsonl`, '--jobs', '1'];
    const runs = await Promise.all([
      start([...scan(1), '--shard', 'auto'], { PARALLEL_SEQ: '1', TENDERSCAN_SHARDS: '3' }),
      start([...scan(2), '--shard', 'auto/3'], { JOB_COMPLETION_INDEX: '1' }),
      start([...scan(3), '--shard', 'auto'], { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3' }),
    ]);
    for (const run of runs) expect(run).toEqual({ code: 0, stderr: '' });
    const headers = [1, 2, 3].map((n) => readShardHeader(readFileSync(join(dir, `part-${n}.jsonl`), 'utf8'), `part-${n}.jsonl`));
    expect(headers.map((h) => h.shard)).toEqual([{ index: 1, count: 3 }, { index: 2, count: 3 }, { index: 3, count: 3 }]);
    // Each shard took a part of the 9 documents, none took them all.
    const counts = [1, 2, 3].map((n) => (readFileSync(join(dir, `part-${n}.jsonl`), 'utf8').match(/"type":"end"/g) ?? []).length);
    expect(counts.reduce((a, b) => a + b)).toBe(9);
    expect(Math.max(...counts)).toBeLessThan(9);

    const merged = tenderscan(['merge', 'part-3.jsonl', 'part-1.jsonl', 'part-2.jsonl', '-f', 'json'], { cwd: dir });
    const single = tenderscan(['scan', 'dossier', '--include-text', '-f', 'json', '--jobs', '1'], { cwd: dir });
    expect(merged.code).toBe(0);
    expect(single.code).toBe(0);
    expect(merged.stderr).toBe('');
    expect(withoutDate(merged.stdout)).toEqual(withoutDate(single.stdout));
    expect(withoutDate(single.stdout).findings.length).toBeGreaterThan(6);
  });

  it('merge refuses a missing shard (exit 2, nothing written) unless --allow-incomplete', () => {
    const refused = tenderscan(['merge', 'part-1.jsonl', 'part-3.jsonl', '-f', 'json', '-o', 'report.json'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('tenderscan: merge: shard 2 of 3 missing (--allow-incomplete merges what is there)\n');
    expect(() => readFileSync(join(dir, 'report.json'))).toThrow();
    const allowed = tenderscan(['merge', 'part-1.jsonl', 'part-3.jsonl', '-f', 'json', '--allow-incomplete'], { cwd: dir });
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe('tenderscan: merge: shard 2 of 3 missing; merged anyway (--allow-incomplete)\n');
  });

  it('refuses shards made with other rule packs or another version, a repeated shard, an unfinished one', () => {
    const text = (n: number) => readFileSync(join(dir, `part-${n}.jsonl`), 'utf8');
    const header = (n: number, edit: (s: string) => string = (s) => s) => readShardHeader(edit(text(n)), `part-${n}.jsonl`);
    const otherPacks = (s: string) => s.replace(/"hash":"[0-9a-f]+"/, '"hash":"0123456789abcdef"');
    const otherVersion = (s: string) => s.replace(/"version":"[^"]+"/, '"version":"9.9.9"');
    expect(checkShardSet([header(1), header(2), header(3)])).toEqual({ mixed: [], incomplete: [] });
    expect(checkShardSet([header(1), header(2, otherPacks), header(3)]).mixed).toEqual([
      expect.stringMatching(/^rule packs \(hash\) differ: [0-9a-f]{16} in part-1\.jsonl, part-3\.jsonl; 0123456789abcdef in part-2\.jsonl$/),
    ]);
    expect(checkShardSet([header(1), header(2), header(3, otherVersion)]).mixed).toEqual([expect.stringMatching(/^tool versions differ: .*9\.9\.9 in part-3\.jsonl$/)]);
    expect(checkShardSet([header(1), header(1), header(2), header(3)]).incomplete).toEqual(['shard 1/3 given more than once: part-1.jsonl, part-1.jsonl']);
    const cut = (s: string) => s.slice(0, s.lastIndexOf('{"type":"summary"'));
    expect(checkShardSet([header(1), header(2, cut), header(3)]).incomplete).toEqual(['part-2.jsonl: no summary line (the run did not finish, or the file is cut)', 'shard 2 of 3 missing']);

    writeFileSync(join(dir, 'other-packs.jsonl'), otherPacks(text(2)));
    const run = tenderscan(['merge', 'part-1.jsonl', 'other-packs.jsonl', 'part-3.jsonl', '--allow-incomplete'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tenderscan: merge: rule packs \(hash\) differ: .*0123456789abcdef in other-packs\.jsonl\n$/);
  });
});
