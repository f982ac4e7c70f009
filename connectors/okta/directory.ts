/**
 * Okta as a DirectorySource: everyone in the org with their lifecycle status, the active apps
 * people sign in to through Okta, and the SSO sign-ins to one of them.
 */
import type { ActivityRecord, ConnectorContext, DirectoryApp, DirectoryPerson, DirectorySource } from '../types.js';
import { appSchema, eq, OKTA_APPS_PAGE_MAX, oktaPath } from './api.js';
import { assertOrgUrl } from './org-url.js';
import { oktaPages } from './pages.js';
import { ssoSignIns } from './sign-ins.js';
import { oktaUsers, userToPerson } from './users.js';

export function createOktaDirectory(ctx: ConnectorContext): DirectorySource {
  const { http } = ctx;
  return {
    async *people(): AsyncIterable<DirectoryPerson[]> {
      assertOrgUrl(http.baseUrl);
      let pages = 0;
      let users = 0;
      for await (const page of oktaUsers(http, ctx.signal)) {
        const people = page.map(userToPerson);
        pages += 1;
        users += people.length;
        ctx.progress({ phase: 'download', pages, users });
        yield people;
      }
    },

    async apps(): Promise<DirectoryApp[]> {
      assertOrgUrl(http.baseUrl);
      const apps: DirectoryApp[] = [];
      for await (const page of oktaPages({
        http,
        // Inactive apps sign nobody in; deleted ones are not listed at all.
        first: oktaPath('/api/v1/apps', { filter: eq('status', 'ACTIVE'), limit: OKTA_APPS_PAGE_MAX }),
        item: appSchema,
        what: 'apps',
        limit: OKTA_APPS_PAGE_MAX,
        signal: ctx.signal,
      })) {
        for (const app of page) {
          if (app.status && app.status !== 'ACTIVE') continue;
          apps.push({ id: app.id, label: app.label?.trim() || app.name?.trim() || app.id });
        }
      }
      return apps;
    },

    async *signIns(appId: string, since: Date): AsyncIterable<ActivityRecord[]> {
      assertOrgUrl(http.baseUrl);
      let pages = 0;
      const people = new Set<string>();
      for await (const records of ssoSignIns({
        http,
        appId,
        since,
        now: ctx.now(),
        grantType: ctx.settings.grantType,
        signal: ctx.signal,
        progress: (message) => ctx.progress({ phase: 'activity', message }),
      })) {
        pages += 1;
        for (const r of records) if (r.email) people.add(r.email.toLowerCase());
        ctx.progress({ phase: 'activity', pages, users: people.size });
        yield records;
      }
    },
  };
}
