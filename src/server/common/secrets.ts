import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const KEY_FILE = 'secret.key';
const IV_BYTES = 12;

/**
 * Returns the master secret: `BANGFU_SECRET` when set, otherwise a key file in the data directory,
 * generated on first start. Losing it makes encrypted personal data unreadable: back it up.
 */
export function loadMasterSecret(
  secret: string | undefined,
  dataDir: string,
): { secret: Buffer; source: string } {
  if (secret) {
    if (secret.length < 32) throw new Error('BANGFU_SECRET 至少需要 32 个字符');
    return { secret: Buffer.from(secret, 'utf8'), source: 'BANGFU_SECRET' };
  }
  const file = path.join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return { secret: Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), source: file };
}

/** Field encryption (AES-256-GCM) and keyed blind indexes (HMAC-SHA256), each with its own derived key. */
export class Vault {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;
  /** IVs are cut from one block of random bytes at a time: a call into the CSPRNG per field was 5 % of an import. */
  private ivBlock = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(master: Buffer) {
    this.encKey = Buffer.from(hkdfSync('sha256', master, 'bangfu', 'field-encryption-v1', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', master, 'bangfu', 'blind-index-v1', 32));
  }

  /** `v1.<iv>.<tag>.<ciphertext>` in base64url; a fresh IV each time. */
  encrypt(plain: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      'v1',
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      data.toString('base64url'),
    ].join('.');
  }

  /** 12 fresh random bytes, never handed out twice. */
  private nextIv(): Buffer {
    if (this.ivOffset + IV_BYTES > this.ivBlock.length) {
      this.ivBlock = randomBytes(IV_BYTES * 1024);
      this.ivOffset = 0;
    }
    this.ivOffset += IV_BYTES;
    return this.ivBlock.subarray(this.ivOffset - IV_BYTES, this.ivOffset);
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('无法识别的密文格式');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Deterministic keyed hash for equality look-ups of encrypted values; normalise input first. */
  blindIndex(value: string, purpose: string): string {
    return createHmac('sha256', this.indexKey).update(`${purpose}:${value}`).digest('base64url');
  }
}
