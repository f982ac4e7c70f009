/**
 * The test's "system browser": follows the authorization URL through oidc-provider's
 * redirects (keeping its cookies) up to the loopback redirect, then delivers the answer to
 * Seatwise's listener the way a browser would, and keeps the page it got back.
 */
export interface BrowserPage {
  status: number;
  html: string;
}

/** Follows redirects from the authorization URL until the one that goes to redirect_uri. */
export async function followToCallback(authorizationUrl: string): Promise<string> {
  const redirectUri = new URL(authorizationUrl).searchParams.get('redirect_uri');
  if (!redirectUri) throw new Error('the authorization URL has no redirect_uri');
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 20; hop += 1) {
    if (url.startsWith(`${redirectUri}?`)) return url;
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      url = new URL(location, url).href;
      continue;
    }
    throw new Error(`the authorization server answered ${res.status} at ${new URL(url).pathname}: ${await res.text()}`);
  }
  throw new Error('too many redirects');
}

/** The browser loading the loopback redirect. */
export async function openPage(url: string): Promise<BrowserPage> {
  const res = await fetch(url);
  return { status: res.status, html: await res.text() };
}

/** A fake `openBrowser` that signs in headlessly; `pages` resolves with what the tab showed. */
export function headlessBrowser(
  deliver: (callbackUrl: string) => Promise<BrowserPage[]> = async (callbackUrl) => [await openPage(callbackUrl)],
): { openBrowser: (url: string) => Promise<void>; pages: () => Promise<BrowserPage[]>; urls: string[]; callbackUrls: string[] } {
  let run: Promise<BrowserPage[]> | undefined;
  const urls: string[] = [];
  const callbackUrls: string[] = [];
  return {
    urls,
    callbackUrls,
    async openBrowser(url: string) {
      urls.push(url);
      run = followToCallback(url).then((callbackUrl) => {
        callbackUrls.push(callbackUrl);
        return deliver(callbackUrl);
      });
      run.catch(() => undefined);
    },
    pages: () => {
      if (!run) throw new Error('the browser was never opened');
      return run;
    },
  };
}
