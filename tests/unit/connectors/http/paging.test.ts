import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError, createHttpClient, PageGuard } from '../../../../connectors/http/index.js';
import { recordingSleep, sendJson, startTestServer, type TestServer } from './test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Page {
  data: number[];
  next_page: { offset: string } | null;
}

describe('PageGuard', () => {
  it('stops a pagination loop whose vendor repeats a cursor with repeated_cursor', async () => {
    // A buggy vendor: page 3 points back at page 2's offset.
    server = await startTestServer((req, res) => {
      const offset = new URL(req.url ?? '', 'http://x').searchParams.get('offset');
      const next = offset === null ? 'p2' : offset === 'p2' ? 'p3' : 'p2';
      sendJson(res, 200, { data: [1], next_page: { offset: next } });
    });
    const { sleep } = recordingSleep();
    const client = createHttpClient({ baseUrl: server.url, vendorName: 'Asana', sleep });
    const guard = new PageGuard({ vendorName: 'Asana', what: 'workspace memberships' });
    let offset: string | undefined;
    let pages = 0;
    let caught: unknown;
    try {
      for (;;) {
        guard.next(offset);
        const res = await client.request<Page>({ url: '/items', query: { limit: 1, offset } });
        pages += 1;
        if (!res.body.next_page) break;
        offset = res.body.next_page.offset;
      }
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConnectorError);
    const err = caught as ConnectorError;
    expect(err.code).toBe('repeated_cursor');
    expect(err.message).toContain('Asana sent the same page cursor twice while listing workspace memberships');
    expect(pages).toBe(3);
    expect(guard.pages).toBe(3);
  });

  it('treats the first page (no cursor) as a cursor of its own', () => {
    const guard = new PageGuard({ vendorName: 'V', what: 'users' });
    guard.next(undefined);
    expect(() => guard.next('')).toThrow(/same page cursor/);
  });

  it('accepts numeric offsets and fails past maxPages with too_many_pages', () => {
    const guard = new PageGuard({ vendorName: 'V', what: 'users', maxPages: 3 });
    guard.next(0);
    guard.next(100);
    guard.next(200);
    let caught: unknown;
    try {
      guard.next(300);
    } catch (err) {
      caught = err;
    }
    expect((caught as ConnectorError).code).toBe('too_many_pages');
    expect((caught as ConnectorError).message).toContain('more than 3 pages of users');
  });
});
