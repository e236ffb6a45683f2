// --exclude GLOB (repeatable): what a run leaves out of the inputs.
import { compileGlobs } from './glob.js';

type Matcher = (path: string) => boolean;

/**
 * A test for the paths to leave out. A pattern with a slash matches the whole path as shown in
 * the report (`drafts/**`, `dossier.zip!/annexes/*.pdf`); one without matches the file name
 * (`*.tmp`, `brouillon*`), like .gitignore. A path is also left out when one of the folders
 * it is in matches (`drafts` leaves out everything under drafts/).
 */
export function excludeMatcher(patterns: string[]): Matcher | undefined {
  if (patterns.length === 0) return undefined;
  // Matched in time linear in the name (glob.ts): names come from archives and stdin.
  const byName = compileGlobs(patterns.filter((p) => !p.includes('/')));
  const byPath = compileGlobs(patterns.filter((p) => p.includes('/')).map((p) => p.replace(/^\.\//, '')));
  return (path) => {
    const parts = path.replace(/^\.\//, '').split(/!\/|\//);
    if (parts.some((part) => byName(part))) return true;
    const whole = path.replace(/^\.\//, '');
    // The path, or a folder it is in (a prefix before a `/`), in one pass over it.
    return byPath(whole, true);
  };
}
