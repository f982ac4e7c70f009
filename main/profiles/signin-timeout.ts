/** How long the person has to finish the sign-in in the browser, unless told otherwise. */
export const DEFAULT_SIGNIN_TIMEOUT_MS = 300_000;
