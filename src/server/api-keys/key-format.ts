import { randomInt } from 'node:crypto';

/**
 * The shape of an API key: `mf_`, 32 random base62 characters (about 190 bits), then 6
 * base62 check characters (CRC-32 of the random part). The fixed prefix and the checksum let
 * secret scanners recognise a leaked key without a database, and let the server refuse a
 * mistyped one without a lookup.
 */
export const KEY_PREFIX = 'mf_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_CHARS = 32;
const CHECK_CHARS = 6;
/** How much of a key is stored and shown to tell keys apart (`mf_` and 8 random characters). */
const DISPLAY_CHARS = KEY_PREFIX.length + 8;

export const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${RANDOM_CHARS + CHECK_CHARS}}$`);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    out = BASE62[rest % 62]! + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

function checkDigits(random: string): string {
  return base62(crc32(random), CHECK_CHARS);
}

/** A new key; shown to its creator once and never stored. */
export function generateKey(): string {
  let random = '';
  for (let i = 0; i < RANDOM_CHARS; i++) random += BASE62[randomInt(62)];
  return `${KEY_PREFIX}${random}${checkDigits(random)}`;
}

/** Whether `text` has a key's shape and its check digits match. */
export function isWellFormedKey(text: string): boolean {
  if (!KEY_PATTERN.test(text)) return false;
  const random = text.slice(KEY_PREFIX.length, KEY_PREFIX.length + RANDOM_CHARS);
  return text.slice(KEY_PREFIX.length + RANDOM_CHARS) === checkDigits(random);
}

export function displayPrefix(key: string): string {
  return key.slice(0, DISPLAY_CHARS);
}
