import { bytesToHex } from '@chartproof/ledger';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, ProtocolError } from './codec.js';
import { Limits, type Message, type MessageType, PROTOCOL_VERSION } from './messages.js';

const MAX = 1 << 20;

const hex = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => bytesToHex(b));
const h32 = hex(32);
const sig = hex(64);
const header = hex(124);
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const peerUrl = fc
  .tuple(fc.constantFrom('ws', 'wss'), fc.domain(), fc.option(fc.integer({ min: 1, max: 65535 })))
  .map(([s, host, port]) => `${s}://${host}${port === null ? '' : `:${port}`}`)
  .filter((u) => u.length <= 200);
const shortArray = <T>(a: fc.Arbitrary<T>, max: number) => fc.array(a, { maxLength: Math.min(max, 8) });
const ack = fc.record({ validator: h32, height: u32, hash: h32, sig });
const json = fc.jsonValue({ maxDepth: 3 });

/** One generator per message type: every valid message of the protocol, within its limits. */
const byType: { [T in MessageType]: fc.Arbitrary<Extract<Message, { type: T }>> } = {
  hello: fc.record({
    type: fc.constant('hello' as const),
    protocol: fc.integer(),
    genesis: h32,
    node_key: h32,
    challenge: h32,
    tip: fc.record({
      height: fc.nat(),
      hash: h32,
      work: fc.bigInt({ min: 1n, max: (1n << 256n) - 1n }).map((w) => w.toString(16)),
    }),
    listen: fc.option(peerUrl),
    validator: fc.boolean(),
    agent: fc.string({ maxLength: 64 }),
  }) as never,
  hello_ack: fc.record({ type: fc.constant('hello_ack' as const), sig }) as never,
  ping: fc.record({ type: fc.constant('ping' as const), nonce: fc.maxSafeNat() }),
  pong: fc.record({ type: fc.constant('pong' as const), nonce: fc.maxSafeNat() }),
  getaddr: fc.constant({ type: 'getaddr' as const }),
  addr: fc.record({ type: fc.constant('addr' as const), peers: shortArray(peerUrl, Limits.MAX_ADDRS) }),
  inv: fc.record({ type: fc.constant('inv' as const), txs: shortArray(h32, Limits.MAX_INV) }) as never,
  getdata: fc.record({
    type: fc.constant('getdata' as const),
    txs: shortArray(h32, Limits.MAX_INV),
    blocks: shortArray(h32, Limits.MAX_GETDATA_BLOCKS),
  }) as never,
  txs: fc.record({ type: fc.constant('txs' as const), txs: shortArray(json, Limits.MAX_TXS_PER_MESSAGE) }),
  getheaders: fc.record({
    type: fc.constant('getheaders' as const),
    locator: fc.array(h32, { minLength: 1, maxLength: 12 }),
  }) as never,
  headers: fc.record({
    type: fc.constant('headers' as const),
    headers: shortArray(header, Limits.MAX_HEADERS),
  }),
  announce: fc.record({
    type: fc.constant('announce' as const),
    headers: fc.array(header, { minLength: 1, maxLength: Limits.MAX_ANNOUNCE }),
  }) as never,
  block: fc.record({
    type: fc.constant('block' as const),
    block: fc.record({ header, signature: sig, txs: shortArray(json, 4) }),
  }) as never,
  notfound: fc.record({
    type: fc.constant('notfound' as const),
    txs: shortArray(h32, Limits.MAX_INV),
    blocks: shortArray(h32, Limits.MAX_GETDATA_BLOCKS),
  }) as never,
  acks: fc.record({
    type: fc.constant('acks' as const),
    acks: shortArray(ack, Limits.MAX_ACKS_PER_MESSAGE),
  }) as never,
  reject: fc.record({
    type: fc.constant('reject' as const),
    code: fc.string({ maxLength: 64 }),
    reason: fc.string({ maxLength: 500 }),
  }),
};
const TYPES = Object.keys(byType) as MessageType[];
const anyMessage: fc.Arbitrary<Message> = fc.oneof(...TYPES.map((t) => byType[t] as fc.Arbitrary<Message>));

function decodeError(frame: string, max = MAX): ProtocolError {
  try {
    decodeMessage(frame, max);
  } catch (e) {
    if (e instanceof ProtocolError) return e;
    throw e;
  }
  throw new Error(`decoded: ${frame.slice(0, 80)}`);
}

