// Plain-text pages for rule tests: the same Page shape extraction produces.
import type { Page } from '../../src/types.js';

export function pageFromText(text: string, number = 1): Page {
  const lines = [];
  let offset = 0;
  for (const [i, line] of text.split('\n').entries()) {
    lines.push({ number: i + 1, start: offset, end: offset + line.length, text: line });
    offset += line.length + 1;
  }
  return { number, text, lines };
}
