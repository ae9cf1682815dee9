/**
 * The Dialer's rules with no socket: `open` records the URLs it is asked to dial, the test plays
 * the connections' outcomes back (handshake proved, connection ended) as PeerManager would, and
 * fake timers drive the backoffs. The same rules run against real sockets in
 * test/peer-addresses.int.test.ts.
 */
import type { PublicKey } from '@chartproof/ledger';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AddressBookLimits } from './address-book.js';
import { Dialer } from './dialer.js';
import type { Peer } from './peer.js';

const VALIDATOR = 'aa'.repeat(32) as PublicKey;
const url = (i: number) => `ws://127.0.0.1:${20_000 + i}`;

/** What PeerManager would hold: the connections open now, ready or not. */
interface Conn {
  url: string | null;
  key: PublicKey | null;
  ready: boolean;
}

function setup(maxOutbound = 4) {
  const opened: string[] = [];
  const conns: Conn[] = [];
  const dialer = new Dialer(
    {
      listenUrl: url(0),
      maxOutbound,
      reconnectBaseMs: 100,
      reconnectMaxMs: 1000,
      allowPlaintextRemote: false,
      isValidator: (k) => k === VALIDATOR,
    },
    {
      readyPeers: () => conns.filter((c) => c.ready) as unknown as Peer[],
      open: (u) => {
        opened.push(u);
        conns.push({ url: u, key: null, ready: false });
      },
    },
    pino({ level: 'silent' }),
  );
  const last = (u: string) => conns.findLast((c) => c.url === u)!;
  /** The latest dial to `u` completed the handshake as `key`. */
  const prove = (u: string, key: PublicKey) => {
    const c = last(u);
    c.key = key;
    c.ready = true;
    dialer.proved(c as unknown as Peer, key);
  };
  /** The latest connection to `u` ended (refused, or dropped after it was ready). */
  const end = (u: string) => {
    const c = last(u);
    conns.splice(conns.indexOf(c), 1);
    dialer.ended(c as unknown as Peer);
    if (c.key !== null) dialer.left(c.key, c.url);
  };
  const inbound = (key: PublicKey, listen: string) => {
    const c = { url: null, key, ready: true, hello: { listen } };
    conns.push(c);
    return c;
  };
  const dials = (u: string) => opened.filter((x) => x === u).length;
  return { dialer, opened, conns, prove, end, inbound, dials };
}

describe('Dialer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('redials a configured peer whatever an inbound peer claims as its listen URL', () => {
    const t = setup();
    t.dialer.addConfigured(url(1));
    t.prove(url(1), VALIDATOR);
    // An outsider with a key of its own claims url(1).
    t.inbound('bb'.repeat(32) as PublicKey, url(1));
    t.end(url(1));
    vi.advanceTimersByTime(2000);
    expect(t.dials(url(1))).toBe(2);
  });

  it('does not redial a URL while the key proven there is connected inbound, and redials once it leaves', () => {
    const t = setup();
    t.dialer.addConfigured(url(1));
    t.prove(url(1), VALIDATOR);
    const v = t.inbound(VALIDATOR, url(1));
    t.end(url(1));
    vi.advanceTimersByTime(5000);
    expect(t.dials(url(1))).toBe(1);
    t.conns.splice(t.conns.indexOf(v), 1);
    t.dialer.left(VALIDATOR, null);
    vi.advanceTimersByTime(300);
    expect(t.dials(url(1))).toBe(2);
  });

  it('gives learned addresses only the slots configured peers leave, and configured peers always theirs', () => {
    const t = setup(3);
    t.dialer.addConfigured(url(1));
    t.dialer.learn(
      Array.from({ length: 10 }, (_, i) => url(100 + i)),
      'cc'.repeat(32) as PublicKey,
    );
    expect(t.dialer.list.learned).toEqual([url(100), url(101)]);
    // A configured peer added later is dialled even with every slot taken.
    t.dialer.addConfigured(url(2));
    expect(t.dials(url(2))).toBe(1);
    expect(t.dialer.list.configured).toEqual([url(1), url(2)]);
  });

  it('drops a learned address after MAX_FAILURES failed dials and gives its slot to the next', () => {
    const t = setup(2);
    t.dialer.learn([url(100), url(101)], 'cc'.repeat(32) as PublicKey);
    expect(t.dialer.list.learned).toEqual([url(100), url(101)]);
    for (let i = 0; i < AddressBookLimits.MAX_FAILURES; i++) {
      t.end(url(100));
      vi.advanceTimersByTime(2000);
    }
    expect(t.dials(url(100))).toBe(AddressBookLimits.MAX_FAILURES);
    expect(t.dialer.addresses.has(url(100))).toBe(false);
    expect(t.dialer.list.learned).toEqual([url(101)]);
  });

  it('pins a learned address that reached a genesis validator and never drops it', () => {
    const t = setup(2);
    t.dialer.learn([url(100)], 'cc'.repeat(32) as PublicKey);
    t.prove(url(100), VALIDATOR);
    expect(t.dialer.addresses.isPinned(url(100))).toBe(true);
    for (let i = 0; i < 3 * AddressBookLimits.MAX_FAILURES; i++) {
      t.end(url(100));
      vi.advanceTimersByTime(2000);
    }
    expect(t.dialer.list.learned).toEqual([url(100)]);
  });

  it('drops a learned address that reaches a key a configured peer already reaches', () => {
    const t = setup();
    t.dialer.addConfigured(url(1));
    t.prove(url(1), VALIDATOR);
    t.dialer.learn([url(100)], 'cc'.repeat(32) as PublicKey);
    t.prove(url(100), VALIDATOR);
    expect(t.dialer.list.learned).toEqual([]);
    expect(t.dialer.addresses.has(url(100))).toBe(false);
  });

  it('never dials its own URL or plain ws:// to a remote host', () => {
    const t = setup();
    t.dialer.addConfigured(url(0));
    t.dialer.learn([url(0), 'ws://203.0.113.7:5000'], 'cc'.repeat(32) as PublicKey);
    expect(t.opened).toEqual([]);
  });
});
