import { maskLabel } from './mask-label';

/**
 * Realistic payloads with sensitive values planted in them, for the masking corpus test.
 * `{{kind:value}}` marks a planted value; `expected` is the payload as masking must leave
 * it (each planted value replaced by its rule's label, nothing else changed).
 */
export interface CorpusCase {
  name: string;
  payload: unknown;
  expected: unknown;
  planted: string[];
}

export const CORPUS_SECRETS = ['sk_live_9fQ2xPz7LmW4', 'hunter2-Correct-Horse', 'db-p@ss w0rd!'];
export const CORPUS_CUSTOM = [
  { name: 'ssn', kind: 'pattern' as const, expression: '\\b\\d{3}-\\d{2}-\\d{4}\\b' },
  { name: 'password', kind: 'path' as const, expression: '**.password' },
  { name: 'cvv', kind: 'path' as const, expression: 'payment.card.cvv' },
];

const cards = ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005', '6011000990139424'];
const ibans = [
  'DE89 3704 0044 0532 0130 00',
  'GB82WEST12345698765432',
  'FR1420041010050500013M02606',
];
const emails = [
  'ada.lovelace@example.com',
  'billing+eu@shop.example.co.uk',
  'o.brien@mail.example.org',
];
const jwts = [
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4iLCJleHAiOjE5MDAwMDAwMDB9.',
];
const bearers = ['ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'ya29.a0AfH6SMBx-tok_en.Value'];
const ssns = ['123-45-6789', '987-65-4320'];

/** Harmless lookalikes: none may change. */
export const CORPUS_LOOKALIKES = [
  { order: '4111 1111 1111 1112', note: 'fails Luhn' },
  {
    phone: '+44 20 7946 0958',
    date: '2026-12-07T12:00:00Z',
    id: '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
  },
  { text: 'Bearer bonds are paper', sha: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
  { iban: 'DE00 0000 0000 0000 0000 00', note: 'checksum fails' },
  { at: 'meet @ noon', handle: '@ada', version: '1.2.3-rc.4' },
  { amounts: [12.5, 1999, 4111111111111111], ok: true, nothing: null },
];

const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
const hex = (text: string) =>
  [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join('');

type Plant = [rule: string, value: string];

function make(
  name: string,
  build: (p: (rule: string, value: string) => string) => unknown,
): CorpusCase {
  const planted: Plant[] = [];
  const payload = build((rule, value) => {
    planted.push([rule, value]);
    return value;
  });
  const labels: Plant[] = [];
  const expected = build((rule, value) => {
    labels.push([rule, value]);
    return maskLabel(rule);
  });
  return {
    name,
    payload,
    expected,
    planted: [...new Set([...planted, ...labels].map(([, v]) => v))],
  };
}

function cases(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const card of cards) {
    out.push(
      make(`checkout with card ${card}`, (p) => ({
        order: { id: 'ord_1842', total: 42.5, currency: 'EUR' },
        payment: {
          method: 'card',
          number: p('card', card),
          holder: 'A. Lovelace',
          expiry: '12/29',
        },
      })),
      make(`card in a log message ${card}`, (p) => ({
        level: 'warn',
        message: `Charge declined for card ${p('card', card)} (insufficient funds)`,
      })),
    );
  }
  for (const iban of ibans) {
    out.push(
      make(`payout to ${iban}`, (p) => ({
        payout: { beneficiary: 'ACME GmbH', iban: p('iban', iban), amount: 1200 },
      })),
      make(`sepa note ${iban}`, (p) => `SEPA transfer to ${p('iban', iban)} scheduled for Friday`),
    );
  }
  for (const email of emails) {
    out.push(
      make(`signup ${email}`, (p) => ({
        event: 'user.created',
        user: { id: 7, email: p('email', email), plan: 'pro', tags: ['beta'] },
      })),
      make(`mail header ${email}`, (p) => ({
        headers: { from: `Shop <${p('email', email)}>`, subject: 'Your receipt #1842' },
      })),
      make(`error text ${email}`, (p) => ({
        error: { message: `Mailbox ${p('email', email)} is full`, code: 552 },
      })),
    );
  }
  for (const jwt of jwts) {
    out.push(
      make('jwt in a cookie', (p) => ({ cookieValue: `session=${p('bearer', jwt)}; Path=/` })),
      make('jwt in a bearer header', (p) => ({
        request: {
          url: 'https://api.example.com/v1/me',
          headers: { auth: `Bearer ${p('bearer', jwt)}` },
        },
      })),
    );
  }
  for (const token of bearers) {
    out.push(
      make('bearer header', (p) => ({
        headers: { auth: `Bearer ${p('bearer', token)}` },
        status: 401,
      })),
      make('curl line in a log', (p) => [
        `curl -H "Authorization: bearer ${p('bearer', token)}" https://x.test`,
      ]),
    );
  }
  for (const secret of CORPUS_SECRETS) {
    out.push(
      make('secret in an output', (p) => ({
        apiResult: { used: p('credentials', secret), ok: true },
      })),
      make('secret base64 encoded', (p) => ({ encoded: p('credentials', b64(secret)) })),
      make('secret hex encoded', (p) => ({ digest: p('credentials', hex(secret)) })),
      make('secret URL encoded', (p) => ({
        url: `https://hooks.example.com/in?key=${p('credentials', encodeURIComponent(secret))}&v=2`,
      })),
      make('secret in an error', (p) => ({
        error: { message: `Login with "${p('credentials', secret)}" refused`, retryable: false },
      })),
      make('secret as a key', (p) => ({ [p('credentials', secret)]: 'seen as a key' })),
    );
  }
  for (const ssn of ssns) {
    out.push(
      make('custom pattern in a form', (p) => ({
        form: { name: 'Grace', ssn: p('ssn', ssn), age: 41 },
      })),
    );
  }
  out.push(
    make('password at any depth', (p) => ({
      user: { name: 'ada', password: p('password', 'Tr0ub4dor&3') },
      nested: [{ deep: { password: p('password', 'correct horse') } }],
    })),
    make('cvv by exact path', (p) => ({
      payment: { card: { cvv: p('cvv', '737'), brand: 'visa' } },
      cvv: 'kept: not at that path',
    })),
    make('webhook payload with several kinds', (p) => ({
      body: {
        customer: { email: p('email', 'grace@example.net'), iban: p('iban', 'NL91ABNA0417164300') },
        card: p('card', '4012888888881881'),
        note: 'call back tomorrow',
      },
      query: { token: p('credentials', CORPUS_SECRETS[0]!) },
    })),
  );
  return out;
}

export const CORPUS: readonly CorpusCase[] = cases();
