import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NETNS_PREFIX,
  netnsName,
  netnsOwner,
  type PlanError,
  parseNetnsList,
  planNetwork,
  SUBNET,
} from './network-plan.js';

const hosts = [
  { name: 'node-a', octet: 11 },
  { name: 'db', octet: 20 },
];

describe('planNetwork', () => {
  it('puts every link and address inside namespaces it names, none in the machine’s own', () => {
    const plan = planNetwork(4242, hosts);
    const ours = new Set([plan.switchNetns, ...plan.hosts.map((h) => h.netns)]);
    for (const args of plan.setup) {
      if (args[0] === 'netns') {
        expect(args[1]).toBe('add');
        expect(ours.has(args[2]!)).toBe(true);
      } else {
        // Every other command runs in one of our namespaces (`ip -n NS …`).
        expect(args[0]).toBe('-n');
        expect(ours.has(args[1]!)).toBe(true);
      }
      // A veth's peer is created straight into the switch namespace.
      const peer = args.indexOf('peer');
      if (peer >= 0) expect(args.slice(peer)).toContain(plan.switchNetns);
    }
    expect(plan.hosts.map((h) => h.address)).toEqual([`${SUBNET}.11`, `${SUBNET}.20`]);
    expect(plan.hosts.every((h) => h.switchIf.length <= 15)).toBe(true);
  });

  it('creates each namespace before using it', () => {
    const plan = planNetwork(7, hosts);
    const made = new Set<string>();
    for (const args of plan.setup) {
      if (args[0] === 'netns') made.add(args[2]!);
      else expect(made.has(args[1]!)).toBe(true);
    }
  });

  it('refuses names that make bad interface names, duplicates and bad octets', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as PlanError).code;
      }
      return null;
    };
    expect(code(() => planNetwork(1, [{ name: 'a-very-long-hostname', octet: 3 }]))).toBe('HOST_NAME');
    expect(code(() => planNetwork(1, [{ name: 'Node', octet: 3 }]))).toBe('HOST_NAME');
    expect(code(() => planNetwork(1, [{ name: 'switch', octet: 3 }]))).toBe('HOST_NAME');
    expect(
      code(() =>
        planNetwork(1, [
          { name: 'a', octet: 3 },
          { name: 'a', octet: 4 },
        ]),
      ),
    ).toBe('HOST_DUPLICATE');
    expect(
      code(() =>
        planNetwork(1, [
          { name: 'a', octet: 3 },
          { name: 'b', octet: 3 },
        ]),
      ),
    ).toBe('OCTET');
    expect(code(() => planNetwork(1, [{ name: 'a', octet: 255 }]))).toBe('OCTET');
    expect(code(() => planNetwork(1, [{ name: 'a', octet: 1 }]))).toBe('OCTET');
  });
});

describe('namespace names', () => {
  it('name their owner, and only ours have one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4_194_304 }),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
        (pid, h) => {
          expect(netnsOwner(netnsName(pid, h))).toBe(pid);
        },
      ),
    );
    expect(netnsOwner('cpdeployx-1-a')).toBeNull();
    expect(netnsOwner(`${NETNS_PREFIX}-abc-a`)).toBeNull();
    expect(netnsOwner('docker-1-a')).toBeNull();
    expect(netnsOwner(`${NETNS_PREFIX}-12-`)).toBeNull();
  });

  it('are read from `ip netns list` with or without ids', () => {
    expect(parseNetnsList('cpdeploy-1-a (id: 3)\ncpdeploy-1-b\n\n  other (id: 0)\n')).toEqual([
      'cpdeploy-1-a',
      'cpdeploy-1-b',
      'other',
    ]);
    expect(parseNetnsList('')).toEqual([]);
  });
});
