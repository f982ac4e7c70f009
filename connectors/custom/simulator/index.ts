/** The custom-app simulators: a SCIM 2.0 server and a generic REST app. */
export { startScimSimulator, scimErrorBody, scimUser, SCIM_BASE_PATH, type ScimSimulatorHandle, type ScimSimulatorOptions } from './scim.js';
export { startRestAppSimulator, REST_BASE_PATH, type RestAppSimulatorHandle, type RestAppSimulatorOptions } from './rest.js';
export { seedCustomOrg, CUSTOM_PLANS, CUSTOM_FREE_PLANS, type CustomOrg, type CustomSeedUser, type CustomSeedOptions, type CustomPlan } from './seed.js';
