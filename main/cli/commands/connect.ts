/**
 * `seatwise connect PROFILE [--no-browser] [--timeout SECONDS]` and `seatwise disconnect PROFILE`.
 * The tokens go to the OS keychain only; the command prints "connected as X, expires at Y".
 */
import { DEFAULT_SIGNIN_TIMEOUT_MS } from '../../profiles/signin-timeout.js';
import { intFlag, parse } from '../args.js';
import type { CliContext, Command } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { say } from '../output.js';
import { readSecret } from '../secrets.js';

/** A profile name as a shell would need it in a command to copy. */
const quoted = (name: string): string => (/^[\w.@-]+$/.test(name) ? name : `"${name.replace(/(["\\$`])/g, '\\$1')}"`);

const CONNECT = 'connect';
const DISCONNECT = 'disconnect';

/**
 * A ConnectionService on the app's store and keychain, for the one call the contract cannot
 * carry: a browser sign-in with the terminal's own opener (print the URL) and timeout.
 */
async function openConnections(ctx: CliContext) {
  // Loaded when the command runs: the sign-in stack is not what `seatwise help` needs.
  const [{ ConnectionService, openInSystemBrowser }, { KeytarSecretStore }] = await Promise.all([import('../../profiles/connection-service.js'), import('../../vault/keytar-store.js')]);
  const vault = new KeytarSecretStore();
  const app = await ctx.openApp({ vault });
  const connections = new ConnectionService({ store: app.store, vault, events: app.events, profiles: app.profiles, now: () => new Date() });
  return { connections, openInSystemBrowser };
}

function oneProfile(command: string, positionals: string[]): string {
  const [name, ...extra] = positionals;
  if (!name) throw new UsageError(`${command} needs a profile name.`, command);
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".`, command);
  return name;
}

export const connectCommand: Command = {
  name: CONNECT,
  summary: "Sign in to a profile's vendor (browser sign-in or client credentials)",
  usage: 'seatwise connect PROFILE [--no-browser] [--timeout SECONDS]',
  examples: [
    'seatwise connect "Calendly"',
    'seatwise connect "Calendly" --no-browser --timeout 600',
    'SEATWISE_SECRET=$CLIENT_SECRET seatwise connect "Salesforce"',
  ],
  async run(ctx, argv) {
    const p = parse(CONNECT, argv, { 'no-browser': { type: 'boolean' }, timeout: { type: 'string' } });
    const name = oneProfile(CONNECT, p.positionals);
    const timeoutSeconds = intFlag(p, 'timeout', CONNECT, { min: 1, max: 86_400 });
    const timeoutMs = timeoutSeconds === undefined ? DEFAULT_SIGNIN_TIMEOUT_MS : timeoutSeconds * 1000;
    const noBrowser = p.values['no-browser'] === true;
    const clientSecret = await readSecret({ stdin: false, required: false, command: CONNECT });

    const { connections, openInSystemBrowser } = await openConnections(ctx);
    const profile = await ctx.call('profiles:get', { profileId: name });
    const grantType = profile.connection.grantType;
    if (grantType === 'token' || grantType === 'api_key') {
      throw new UsageError(
        `"${profile.name}" signs in with ${grantType === 'token' ? 'a personal access token' : 'an API key'}, not a browser sign-in: ` +
          `store a new one with "SEATWISE_SECRET=... seatwise profiles secret ${quoted(profile.name)}", check it with "seatwise profiles validate ${quoted(profile.name)}".`,
        CONNECT,
      );
    }

    const waitFor = timeoutMs < 120_000 ? `${timeoutMs / 1000} s` : `${Math.round(timeoutMs / 6000) / 10} min`;
    const openExternal = async (url: string): Promise<void> => {
      if (noBrowser) {
        process.stderr.write(`Open the address below in a browser and sign in. Waiting up to ${waitFor} for the answer...\n`);
        process.stdout.write(`${url}\n`);
        return;
      }
      process.stderr.write(`Opening your browser to sign in. If it does not open, visit:\n${url}\nWaiting up to ${waitFor}...\n`);
      await openInSystemBrowser(url);
    };

    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const detail = await connections.authorize({ profileId: profile.id, clientSecret }, { openExternal, timeoutMs, signal: controller.signal });
      const c = detail.connection;
      const who = c.connectedAs ? ` as ${c.connectedAs}` : '';
      const until = c.expiresAt ? `; the access expires at ${c.expiresAt}` : '';
      process.stdout.write(`Connected "${detail.name}"${who}${until}.\n`);
      return EXIT.ok;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  },
};

export const disconnectCommand: Command = {
  name: DISCONNECT,
  summary: 'Revoke a profile’s sign-in at the vendor and remove its secrets from the keychain',
  usage: [
    'seatwise disconnect PROFILE',
    '',
    'To connect again: "seatwise connect PROFILE" for a sign-in, or "seatwise profiles secret PROFILE" for a token or API key.',
  ].join('\n'),
  examples: ['seatwise disconnect "Calendly"'],
  async run(ctx, argv) {
    const p = parse(DISCONNECT, argv, {});
    const name = oneProfile(DISCONNECT, p.positionals);
    const profile = await ctx.call('profiles:get', { profileId: name });
    const aliases = [profile.connection.aliasId, ...profile.extraOrgs.map((o) => o.aliasId)];
    const errors: string[] = [];
    for (const aliasId of aliases) {
      const result = await ctx.call('connection:disconnect', { profileId: profile.id, aliasId });
      errors.push(...result.revokeErrors);
    }
    for (const line of errors) process.stderr.write(`warning: ${line}\n`);
    const back = profile.connection.grantType === 'token' || profile.connection.grantType === 'api_key' ? `seatwise profiles secret ${quoted(profile.name)}` : `seatwise connect ${quoted(profile.name)}`;
    say(`Disconnected "${profile.name}": its secrets were removed from the keychain${errors.length ? ' (the vendor did not confirm every revocation)' : ''}. To connect again: ${back}\n`);
    return EXIT.ok;
  },
};
