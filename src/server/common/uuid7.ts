import { randomFillSync } from 'node:crypto';

/** Random bytes are cut from one block at a time (a call into the CSPRNG per id would cost more). */
const block = Buffer.alloc(10 * 1024);
let offset = block.length;

/**
 * A version-7 UUID (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest random.
 * Rows keyed by these go into a B-tree at its right-hand edge instead of at random pages: for tables
 * that grow by the thousand (an import's households, their decisions and family rows, and every
 * index on a `household_id` pointing at them), the index pages being written stay in memory.
 * The id reveals when it was made, as the row's own timestamp does.
 */
export function uuidv7(now: number = Date.now()): string {
  if (offset + 10 > block.length) {
    randomFillSync(block);
    offset = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(now, 0, 6);
  block.copy(bytes, 6, offset, offset + 10);
  offset += 10;
  bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
