/**
 * Salesforce's daily API allowance. When an org has spent it, every call answers 403
 * REQUEST_LIMIT_EXCEEDED until the rolling 24 hours free some up: retrying only burns more
 * of the next day's allowance, so the run stops at once and says so.
 */
import { ConnectorError } from '../http/errors.js';
import { salesforceErrorCodes, salesforceErrorMessage } from './api.js';

export const REQUEST_LIMIT_EXCEEDED = 'REQUEST_LIMIT_EXCEEDED';

export function isRequestLimitExceeded(status: number, body: unknown): boolean {
  return status === 403 && salesforceErrorCodes(body).includes(REQUEST_LIMIT_EXCEEDED);
}

/**
 * "10018/100000" from `Sforce-Limit-Info: api-usage=10018/100000`. The header may also carry
 * per-app usage ("per-app-api-usage=17/250(appName=x)"), which is not the org's allowance.
 */
export function apiUsage(headers: Headers | undefined): string | undefined {
  const info = headers?.get('sforce-limit-info');
  return info ? /(?:^|[\s;,])api-usage=(\d+\/\d+)/.exec(info)?.[1] : undefined;
}

export function limitExceededError(body: unknown, headers?: Headers): ConnectorError {
  const usage = apiUsage(headers);
  const detail = usage ? `api-usage ${usage} from Sforce-Limit-Info` : 'Salesforce did not report the usage';
  return new ConnectorError(
    'limit_exceeded',
    `Salesforce's daily API limit for this org is used up (${detail}); Seatwise stopped and will try again at the next scheduled run.`,
    { status: 403, retryable: false, vendorMessage: salesforceErrorMessage(body) },
  );
}
