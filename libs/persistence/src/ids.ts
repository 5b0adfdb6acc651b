import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/**
 * Time-ordered ids (UUID version 7 layout): sorting by id is sorting by creation, which makes cursor
 * paging a plain `id > cursor` and keeps MySQL's clustered index append-only.
 */
export function newId(now: number = Date.now()): string {
  // Within one millisecond a counter in the random bits keeps ids strictly increasing in this process.
  if (now <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    sequence = randomBytes(2).readUInt16BE(0) & 0x7ff;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
