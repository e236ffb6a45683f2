// Scale-out: which share of the inputs this run takes (`--shard I/N`, or `--shard auto` from the
// scheduler's environment), and the check `merge` makes that a set of shards is whole.
import { createHash } from 'node:crypto';
import { OptionError } from '../errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
  /** Where the index came from: "option", "parallel", "kubernetes" or "slurm". */
  source?: string;
}

/** What `--shard` was given: a shard, or `auto` with an optional count (`auto/N`). */
export type ShardRequest = Shard | { auto: true; count?: number };

const positive = (text: string | undefined) => (text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

/** Parses "I/N" (1-based), "auto" or "auto/N". */
export function parseShardOption(value: string): ShardRequest {
  const auto = /^auto(?:\/(\d+))?$/.exec(value.trim());
  if (auto) {
    const count = auto[1] === undefined ? undefined : Number(auto[1]);
    if (count !== undefined && count < 1) throw new OptionError('--shard', `expected auto/N with N >= 1, got "${value}"`);
    return { auto: true, count };
  }
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new OptionError('--shard', `expected I/N with 1 <= I <= N, or auto, or auto/N, got "${value}"`);
  return { index, count, source: 'option' };
}

type Env = Record<string, string | undefined>;

/**
 * The shard of `--shard auto`, from the first scheduler whose variables are set:
 * Slurm job arrays (SLURM_ARRAY_TASK_ID, _MIN, _STEP, _COUNT), Kubernetes Indexed Jobs
 * (JOB_COMPLETION_INDEX, 0-based) and GNU parallel (PARALLEL_SEQ, else PARALLEL_JOBSLOT).
 * Kubernetes and parallel give no count: it comes from `auto/N` or TENDERSCAN_SHARDS.
 */
export function shardFromEnvironment(request: { count?: number }, env: Env = process.env): Shard {
  const fail = (reason: string): never => {
    throw new OptionError('--shard auto', reason);
  };
  const found = [
    env.SLURM_ARRAY_TASK_ID !== undefined && 'slurm',
    env.JOB_COMPLETION_INDEX !== undefined && 'kubernetes',
    (env.PARALLEL_SEQ ?? env.PARALLEL_JOBSLOT) !== undefined && 'parallel',
  ].filter((s): s is string => s !== false);
  if (found.length === 0) {
    fail('no scheduler in the environment (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, PARALLEL_SEQ or PARALLEL_JOBSLOT); give --shard I/N');
  }
  if (found.length > 1) fail(`the environment names more than one scheduler (${found.join(', ')}); give --shard I/N`);
  const fromEnv = env.TENDERSCAN_SHARDS === undefined ? undefined : positive(env.TENDERSCAN_SHARDS);
  if (fromEnv !== undefined && !(fromEnv >= 1)) fail(`TENDERSCAN_SHARDS: expected a whole number >= 1, got "${env.TENDERSCAN_SHARDS}"`);
  const counts: [string, number][] = [];
  if (request.count !== undefined) counts.push(['auto/N', request.count]);
  if (fromEnv !== undefined) counts.push(['TENDERSCAN_SHARDS', fromEnv]);

  let index: number;
  const source = found[0];
  if (source === 'slurm') {
    const id = positive(env.SLURM_ARRAY_TASK_ID);
    // Arrays may start at 0 or 1 (or anywhere: --array=5-8), and step (--array=1-9:2).
    const min = positive(env.SLURM_ARRAY_TASK_MIN);
    const step = env.SLURM_ARRAY_TASK_STEP === undefined ? 1 : positive(env.SLURM_ARRAY_TASK_STEP);
    if (Number.isNaN(id)) fail(`SLURM_ARRAY_TASK_ID: expected a whole number, got "${env.SLURM_ARRAY_TASK_ID}"`);
    if (Number.isNaN(min)) fail('SLURM_ARRAY_TASK_MIN is not set (needed to number the task from 1)');
    if (!(step >= 1) || (id - min) % step !== 0) fail(`SLURM_ARRAY_TASK_STEP: "${env.SLURM_ARRAY_TASK_STEP}" does not fit task ${id} from ${min}`);
    index = (id - min) / step + 1;
    if (env.SLURM_ARRAY_TASK_COUNT !== undefined) {
      const count = positive(env.SLURM_ARRAY_TASK_COUNT);
      if (!(count >= 1)) fail(`SLURM_ARRAY_TASK_COUNT: expected a whole number >= 1, got "${env.SLURM_ARRAY_TASK_COUNT}"`);
      counts.push(['SLURM_ARRAY_TASK_COUNT', count]);
    }
  } else if (source === 'kubernetes') {
    const completion = positive(env.JOB_COMPLETION_INDEX);
    if (Number.isNaN(completion)) fail(`JOB_COMPLETION_INDEX: expected a whole number, got "${env.JOB_COMPLETION_INDEX}"`);
    index = completion + 1;
  } else {
    const name = env.PARALLEL_SEQ !== undefined ? 'PARALLEL_SEQ' : 'PARALLEL_JOBSLOT';
    index = positive(env[name]);
    if (!(index >= 1)) fail(`${name}: expected a whole number >= 1, got "${env[name]}"`);
  }
  if (counts.length === 0) fail(`${source} gives no shard count: use --shard auto/N or TENDERSCAN_SHARDS=N`);
  const [first, ...others] = counts;
  for (const [name, count] of others) if (count !== first[1]) fail(`${first[0]} says ${first[1]} shards, ${name} says ${count}`);
  const count = first[1];
  if (index! > count) fail(`${source} gives shard ${index!}, beyond the ${count} shards`);
  return { index: index!, count, source };
}

/** The shard a run takes: the one given, or the scheduler's. */
export function resolveShard(request: ShardRequest | undefined, env: Env = process.env): Shard | undefined {
  if (!request) return undefined;
  return 'auto' in request ? shardFromEnvironment(request, env) : request;
}

/**
 * A deterministic share of the inputs: each document goes to the shard given by a hash of its
 * name, so N machines given the same arguments split the work without talking to each other.
 */
export function inShard(path: string, shard: { index: number; count: number }): boolean {
  return createHash('sha256').update(path).digest().readUInt32BE(0) % shard.count === shard.index - 1;
}

export function takeShard<T extends { path: string }>(inputs: T[], shard: { index: number; count: number }): T[] {
  return inputs.filter((i) => inShard(i.path, shard));
}

/** What a JSON Lines report says of the run that wrote it (its summary line). */
export interface ShardHeader {
  file: string;
  /** False when the report has no summary line (a run that did not finish). */
  finished: boolean;
  version?: string;
  rulePackHash?: string;
  shard?: { index: number; count: number };
}

/** The header merge checks, from a shard read back by report/merge.ts's readShard. */
export function shardHeader(file: string, read: { rulePacks?: { hash: string }; run?: { version?: string; shard?: { index: number; count: number } } }): ShardHeader {
  return { file, finished: read.run !== undefined, version: read.run?.version, rulePackHash: read.rulePacks?.hash, shard: read.run?.shard };
}

export interface ShardSetCheck {
  /** A set that cannot be merged into one truthful report (mixed rule packs or versions). */
  mixed: string[];
  /** Shards missing, given twice, of other counts, or reports that did not finish. */
  incomplete: string[];
}

/**
 * Are these reports one whole run? Same tool version and rule packs everywhere; when they are
 * shards, every shard 1..N once, all of the same N. Reports written without --shard are only
 * checked for version and packs.
 */
export function checkShardSet(headers: ShardHeader[]): ShardSetCheck {
  const mixed: string[] = [];
  const incomplete: string[] = [];
  for (const h of headers) if (!h.finished) incomplete.push(`${h.file}: no summary line (the run did not finish, or the file is cut)`);
  const done = headers.filter((h) => h.finished);
  const differ = (what: string, value: (h: ShardHeader) => string | undefined) => {
    const values = new Map<string, string[]>();
    for (const h of done) {
      const v = value(h) ?? 'unknown';
      values.set(v, [...(values.get(v) ?? []), h.file]);
    }
    if (values.size > 1) mixed.push(`${what} differ: ${[...values].map(([v, files]) => `${v} in ${files.join(', ')}`).join('; ')}`);
  };
  differ('tool versions', (h) => h.version);
  differ('rule packs (hash)', (h) => h.rulePackHash);

  const sharded = done.filter((h) => h.shard);
  if (sharded.length === 0) return { mixed, incomplete };
  for (const h of done) if (!h.shard) incomplete.push(`${h.file}: not a shard (written without --shard), merged with shards`);
  const counts = new Set(sharded.map((h) => h.shard!.count));
  if (counts.size > 1) {
    incomplete.push(`shards of different counts: ${sharded.map((h) => `${h.file} is ${h.shard!.index}/${h.shard!.count}`).join(', ')}`);
    return { mixed, incomplete };
  }
  const count = [...counts][0];
  const byIndex = new Map<number, string[]>();
  for (const h of sharded) byIndex.set(h.shard!.index, [...(byIndex.get(h.shard!.index) ?? []), h.file]);
  for (const [index, files] of byIndex) if (files.length > 1) incomplete.push(`shard ${index}/${count} given more than once: ${files.join(', ')}`);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) incomplete.push(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing`);
  return { mixed, incomplete };
}
