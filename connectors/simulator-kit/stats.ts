/** Counters and a bounded request log: what tests assert on and benchmarks report. */

export type FaultKind = 'rate_limited' | 'server_error' | 'malformed';

export interface RequestLogEntry {
  /** Simulator clock, ms. */
  at: number;
  method: string;
  path: string;
  status: number;
  fault?: FaultKind;
}

export class SimulatorStats {
  /** Requests received. */
  requests = 0;
  /** Answers with a 2xx status (malformed pages included: they are 200s). */
  served = 0;
  rateLimited = 0;
  serverErrors = 0;
  malformed = 0;
  readonly log: RequestLogEntry[] = [];

  /** Keeps memory flat in long benchmarks: only the latest entries stay. */
  constructor(private readonly maxLog = 10_000) {}

  record(entry: RequestLogEntry): void {
    if (entry.status >= 200 && entry.status < 300) this.served += 1;
    if (entry.fault === 'rate_limited') this.rateLimited += 1;
    if (entry.fault === 'server_error') this.serverErrors += 1;
    if (entry.fault === 'malformed') this.malformed += 1;
    this.log.push(entry);
    if (this.log.length > this.maxLog) this.log.splice(0, this.log.length - this.maxLog);
  }

  /** Log entries for one method and path pattern prefix, e.g. requestsTo('POST', '/workspaces/'). */
  requestsTo(method: string, pathPrefix: string): RequestLogEntry[] {
    return this.log.filter((e) => e.method === method && e.path.startsWith(pathPrefix));
  }

  reset(): void {
    this.requests = 0;
    this.served = 0;
    this.rateLimited = 0;
    this.serverErrors = 0;
    this.malformed = 0;
    this.log.length = 0;
  }
}
