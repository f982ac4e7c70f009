/** What connectors/registry.ts lists for GitHub Copilot: the descriptor, the factory and the HTTP settings. */
import type { ConnectorEntry } from '../registry.js';
import { createGithubConnector } from './connector.js';
import { githubDescriptor } from './descriptor.js';
import { githubHttpOptions } from './http-options.js';

export const githubEntry: ConnectorEntry = { descriptor: githubDescriptor, create: (ctx) => createGithubConnector(ctx), http: githubHttpOptions };
