import { createRequire } from 'node:module';
import type * as keytarModule from 'keytar';
import { KeychainUnavailableError, type SecretStore } from './secret-store.js';
import { rememberSecret } from './redact.js';

type Keytar = typeof keytarModule;

export const KEYCHAIN_SERVICE = 'Seatwise';

/** keytar is native: loading it lazily keeps the CLI's help and the tests that need no keychain fast. */
function loadKeytar(): Keytar {
  try {
    return createRequire(import.meta.url)('keytar') as Keytar;
  } catch (error) {
    throw new KeychainUnavailableError(`keytar could not be loaded: ${(error as Error).message}`);
  }
}

export class KeytarSecretStore implements SecretStore {
  private keytar: Keytar | undefined;

  constructor(private readonly service = KEYCHAIN_SERVICE) {}

  private async call<T>(run: (k: Keytar) => Promise<T>): Promise<T> {
    this.keytar ??= loadKeytar();
    try {
      return await run(this.keytar);
    } catch (error) {
      throw new KeychainUnavailableError((error as Error).message);
    }
  }

  async get(account: string): Promise<string | null> {
    const value = await this.call((k) => k.getPassword(this.service, account));
    rememberSecret(value);
    return value;
  }

  async set(account: string, secret: string): Promise<void> {
    rememberSecret(secret);
    await this.call((k) => k.setPassword(this.service, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    // A deleted secret stays in the redaction set: a revoked token is still not for display.
    return this.call((k) => k.deletePassword(this.service, account));
  }

  async list(): Promise<string[]> {
    const creds = await this.call((k) => k.findCredentials(this.service));
    return creds.map((c) => c.account);
  }
}
