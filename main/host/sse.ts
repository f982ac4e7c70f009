/**
 * `GET /events`: every EventBus event as a server-sent event (`event: <name>`,
 * `data: <json>`). Comment heartbeats keep proxies and idle timers from closing the stream;
 * every client is dropped cleanly when it leaves or the host closes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBus } from '../events/bus.js';

/** A client that stops reading must not make the host buffer events without bound. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface EventStreams {
  handle(req: IncomingMessage, res: ServerResponse): void;
  closeAll(): void;
  readonly size: number;
}

export function createEventStreams(bus: EventBus, heartbeatMs: number): EventStreams {
  const clients = new Set<ServerResponse>();

  return {
    get size() {
      return clients.size;
    },
    handle(req, res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      // `retry` sets the browser's reconnect delay; the comment flushes the headers at once.
      res.write('retry: 2000\n: connected\n\n');
      clients.add(res);

      const write = (text: string): void => {
        if (res.writableEnded || res.destroyed) return;
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          res.destroy();
          return;
        }
        res.write(text);
      };
      const unsubscribe = bus.on((name, payload) => {
        // JSON.stringify never emits a raw newline, so one data line is always enough.
        write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
      heartbeat.unref();

      const cleanup = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        clients.delete(res);
      };
      req.once('close', cleanup);
      res.once('close', cleanup);
    },
    closeAll() {
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
