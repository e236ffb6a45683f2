// tenderscan cache clear: empties the text cache, only what tenderscan wrote there.
import { EXIT } from '../errors.js';
import { clearCache, defaultCacheDir } from '../cache/text-cache.js';
import { escapeTerminal } from '../report/escape.js';

export function clearTextCache(options: { cacheDir?: string }): number {
  const dir = options.cacheDir ?? defaultCacheDir();
  const { removed, kept } = clearCache(dir);
  process.stdout.write(escapeTerminal(`emptied ${dir} (${removed} entr${removed === 1 ? 'y' : 'ies'} removed)`) + '\n');
  if (kept.length) process.stderr.write(escapeTerminal(`${dir}: left ${kept.length} item${kept.length > 1 ? 's' : ''} that tenderscan did not write, e.g. ${kept[0]}`) + '\n');
  return EXIT.OK;
}
