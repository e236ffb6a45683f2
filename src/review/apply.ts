// A review file applied to findings: false positives hidden (or shown, labelled, with
// --show-reviewed), confirmed ones labelled, and --new-only keeping the unreviewed only.
import type { Finding, MissingItem, ReviewSummary } from '../types.js';
import type { ReviewEntry, ReviewFile } from './file.js';

export interface ReviewView {
  /** Show false positives too (labelled). */
  showReviewed?: boolean;
  /** Show only the findings nobody has judged yet (the baseline). */
  newOnly?: boolean;
}

export class ReviewedFindings {
  private readonly byId: Map<string, ReviewEntry>;
  private readonly counts = { falsePositives: 0, hidden: 0, confirmed: 0, unreviewed: 0 };

  constructor(
    private readonly file: ReviewFile,
    private readonly view: ReviewView = {},
  ) {
    this.byId = new Map(file.entries.map((e) => [e.id, e]));
  }

  /** The findings as the review lets them be seen, labelled with their `review`; counted. */
  apply(findings: Finding[]): Finding[] {
    const shown: Finding[] = [];
    for (const f of findings) {
      const entry = f.id ? this.byId.get(f.id) : undefined;
      if (!entry) {
        this.counts.unreviewed++;
        shown.push(f);
        continue;
      }
      if (entry.status === 'false-positive') this.counts.falsePositives++;
      else this.counts.confirmed++;
      const hide = this.view.newOnly || (entry.status === 'false-positive' && !this.view.showReviewed);
      if (hide) {
        this.counts.hidden++;
        continue;
      }
      const review = { status: entry.status, ...(entry.comment ? { comment: entry.comment } : {}), ...(entry.date ? { date: entry.date } : {}) };
      shown.push({ ...f, review });
    }
    return shown;
  }

  /**
   * Items of "Not in this dossier" judged in the same file, by their ids: hidden and labelled as
   * findings are, but not counted in the review summary (they are not findings).
   */
  applyMissing(items: MissingItem[]): MissingItem[] {
    const shown: MissingItem[] = [];
    for (const item of items) {
      const entry = this.byId.get(item.id);
      if (!entry) {
        shown.push(item);
        continue;
      }
      if (this.view.newOnly || (entry.status === 'false-positive' && !this.view.showReviewed)) continue;
      shown.push({ ...item, review: { status: entry.status, ...(entry.comment ? { comment: entry.comment } : {}), ...(entry.date ? { date: entry.date } : {}) } });
    }
    return shown;
  }

  summary(): ReviewSummary {
    return { file: this.file.path, ...this.counts };
  }
}
