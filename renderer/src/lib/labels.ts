import type { GrantType } from '../types.js';

/** Short names for the picker cards. */
export const GRANT_TYPE_SHORT: Record<GrantType, string> = {
  token: 'Access token',
  api_key: 'API key',
  client_credentials: 'OAuth client credentials',
  authorization_code: 'OAuth sign-in',
};

export const PROCESS_LABEL: Record<'download' | 'activity' | 'reclaim', string> = {
  download: 'Download seats',
  activity: 'Analyze activity',
  reclaim: 'Reclaim seats',
};
