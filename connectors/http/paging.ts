/**
 * Every pagination loop runs through a PageGuard: a vendor bug that hands back the same
 * cursor (or a loop in next links) must end the run with a clear error, not spin forever
 * or silently duplicate seats.
 */
import { ConnectorError } from './errors.js';

/** 10,000 pages of 100 is a million seats: beyond any real organisation. */
export const DEFAULT_MAX_PAGES = 10_000;

export interface PageGuardOptions {
  vendorName: string;
  /** What is being listed, for the message: "workspace memberships". */
  what: string;
  maxPages?: number;
}

export class PageGuard {
  private readonly seen = new Set<string>();
  private count = 0;
  private readonly maxPages: number;

  constructor(private readonly options: PageGuardOptions) {
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  }

  /**
   * Call before fetching each page with the cursor, offset or URL that selects it (undefined
   * or '' for the first page). Throws 'repeated_cursor' or 'too_many_pages'.
   */
  next(cursor: string | number | undefined): void {
    const key = cursor === undefined ? '' : String(cursor);
    const { vendorName, what } = this.options;
    if (this.seen.has(key)) {
      throw new ConnectorError(
        'repeated_cursor',
        `${vendorName} sent the same page cursor twice while listing ${what} (after page ${this.count}); stopped instead of looping forever. This is a vendor-side paging problem: try again later.`,
      );
    }
    if (this.count >= this.maxPages) {
      throw new ConnectorError(
        'too_many_pages',
        `${vendorName} returned more than ${this.maxPages} pages of ${what}; stopped to avoid an endless listing.`,
      );
    }
    this.seen.add(key);
    this.count += 1;
  }

  /** Pages started so far. */
  get pages(): number {
    return this.count;
  }
}
