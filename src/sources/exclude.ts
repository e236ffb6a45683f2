// --exclude GLOB (repeatable): what a run leaves out of the inputs.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Matcher = (path: string) => boolean;
type Picomatch = (patterns: string[], options: { basename?: boolean; dot?: boolean; windows?: boolean }) => Matcher;

/**
 * A test for the paths to leave out. A pattern with a slash matches the whole path as shown in
 * the report (`drafts/**`, `dossier.zip!/annexes/*.pdf`); one without matches the file name
 * (`*.tmp`, `brouillon*`), like .gitignore. A path is also left out when one of the folders
 * it is in matches (`drafts` leaves out everything under drafts/).
 */
export function excludeMatcher(patterns: string[]): Matcher | undefined {
  if (patterns.length === 0) return undefined;
  // picomatch is loaded only when a run excludes something.
  const picomatch = require('picomatch') as Picomatch;
  const byName = picomatch(patterns.filter((p) => !p.includes('/')), { dot: true });
  const byPath = picomatch(patterns.filter((p) => p.includes('/')).map((p) => p.replace(/^\.\//, '')), { dot: true });
  return (path) => {
    const parts = path.replace(/^\.\//, '').split(/!\/|\//);
    if (parts.some((part) => byName(part))) return true;
    const whole = path.replace(/^\.\//, '');
    if (byPath(whole)) return true;
    // A folder matched by a path pattern: any of the path's prefixes.
    for (let i = whole.indexOf('/'); i > 0; i = whole.indexOf('/', i + 1)) if (byPath(whole.slice(0, i))) return true;
    return false;
  };
}
