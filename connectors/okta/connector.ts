/**
 * The Okta connector: Okta users as seats (Okta bills per user), their last sign-in to Okta as
 * activity, and the directory (people, apps, SSO sign-ins) that other profiles match against.
 * It only reads: there is no reclaim at Okta. Everything goes through ctx.http.
 */
import { ConnectorError } from '../http/errors.js';
import type { ActivityRecord, Connector, ConnectorContext, DirectoryPerson, ProbeResult, ProcessName, SeatRecord, Whoami } from '../types.js';
import { parseOkta, userSchema } from './api.js';
import { oktaDescriptor } from './descriptor.js';
import { createOktaDirectory } from './directory.js';
import { assertOrgUrl } from './org-url.js';
import { probeOkta } from './probe.js';
import { oktaUsers, userToPerson, userToSeat } from './users.js';

function notOffered(): never {
  throw new ConnectorError(
    'config',
    'Seatwise does not reclaim anything in Okta: it reads Okta as a directory and SSO source. Reclaim the seat in the app’s own profile instead.',
  );
}

export function createOktaConnector(ctx: ConnectorContext): Connector {
  const { http } = ctx;
  const host = ((): string => {
    try {
      return new URL(http.baseUrl).host;
    } catch {
      return http.baseUrl;
    }
  })();
  const where = `the Okta org ${host}`;
  let people: DirectoryPerson[] | undefined;

  return {
    descriptor: oktaDescriptor,
    directory: createOktaDirectory(ctx),

    async whoami(): Promise<Whoami> {
      assertOrgUrl(http.baseUrl);
      // A service app acts as itself: /api/v1/users/me names the admin behind an API token only.
      if (ctx.settings.grantType === 'client_credentials') {
        const clientId = ctx.settings.clientId ?? '';
        return { userId: clientId, name: `Okta service app ${clientId}`.trim(), orgId: host, orgName: host };
      }
      const res = await http.request({ url: '/api/v1/users/me' });
      const me = userToPerson(parseOkta(userSchema, res.body, 'GET /api/v1/users/me'));
      return { userId: me.userId, name: me.name, email: me.email || undefined, orgId: host, orgName: host };
    },

    downloadedPeople: () => people,

    async *subscriptions(): AsyncIterable<SeatRecord[]> {
      assertOrgUrl(http.baseUrl);
      let pages = 0;
      let users = 0;
      const listed: DirectoryPerson[] = [];
      people = undefined;
      for await (const page of oktaUsers(http, ctx.signal)) {
        const seats = page.map(userToSeat);
        for (const user of page) listed.push(userToPerson(user));
        pages += 1;
        users += seats.length;
        ctx.progress({ phase: 'download', pages, users });
        yield seats;
      }
      people = listed;
    },

    /**
     * Okta's own activity is each user's lastLogin, already on every seat from the download
     * (lastActivityAt): listing every user again would spend the users rate limit for the same
     * data. Not ActivityUnavailableError: activity is available, it arrived with the seats.
     * SSO sign-ins to other apps come from `directory.signIns`.
     */
    // eslint-disable-next-line require-yield -- nothing to yield, by design (see above)
    async *activity(_since: Date): AsyncIterable<ActivityRecord[]> {
      ctx.progress({ phase: 'activity', pages: 0, users: 0, message: 'Okta activity (last sign-in to Okta) came with the user download.' });
    },

    planReclaim: () => notOffered(),
    reclaim: async () => notOffered(),

    async probe(process: ProcessName): Promise<ProbeResult> {
      try {
        assertOrgUrl(http.baseUrl);
        return await probeOkta(http, process, ctx.settings.grantType, ctx.now(), where);
      } catch (err) {
        if (err instanceof ConnectorError) return { process, ok: false, message: err.message };
        throw err;
      }
    },
  };
}
