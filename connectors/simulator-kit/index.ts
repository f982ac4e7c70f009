/** Building blocks for vendor simulators. See README.md. */
export { startSimulator, type SimulatorHandle, type SimulatorOptions } from './server.js';
export { Router, type RouteHandler, type RouteOptions, type RouteMatch } from './router.js';
export { json, text, empty, SimError, type SimRequest, type SimResponse } from './responses.js';
export { bearerToken, hasBearer } from './auth.js';
export { defaultKnobs, type SimulatorKnobs, type RateLimitKnob, type RateLimitHeaderStyle } from './knobs.js';
export { FixedWindowLimiter, type RateDecision } from './rate-limit.js';
export { SimulatorStats, type RequestLogEntry, type FaultKind } from './stats.js';
export { Rng, hashString } from './rng.js';
export { generatePeople, startOfUtcDay, type Person, type PeopleOptions } from './people.js';
export { asciiFold, FEATURED_PEOPLE } from './names.js';
export { FakeClock } from './fake-clock.js';
export { pkceMatches, redirectAllowed, safeEqual } from './oauth.js';
