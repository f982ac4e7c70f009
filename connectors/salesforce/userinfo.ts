/**
 * Who Seatwise is connected as: GET {instance}/services/oauth2/userinfo.
 *
 * The identity endpoints answer a timed-out session with 403 and the bare text
 * "Bad_OAuth_Token", not the REST API's 401 INVALID_SESSION_ID, so the HTTP client would
 * not know to refresh. One cheap REST call takes the client's 401 path (refresh once) and
 * the question is asked again.
 */
import type { z } from 'zod';
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import { idRecordSchema, parseSalesforce, salesforceErrorMessage, userinfoSchema } from './api.js';
import { SALESFORCE_OAUTH_PATHS } from './descriptor.js';
import { soqlFirstPage } from './query.js';
import { sfRequest } from './sf-request.js';

const LABEL = `GET ${SALESFORCE_OAUTH_PATHS.userinfo}`;
const TOKEN_REFUSED = /^(Bad_OAuth_Token|Missing_OAuth_Token)$/;

export type Userinfo = z.infer<typeof userinfoSchema>;

export async function fetchUserinfo(http: HttpClient): Promise<Userinfo> {
  const ask = () => sfRequest(http, { url: SALESFORCE_OAUTH_PATHS.userinfo, acceptStatus: [403] });
  let res = await ask();
  if (res.status === 403 && tokenRefused(res.body)) {
    await soqlFirstPage({ http, soql: 'SELECT Id FROM User LIMIT 1', item: idRecordSchema, what: 'users' });
    res = await ask();
  }
  if (res.status === 403) {
    const message = salesforceErrorMessage(res.body) ?? 'HTTP 403';
    throw tokenRefused(res.body)
      ? new ConnectorError('unauthorized', `Salesforce did not accept the session (${LABEL}): ${message}. Reconnect the account.`, {
          status: 403,
          vendorMessage: message,
        })
      : new ConnectorError(
          'forbidden',
          `Salesforce refused to say who is connected (${LABEL}): ${message}. Add the "Access the identity URL service (id, profile, email, address, phone)" scope to the Seatwise app.`,
          { status: 403, vendorMessage: message },
        );
  }
  return parseSalesforce(userinfoSchema, res.body, LABEL);
}

function tokenRefused(body: unknown): boolean {
  return typeof body === 'string' && TOKEN_REFUSED.test(body.trim());
}
