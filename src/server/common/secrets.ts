import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const KEY_FILE = 'secret.key';
const IV_BYTES = 12;
const FILE_MAGIC = Buffer.from('BFE1', 'ascii');
const FILE_HEADER_BYTES = FILE_MAGIC.length + IV_BYTES + 16;

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
  // Key objects rather than buffers: the key is not copied into each cipher again (an import seals
  // three or four values per household).
  private readonly encKey: KeyObject;
  private readonly indexKey: KeyObject;
  private readonly fileKey: KeyObject;
  /** IVs are cut from one block of random bytes at a time: a call into the CSPRNG per field was 5 % of an import. */
  private ivBlock = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(master: Buffer) {
    const derive = (info: string) =>
      createSecretKey(Buffer.from(hkdfSync('sha256', master, 'bangfu', info, 32)));
    this.encKey = derive('field-encryption-v1');
    this.indexKey = derive('blind-index-v1');
    this.fileKey = derive('file-encryption-v1');
  }

  /** `v1.<iv>.<tag>.<ciphertext>` in base64url; a fresh IV each time. */
  encrypt(plain: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    // GCM is a stream mode: `final` adds no bytes, it computes the tag.
    const data = cipher.update(plain, 'utf8');
    cipher.final();
    return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
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

  /** Bytes of a stored file, sealed: `BFE1` ‖ IV (12) ‖ tag (16) ‖ AES-256-GCM ciphertext. */
  sealBytes(data: Buffer): Buffer {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.fileKey, iv);
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    return Buffer.concat([FILE_MAGIC, iv, cipher.getAuthTag(), body]);
  }

  /** Whether stored bytes were sealed by `sealBytes` (files stored before encryption are not). */
  static isSealed(stored: Buffer): boolean {
    return stored.length >= FILE_HEADER_BYTES && stored.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC);
  }

  openBytes(stored: Buffer): Buffer {
    if (!Vault.isSealed(stored)) throw new Error('无法识别的加密文件格式');
    const iv = stored.subarray(FILE_MAGIC.length, FILE_MAGIC.length + IV_BYTES);
    const tag = stored.subarray(FILE_MAGIC.length + IV_BYTES, FILE_HEADER_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.fileKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(stored.subarray(FILE_HEADER_BYTES)), decipher.final()]);
  }

  /** Deterministic keyed hash for equality look-ups of encrypted values; normalise input first. */
  blindIndex(value: string, purpose: string): string {
    return createHmac('sha256', this.indexKey).update(`${purpose}:${value}`).digest('base64url');
  }

  /**
   * A short keyed fingerprint of a sensitive value, for audit entries: equal values print alike, so an
   * entry shows that a sealed value changed (a bank account with the same last four digits) without
   * holding it; without the key it can be neither reversed nor checked against a guess.
   */
  fingerprint(value: string): string {
    return this.blindIndex(value, 'audit-fingerprint').slice(0, 12);
  }
}
