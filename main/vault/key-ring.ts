import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../errors.js';

export const SECRET_KEY_FILE_ENV = 'SEATWISE_SECRET_KEY_FILE';
export const SECRET_KEYS_ENV = 'SEATWISE_SECRET_KEYS';

/**
 * The keys that seal a team server's credentials: one per line, `KEY_ID BASE64_32_BYTES`,
 * the last line the current key (new secrets, and `seatwise secrets rotate`); older lines stay
 * until rotate has re-sealed everything with the current one. From SEATWISE_SECRET_KEY_FILE
 * (a file only its owner reads) or, for containers, SEATWISE_SECRET_KEYS with the same lines.
 */
export class KeyRing {
  private constructor(private readonly keys: Map<string, Buffer>, readonly currentId: string) {}

  static parse(text: string, source: string): KeyRing {
    const keys = new Map<string, Buffer>();
    let current: string | undefined;
    text.split(/\r?\n/).forEach((raw, index) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const [id, encoded, ...rest] = line.split(/\s+/);
      const where = `${source} line ${index + 1}`;
      if (!id || !encoded || rest.length || !/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw new AppError('invalid_input', `${where}: expected "KEY_ID BASE64_KEY" (the key itself is not shown).`);
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== 32) throw new AppError('invalid_input', `${where}: key ${id} is ${key.length} bytes; AES-256-GCM needs 32 (openssl rand -base64 32).`);
      if (keys.has(id)) throw new AppError('invalid_input', `${where}: key id ${id} is given twice.`);
      keys.set(id, key);
      current = id;
    });
    if (!current) throw new AppError('invalid_input', `${source} holds no key: add a line "k1 $(openssl rand -base64 32)".`);
    return new KeyRing(keys, current);
  }

  /** The server's keys from its environment; undefined when none is configured. */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): KeyRing | undefined {
    const file = env[SECRET_KEY_FILE_ENV];
    if (file) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new AppError('invalid_input', `${SECRET_KEY_FILE_ENV}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
      }
      if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
        throw new AppError('invalid_input', `${SECRET_KEY_FILE_ENV}: ${file} is readable by other users; make it its owner's only (chmod 600).`);
      }
      return KeyRing.parse(text, file);
    }
    const inline = env[SECRET_KEYS_ENV];
    return inline ? KeyRing.parse(inline, SECRET_KEYS_ENV) : undefined;
  }

  has(id: string): boolean {
    return this.keys.has(id);
  }

  /**
   * AES-256-GCM with a fresh 96-bit nonce; the account name is the additional data, so a sealed
   * value copied onto another account's row does not open.
   */
  seal(account: string, secret: string): { keyId: string; sealed: Buffer } {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(account, 'utf8'));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return { keyId: this.currentId, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]) };
  }

  open(account: string, keyId: string, sealed: Buffer): string {
    const key = this.keys.get(keyId);
    if (!key) throw new AppError('unavailable', `The credential for ${account} is sealed with key ${keyId}, which this server's key file no longer has: put it back, then run seatwise secrets rotate.`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAAD(Buffer.from(account, 'utf8'));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new AppError('unavailable', `The credential for ${account} does not open with key ${keyId}: it was changed or the key is not the one it was sealed with.`);
    }
  }
}
