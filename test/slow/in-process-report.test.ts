// One small document is read on the main thread, others by the worker pool (engine/in-process.ts):
// the report must not depend on which. A limit given other than its default keeps the worker.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, tenderscan } from '../helpers/cli.js';

const SAMPLE = join(ROOT, 'fixtures/sample/cctp-observatoire-tranquillite.pdf');
/** Not the default of 120 s: the document goes to a worker. */
const WORKER = ['--timeout', '119'];

/** The report's date, the one place a timestamp lives, pinned. */
const undated = (text: string) => text.replace(/"generatedAt": "[^"]+"/, '"generatedAt": ""').replace(/\d{1,2} \p{L}+ \d{4} (at|à) \d\d:\d\d UTC/u, 'DATE');

describe('a one-document scan read on the main thread or by a worker', () => {
  it.each([['terminal'], ['json']])('writes the same %s report, byte for byte', (format) => {
    const here = tenderscan(['scan', SAMPLE, '-f', format, '--no-cache']);
    const worker = tenderscan(['scan', SAMPLE, '-f', format, '--no-cache', ...WORKER]);
    expect(here.code).toBe(0);
    expect(here.stdout.length).toBeGreaterThan(1000);
    expect({ ...here, stdout: undated(here.stdout) }).toEqual({ ...worker, stdout: undated(worker.stdout) });
  });
});