describe('decodeMessage', () => {
  it.each(TYPES)('round-trips every valid %s message', (type) => {
    fc.assert(
      fc.property(byType[type] as fc.Arbitrary<Message>, (m) => {
        const frame = encodeMessage(m);
        const back = decodeMessage(frame, MAX);
        expect(back).toEqual(JSON.parse(frame));
        expect(encodeMessage(back)).toBe(frame);
      }),
      { numRuns: 60 },
    );
  });

  it('never throws anything but a ProtocolError on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) => {
        try {
          decodeMessage(s, MAX);
        } catch (e) {
          expect(e).toBeInstanceOf(ProtocolError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws anything but a ProtocolError on arbitrary JSON, even with a known type', () => {
    const hostile = fc.oneof(
      fc.json({ maxDepth: 4 }),
      fc
        .tuple(
          fc.constantFrom(...TYPES, 'nope', '__proto__', 'constructor'),
          fc.dictionary(fc.string(), json),
        )
        .map(([type, rest]) => JSON.stringify({ ...rest, type })),
      // A valid message with one field replaced by an arbitrary value.
      fc.tuple(anyMessage, json).map(([m, v]) => {
        const keys = Object.keys(m).filter((k) => k !== 'type');
        const obj: Record<string, unknown> = { ...m };
        if (keys.length > 0) obj[keys[v === null ? 0 : JSON.stringify(v).length % keys.length]!] = v;
        return JSON.stringify(obj);
      }),
    );
    fc.assert(
      fc.property(hostile, (s) => {
        try {
          const m = decodeMessage(s, MAX);
          expect(TYPES).toContain(m.type);
        } catch (e) {
          expect(e).toBeInstanceOf(ProtocolError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a frame over the size limit before parsing it', () => {
    const frame = encodeMessage({ type: 'ping', nonce: 1 });
    expect(decodeError(frame, frame.length - 1).code).toBe('FRAME_TOO_LARGE');
    expect(decodeMessage(frame, frame.length)).toEqual({ type: 'ping', nonce: 1 });
    expect(decodeError(`{${' '.repeat(100)}`, 50).code).toBe('FRAME_TOO_LARGE');
  });

  it('names what was wrong: bad JSON, unknown type, unknown field, wrong field', () => {
    expect(decodeError('{"type":').code).toBe('BAD_JSON');
    expect(decodeError('[]').code).toBe('BAD_MESSAGE');
    expect(decodeError('null').code).toBe('BAD_MESSAGE');
    expect(decodeError('{"type":"nope"}').code).toBe('BAD_MESSAGE');
    const extra = decodeError('{"type":"ping","nonce":1,"extra":true}');
    expect(extra.code).toBe('BAD_MESSAGE');
    expect(extra.message).toMatch(/^message ping: /);
    expect(decodeError('{"type":"ping","nonce":-1}').message).toMatch(/^message ping: nonce: /);
    expect(decodeError('{"type":"inv","txs":["AB"]}').message).toMatch(/txs\.0/);
  });

  it('survives deeply nested JSON', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(decodeError(deep, 1e6).code).toMatch(/BAD_JSON|BAD_MESSAGE/);
    const inTxs = `{"type":"txs","txs":[${deep}]}`;
    // Passes the schema (txs are checked one by one later), and must not blow the stack here.
    expect(() => decodeMessage(inTxs, 1e6)).not.toThrow(RangeError);
  });

  it('enforces the count limits of Bitcoin Core and ours', () => {
    const h = 'a'.repeat(64);
    const hdr = '0'.repeat(248);
    const ok = (m: unknown) => decodeMessage(JSON.stringify(m), 1e8);
    const bad = (m: unknown) => decodeError(JSON.stringify(m), 1e8).code;
    ok({ type: 'headers', headers: Array(Limits.MAX_HEADERS).fill(hdr) });
    expect(bad({ type: 'headers', headers: Array(Limits.MAX_HEADERS + 1).fill(hdr) })).toBe('BAD_MESSAGE');
    ok({ type: 'getheaders', locator: Array(Limits.MAX_LOCATOR).fill(h) });
    expect(bad({ type: 'getheaders', locator: Array(Limits.MAX_LOCATOR + 1).fill(h) })).toBe('BAD_MESSAGE');
    expect(bad({ type: 'getheaders', locator: [] })).toBe('BAD_MESSAGE');
    ok({ type: 'getdata', txs: [], blocks: Array(Limits.MAX_GETDATA_BLOCKS).fill(h) });
    expect(bad({ type: 'getdata', txs: [], blocks: Array(Limits.MAX_GETDATA_BLOCKS + 1).fill(h) })).toBe(
      'BAD_MESSAGE',
    );
    expect(bad({ type: 'inv', txs: Array(Limits.MAX_INV + 1).fill(h) })).toBe('BAD_MESSAGE');
    expect(bad({ type: 'txs', txs: Array(Limits.MAX_TXS_PER_MESSAGE + 1).fill({}) })).toBe('BAD_MESSAGE');
    expect(bad({ type: 'addr', peers: Array(Limits.MAX_ADDRS + 1).fill('ws://a:1') })).toBe('BAD_MESSAGE');
    expect(bad({ type: 'addr', peers: ['http://a:1'] })).toBe('BAD_MESSAGE');
    expect(bad({ type: 'headers', headers: ['0'.repeat(246)] })).toBe('BAD_MESSAGE');
    expect(bad({ type: 'reject', code: 'x'.repeat(65), reason: '' })).toBe('BAD_MESSAGE');
    expect(PROTOCOL_VERSION).toBe(1);
  });
});
