const encoder = new TextEncoder();

// Shorter encoded cores would match unrelated text too often.
const MIN_ENCODED_CORE = 8;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * The base64 characters that depend on the secret's bytes alone, for each of the three
 * positions the secret can take within a longer encoded text (`"user:" & secret` encodes
 * the secret at an offset): the groups mixing in neighbouring bytes are left out.
 */
function base64Cores(bytes: Uint8Array): string[] {
  const cores = [base64(bytes)];
  for (let offset = 0; offset < 3; offset += 1) {
    const shifted = new Uint8Array(offset + bytes.length);
    shifted.set(bytes, offset);
    const encoded = base64(shifted);
    const start = offset === 0 ? 0 : 4;
    const end = Math.floor(shifted.length / 3) * 4;
    const core = encoded.slice(start, end);
    if (core.length >= MIN_ENCODED_CORE) cores.push(core);
  }
  return cores;
}

/**
 * The forms a secret value takes when a workflow encodes it: plain, base64 (standard and
 * URL-safe, at any byte offset), hex (both cases) and URL-encoded. Masking all of them keeps
 * `$base64encode($secret('X'))` and friends from showing the value.
 */
export function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const forms = new Set<string>([secret]);
  const bytes = encoder.encode(secret);
  for (const core of base64Cores(bytes)) {
    const trimmed = core.replace(/=+$/, '');
    forms.add(core);
    forms.add(trimmed.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  if (bytes.length * 2 >= MIN_ENCODED_CORE) {
    const lower = hex(bytes);
    forms.add(lower);
    forms.add(lower.toUpperCase());
  }
  forms.add(encodeURIComponent(secret));
  forms.add(encodeURIComponent(secret).replace(/%20/g, '+'));
  return [...forms].filter((form) => form !== '');
}
