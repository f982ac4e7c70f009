/**
 * "Connected as": who the credential signs in as, in the words the screens and the CLI show.
 * Some credentials name no user at all (a SCIM bearer token, an app token): their connector
 * answers whoami with the server's host in place of a person, which would read as if the
 * host were the user. Such a credential is said to be what it is.
 */
import type { Whoami } from '../../connectors/types.js';

/** Whether whoami named the server rather than a person: no email, and the "name" is the org. */
export function namesNoUser(me: Whoami): boolean {
  if (me.email) return false;
  const name = me.name.trim();
  return name === '' || name === me.orgId || name === me.orgName;
}

/** `Ada Admin <ada@example.com>`, or `a token that names no user (scim.example.com)`. */
export function connectedAsText(me: Whoami): string {
  if (namesNoUser(me)) {
    const where = me.orgName ?? me.orgId;
    return where ? `a token that names no user (${where})` : 'a token that names no user';
  }
  if (me.email && me.name && me.name !== me.email) return `${me.name} <${me.email}>`;
  return me.email ?? me.name;
}

/**
 * "Connected as" as stored on an alias, for the screens: a sync records whoami as it comes
 * (the server's host for a credential that names no user); that is said for what it is here.
 */
export function shownConnectedAs(connectedAs: string | undefined, baseUrl: string): string | undefined {
  if (connectedAs === undefined) return undefined;
  let host: string | undefined;
  try {
    host = new URL(baseUrl).host;
  } catch {
    host = undefined;
  }
  return host !== undefined && connectedAs === host ? `a token that names no user (${host})` : connectedAs;
}
