/**
 * The CSV app's connector: no network and no credential. Its seats are the rows of the export
 * given for this run (`ConnectorContext.input`); its activity is the last-active column, when
 * the mapping has one.
 */
import { ActivityUnavailableError, ConnectorError } from '../http/errors.js';
import type { ActivityRecord, Connector, ConnectorContext, ProbeResult, ProcessName, SeatRecord, VendorCall } from '../types.js';
import { csvDescriptor } from './descriptor.js';
import { mappingFromOptions, parseExport, type ParsedExport } from './export-file.js';

/** Said whenever a CSV app has no activity of its own. */
export const NO_LAST_ACTIVE_COLUMN =
  'The export has no last-active column, so activity is not available: link the profile to an identity provider app (seatwise profiles link) and SSO sign-ins count as activity.';

export function createCsvConnector(ctx: ConnectorContext): Connector {
  let parsed: ParsedExport | undefined;
  const read = (): ParsedExport => {
    if (ctx.input === undefined) {
      throw new ConnectorError('config', 'A CSV app is read from an export: import one with seatwise profiles import NAME --file users.csv.');
    }
    parsed ??= parseExport(ctx.input, mappingFromOptions(ctx.settings.options), ctx.settings.options.fileName || 'The export');
    return parsed;
  };
  return {
    descriptor: csvDescriptor,
    async whoami() {
      return { userId: 'csv-import', name: ctx.settings.options.fileName || 'CSV export' };
    },
    async *subscriptions(): AsyncIterable<SeatRecord[]> {
      yield read().seats.map((s) => ({ ...s }));
    },
    async *activity(): AsyncIterable<ActivityRecord[]> {
      // No column means no activity, never "everyone inactive".
      if (!mappingFromOptions(ctx.settings.options).lastActive) throw new ActivityUnavailableError(NO_LAST_ACTIVE_COLUMN);
      // A sync with no new export keeps the last import's seats, and their last-active dates with them.
      if (ctx.input === undefined) return;
      const { seats } = read();
      yield seats.filter((s) => s.lastActivityAt).map((s) => ({ userId: s.userId, email: s.email, at: s.lastActivityAt! }));
    },
    planReclaim(seat: SeatRecord): VendorCall {
      return { method: 'TASK', url: `remove ${seat.email} (${seat.licenseType}) in the app's admin console` };
    },
    async reclaim() {
      throw new ConnectorError('config', 'A CSV app has no API: write its task list (seatwise reclaim NAME --approved --yes --out tasks.csv).');
    },
    async probe(process: ProcessName): Promise<ProbeResult> {
      const messages: Record<ProcessName, string> = {
        download: 'Seats are read from the export you import: nothing to connect to.',
        activity: mappingFromOptions(ctx.settings.options).lastActive ? 'Activity is read from the last-active column.' : NO_LAST_ACTIVE_COLUMN,
        reclaim: 'Reclaim writes a task list for a ticket: no vendor call.',
      };
      return { process, ok: true, message: messages[process] };
    },
  };
}
