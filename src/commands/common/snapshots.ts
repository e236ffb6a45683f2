// --snapshots: the images of the cited passages, embedded in an HTML report or written as files
// beside a Markdown one.
import { basename } from 'node:path';
import { snapshotKey } from '../../engine/scan.js';
import type { FormatOptions } from '../../report/formats/index.js';
import { snapshotFolder, writeSnapshotFiles } from '../../sources/output.js';
import type { Finding, PageSnapshot } from '../../types.js';

/** Snapshots kept for a report: at most this many (each is an image embedded or written). */
export const MAX_SNAPSHOTS = 200;
export const SNAPSHOT_LIMITS = { maxWidth: 1000, max: MAX_SNAPSHOTS };

/**
 * The report's snapshots: embedded as data: URLs in HTML; for Markdown written as files in the
 * folder beside the report and linked relatively ("report.snapshots/d0-p22-001.png").
 */
export function withSnapshots(base: FormatOptions, findings: Finding[], shots: Map<string, PageSnapshot>, leftOutKeys: Set<string>, options: { beside: boolean; output?: string; max: number }): FormatOptions {
  const leftOut = leftOutKeys.size;
  const max = options.max;
  const refs = new Map<PageSnapshot, { src: string; width: number; height: number }>();
  const files: { name: string; bytes: Uint8Array }[] = [];
  const docIndex = new Map<string, number>();
  for (const f of findings) {
    const shot = shots.get(snapshotKey(f.document, f));
    if (!shot || refs.has(shot)) continue;
    if (!docIndex.has(f.document)) docIndex.set(f.document, docIndex.size);
    let src: string;
    if (!options.beside) src = `data:image/png;base64,${Buffer.from(shot.png).toString('base64')}`;
    else {
      const name = `d${docIndex.get(f.document)}-p${shot.page}-${String(files.length + 1).padStart(3, '0')}.png`;
      files.push({ name, bytes: shot.png });
      src = `${encodeURIComponent(basename(snapshotFolder(options.output!)))}/${name}`;
    }
    refs.set(shot, { src, width: shot.width, height: shot.height });
  }
  if (options.beside) writeSnapshotFiles(options.output!, files);
  const words = base.language === 'fr' ? `${leftOut} image${leftOut > 1 ? 's' : ''} de passage non incluse${leftOut > 1 ? 's' : ''} (au plus ${max} par rapport, partagées entre documents et catégories ; --max-snapshots l’augmente) ; les occurrences concernées le disent` : `${leftOut} passage image${leftOut > 1 ? 's' : ''} left out (at most ${max} per report, shared among documents and categories; --max-snapshots raises it); the findings concerned say so`;
  return {
    ...base,
    snapshot: (f) => {
      const shot = shots.get(snapshotKey(f.document, f));
      return shot && refs.get(shot);
    },
    ...(leftOut ? { snapshotNotice: words } : {}),
    snapshotMissing: (f) => {
      if (f.location || shots.has(snapshotKey(f.document, f))) return undefined;
      // Left out by the budget, or never drawn because the budget was full.
      return leftOutKeys.has(snapshotKey(f.document, f)) || (leftOut > 0 && shots.size >= max) ? (base.language === 'fr' ? `pas d’image : au-delà de --max-snapshots ${max}` : `no image: beyond --max-snapshots ${max}`) : undefined;
    },
  };
}
