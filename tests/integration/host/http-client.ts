/**
 * A raw HTTP client for the host tests: node:http, so the tests control exactly what goes on
 * the wire (Host, Origin, the unnormalised path), which fetch would not allow.
 */
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Send the body without Content-Length (chunked), to test the streaming size limit. */
  chunked?: boolean;
}

export function request(options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { Host: `127.0.0.1:${options.port}`, ...options.headers };
    if (options.body !== undefined && !options.chunked) headers['Content-Length'] = Buffer.byteLength(options.body);
    const req = http.request({ host: '127.0.0.1', port: options.port, method: options.method ?? 'GET', path: options.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer (413) and close before the whole body is sent; the answer counts.
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export function rpc(port: number, method: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return request({
    port,
    method: 'POST',
    path: `/rpc/${method}`,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

/** Opens the event stream and collects its text until `close()`. */
export function openEventStream(port: number, headers: Record<string, string>): Promise<{ res: http.IncomingMessage; text: () => string; waitFor: (needle: string, timeoutMs?: number) => Promise<string>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/events', headers: { Host: `127.0.0.1:${port}`, Accept: 'text/event-stream', ...headers }, agent: false }, (res) => {
      let text = '';
      const waiters = new Set<() => void>();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const waiter of [...waiters]) waiter();
      });
      res.on('error', () => undefined);
      resolve({
        res,
        text: () => text,
        waitFor: (needle, timeoutMs = 5000) =>
          new Promise<string>((ok, fail) => {
            const check = (): void => {
              if (text.includes(needle)) {
                waiters.delete(check);
                clearTimeout(timer);
                ok(text);
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`"${needle}" not received; got: ${text}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A small real EventSource for Node 20 (which has none): connects over node:http, parses
 * the stream, and like the browser's closes for good on an HTTP error. Only what the browser
 * bridge uses. `headers` stands in for the browser's cookie.
 */
export function nodeEventSource(headers: Record<string, string>, created: NodeEventSource[] = []): new (url: string) => NodeEventSource {
  return class extends NodeEventSource {
    constructor(url: string) {
      super(url, headers);
      created.push(this);
    }
  };
}

export class NodeEventSource {
  readyState = 0;
  onerror: ((ev: Event) => unknown) | null = null;
  onopen: ((ev: Event) => unknown) | null = null;
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  private readonly req: http.ClientRequest;

  constructor(url: string, headers: Record<string, string>) {
    this.req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        this.fail();
        return;
      }
      this.readyState = 1;
      this.onopen?.(new Event('open'));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      });
      res.on('end', () => this.fail());
    });
    this.req.on('error', () => this.fail());
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = 2;
    this.req.destroy();
  }

  private fail(): void {
    if (this.readyState === 2) return;
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }

  private dispatch(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    const event = new MessageEvent(type, { data: data.join('\n') });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}
