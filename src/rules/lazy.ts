// yaml and zod, loaded on first use: they cost a tenth of a second each to load. Only the
// thread that checks packs (the main one) loads them, and yaml only when a pack is not in the
// parsed-pack cache. The review file (review/file.ts) and the project config read and validate
// their YAML through these too.
import { createRequire } from 'node:module';
import type { z } from 'zod';

const require = createRequire(import.meta.url);
export type Zod = typeof z;
let zod: Zod | undefined;
export const loadZod = (): Zod => (zod ??= (require('zod') as { z: Zod }).z);
export const loadYaml = () => require('yaml') as typeof import('yaml');
