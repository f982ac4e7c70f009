/**
 * Where credentials live. The only implementation that ships is the OS keychain
 * (`keytar-store.ts`); there is deliberately no file fallback.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Accounts under Seatwise's service name, for cleanup after a failed connection. */
  list(): Promise<string[]>;
  /** Where the secrets are, as the audit says it ("the OS keychain" when absent). */
  readonly where?: string;
}

export const whereSecretsAre = (vault: SecretStore): string => vault.where ?? 'the OS keychain';

export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  constructor(detail: string) {
    super(
      `The OS keychain is not reachable, so Seatwise cannot store credentials (${detail}). ` +
        'On Linux, start a Secret Service such as gnome-keyring; secrets are never written to a file.',
    );
  }
}

/** Keychain account names: one per alias and kind, so removing an alias removes all of it. */
export const secretAccount = (aliasId: string, kind: string): string => `${aliasId}:${kind}`;
