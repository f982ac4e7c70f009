/** Entra ID speaks Microsoft Graph: the shared Graph settings for the HTTP client. */
import { graphHttpOptions } from '../microsoft-graph/http-options.js';
import type { VendorHttpOptions } from '../registry.js';

export const entraHttpOptions: VendorHttpOptions = graphHttpOptions;
