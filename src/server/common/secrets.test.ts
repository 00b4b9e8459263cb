import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordWeakness, verifyPassword } from './password';
import { loadMasterSecret, Vault } from './secrets';

describe('vault', () => {
  const vault = new Vault(Buffer.from('x'.repeat(32)));

  it('encrypts with a fresh IV each time and decrypts back', () => {
    const a = vault.encrypt('110105199001011234');
    const b = vault.encrypt('110105199001011234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1101051990');
    expect(vault.decrypt(a)).toBe('110105199001011234');
  });

  it('never hands out an IV twice, also across its blocks of random bytes', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const sealed = vault.encrypt(`138${i}`);
      ivs.add(sealed.split('.')[1]!);
      expect(vault.decrypt(sealed)).toBe(`138${i}`);
    }
    expect(ivs.size).toBe(3000);
  });

  it('detects tampered ciphertext', () => {
    const sealed = vault.encrypt('13812341234');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0] = data[0]! ^ 1;
    parts[3] = data.toString('base64url');
    expect(() => vault.decrypt(parts.join('.'))).toThrow();
  });

  it('gives stable blind indexes that depend on the key and the purpose', () => {
    const other = new Vault(Buffer.from('y'.repeat(32)));
    expect(vault.blindIndex('110105199001011234', 'id')).toBe(vault.blindIndex('110105199001011234', 'id'));
    expect(vault.blindIndex('110105199001011234', 'id')).not.toBe(
      vault.blindIndex('110105199001011234', 'phone'),
    );
    expect(vault.blindIndex('110105199001011234', 'id')).not.toBe(
      other.blindIndex('110105199001011234', 'id'),
    );
  });

  it('creates a private key file on first use and reuses it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bangfu-key-'));
    const first = loadMasterSecret(undefined, dir);
    const second = loadMasterSecret(undefined, dir);
    expect(first.secret.equals(second.secret)).toBe(true);
    expect(first.secret.length).toBe(32);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, 'secret.key'), 'utf8')).not.toBe('');
    expect(() => loadMasterSecret('too-short', dir)).toThrow(/32/);
  });
});

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies', async () => {
    const hash = await hashPassword('Good@2026');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toBe(await hashPassword('Good@2026'));
    expect(await verifyPassword('Good@2026', hash)).toBe(true);
    expect(await verifyPassword('Good@2027', hash)).toBe(false);
  });

  it('explains weak passwords in Chinese', () => {
    expect(passwordWeakness('Ab1!')).toBe('密码至少需要 8 位');
    expect(passwordWeakness('abcdefgh1')).toMatch(/至少三类/);
    expect(passwordWeakness('Abcdefg1')).toBeNull();
  });
});
