// Seeded mutations of PDF bytes for fuzzing: bit flips, truncations, duplicated and deleted chunks.

/** A small deterministic PRNG (mulberry32): the same seed gives the same cases everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Mutation = 'bitflip' | 'truncate' | 'duplicate' | 'delete';
export const MUTATIONS: Mutation[] = ['bitflip', 'truncate', 'duplicate', 'delete'];

export interface MutatedCase {
  mutation: Mutation;
  bytes: Buffer;
  detail: string;
}

/** One mutated copy of `input`, chosen by `random`. */
export function mutate(input: Buffer, random: () => number): MutatedCase {
  const mutation = MUTATIONS[Math.floor(random() * MUTATIONS.length)];
  const at = (n: number) => Math.floor(random() * n);
  switch (mutation) {
    case 'bitflip': {
      const bytes = Buffer.from(input);
      const flips = 1 + at(16);
      for (let i = 0; i < flips; i++) {
        const pos = at(bytes.length);
        bytes[pos] ^= 1 << at(8);
      }
      return { mutation, bytes, detail: `${flips} bit flips` };
    }
    case 'truncate': {
      const length = at(input.length);
      return { mutation, bytes: input.subarray(0, length), detail: `truncated to ${length} bytes` };
    }
    case 'duplicate': {
      const start = at(input.length);
      const length = 1 + at(Math.min(65536, input.length - start));
      const chunk = input.subarray(start, start + length);
      const where = at(input.length);
      return { mutation, bytes: Buffer.concat([input.subarray(0, where), chunk, input.subarray(where)]), detail: `${length} bytes from ${start} copied at ${where}` };
    }
    case 'delete': {
      const start = at(input.length);
      const length = 1 + at(Math.min(65536, input.length - start));
      return { mutation, bytes: Buffer.concat([input.subarray(0, start), input.subarray(start + length)]), detail: `${length} bytes deleted at ${start}` };
    }
  }
}
