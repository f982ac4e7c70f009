/** Replaced at build time from package.json; the fallback serves tests run from source. */
declare const __SEATWISE_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __SEATWISE_VERSION__ === 'string' ? __SEATWISE_VERSION__ : '0.1.0-dev';
