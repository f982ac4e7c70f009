/**
 * A listing asks for its next page as soon as it has the cursor: while the caller is still
 * using one page, the request for the next is already at the vendor. Proven from the
 * simulator's side (which requests it received while the caller held a page), never by timing.
 * A caller that reads only the first page makes no request beyond it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { asanaPages } from '../../../connectors/asana/pages.js';
import { membershipSchema } from '../../../connectors/asana/api.js';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { connectAsana } from './asana-harness.js';

const TOKEN = 'prefetch-test-token';
let sim: AsanaSimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function until(test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!test()) throw new Error(`never happened: ${what}`);
}

describe('Asana paging', () => {
  it('has the next page on its way while the caller still holds this one', async () => {
    sim = await startAsanaSimulator({ token: TOKEN, seed: 5, users: 450, knobs: { rateLimit: undefined } });
    const { http } = connectAsana({ baseUrl: sim.url, token: TOKEN });
    const path = `/workspaces/${sim.workspaceGid}/workspace_memberships`;
    const listed = (): number => sim!.stats.log.filter((e) => e.path.endsWith(path)).length;
    let pages = 0;
    let members = 0;
    for await (const page of asanaPages({ http, what: 'workspace memberships', item: membershipSchema, request: { url: path, query: { limit: 100 } } })) {
      pages += 1;
      members += page.length;
      // Holding this page: the next one is requested anyway (the last page has no next).
      if (pages < 5) await until(() => listed() === pages + 1, `the request for page ${pages + 1} while page ${pages} is held`);
      else expect(listed()).toBe(5);
    }
    expect([pages, members, listed()]).toEqual([5, 450, 5]);
  });

  it('asks for nothing beyond the first page when told not to look ahead', async () => {
    sim = await startAsanaSimulator({ token: TOKEN, seed: 5, users: 450, knobs: { rateLimit: undefined } });
    const { http } = connectAsana({ baseUrl: sim.url, token: TOKEN });
    const path = `/workspaces/${sim.workspaceGid}/workspace_memberships`;
    for await (const page of asanaPages({ http, what: 'workspace memberships', item: membershipSchema, prefetch: false, request: { url: path, query: { limit: 100 } } })) {
      expect(page).toHaveLength(100);
      break;
    }
    // A moment for a request that should not exist to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.stats.log.filter((e) => e.path.endsWith(path))).toHaveLength(1);
  });
});
