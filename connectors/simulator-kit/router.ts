/**
 * A tiny router: method + path pattern ("/workspaces/:workspace_gid/addUser"). Enough for a
 * vendor simulator; no regex patterns, no middleware chains.
 */
import type { SimRequest, SimResponse } from './responses.js';

export type RouteHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface RouteOptions {
  /** Skips the simulator's guard (authentication), e.g. for an OAuth token endpoint. */
  public?: boolean;
}

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
  options: RouteOptions;
}

export interface RouteMatch {
  handler: RouteHandler;
  params: Record<string, string>;
  options: RouteOptions;
}

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: RouteHandler, options: RouteOptions = {}): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler, options });
    return this;
  }

  get(pattern: string, handler: RouteHandler, options?: RouteOptions): this {
    return this.on('GET', pattern, handler, options);
  }

  post(pattern: string, handler: RouteHandler, options?: RouteOptions): this {
    return this.on('POST', pattern, handler, options);
  }

  patch(pattern: string, handler: RouteHandler, options?: RouteOptions): this {
    return this.on('PATCH', pattern, handler, options);
  }

  put(pattern: string, handler: RouteHandler, options?: RouteOptions): this {
    return this.on('PUT', pattern, handler, options);
  }

  delete(pattern: string, handler: RouteHandler, options?: RouteOptions): this {
    return this.on('DELETE', pattern, handler, options);
  }

  match(method: string, path: string): RouteMatch | undefined {
    const parts = split(path);
    for (const route of this.routes) {
      if (route.method !== method.toUpperCase() || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const want = route.segments[i] as string;
        const got = parts[i] as string;
        if (want.startsWith(':')) params[want.slice(1)] = safeDecode(got);
        else ok = want === got;
      }
      if (ok) return { handler: route.handler, params, options: route.options };
    }
    return undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
