/**
 * The plan of a test network: one Linux network namespace per "host", each with one veth link to
 * a bridge that lives in a namespace of its own (the switch), so the test never adds an address,
 * link or route to the machine's own namespace. Pure: it only computes names and `ip` commands;
 * `network.ts` runs them.
 */

/** Every namespace the deployment tests make starts with this, then the owning test's PID. */
export const NETNS_PREFIX = 'cpdeploy';

/** 10.231.0.0/24: private, and only ever configured inside the test's own namespaces. */
export const SUBNET = '10.231.0';

export interface HostSpec {
  /** Short name: a namespace suffix and the switch-side interface name (`v-<name>`). */
  readonly name: string;
  /** Last octet of the host's address in `SUBNET`. */
  readonly octet: number;
}

export interface PlannedHost extends HostSpec {
  readonly netns: string;
  readonly address: string;
  /** The veth end in the switch namespace, attached to the bridge. */
  readonly switchIf: string;
}

export interface NetworkPlan {
  readonly owner: number;
  readonly switchNetns: string;
  readonly hosts: readonly PlannedHost[];
  /** `ip` argument lists, in order: namespaces, bridge, links, addresses. */
  readonly setup: readonly (readonly string[])[];
}

export class PlanError extends Error {
  override readonly name = 'PlanError';
  constructor(
    readonly code: 'HOST_NAME' | 'HOST_DUPLICATE' | 'OCTET',
    message: string,
  ) {
    super(message);
  }
}

/** Linux interface names are at most 15 bytes; `v-` leaves 13 for the host name. */
const HOST_NAME = /^[a-z][a-z0-9-]{0,12}$/;

export function netnsName(owner: number, host: string): string {
  return `${NETNS_PREFIX}-${owner}-${host}`;
}

/** The PID that made a namespace of ours, or null for a namespace that is not ours. */
export function netnsOwner(name: string): number | null {
  const m = new RegExp(`^${NETNS_PREFIX}-(\\d+)-[a-z][a-z0-9-]*$`).exec(name);
  return m === null ? null : Number(m[1]);
}

/** Names from `ip netns list` lines (`name` or `name (id: 3)`). */
export function parseNetnsList(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n !== '');
}

export function planNetwork(owner: number, specs: readonly HostSpec[]): NetworkPlan {
  const seenNames = new Set<string>();
  const seenOctets = new Set<number>();
  for (const s of specs) {
    if (!HOST_NAME.test(s.name) || s.name === 'switch')
      throw new PlanError('HOST_NAME', `host name ${JSON.stringify(s.name)} must match ${HOST_NAME}`);
    if (seenNames.has(s.name)) throw new PlanError('HOST_DUPLICATE', `host ${s.name} is planned twice`);
    if (!Number.isInteger(s.octet) || s.octet < 2 || s.octet > 254 || seenOctets.has(s.octet))
      throw new PlanError('OCTET', `host ${s.name}: octet ${s.octet} must be unique in 2..254`);
    seenNames.add(s.name);
    seenOctets.add(s.octet);
  }
  const switchNetns = netnsName(owner, 'switch');
  const hosts = specs.map((s) => ({
    ...s,
    netns: netnsName(owner, s.name),
    address: `${SUBNET}.${s.octet}`,
    switchIf: `v-${s.name}`,
  }));
  const setup: string[][] = [
    ['netns', 'add', switchNetns],
    ['-n', switchNetns, 'link', 'set', 'lo', 'up'],
    ['-n', switchNetns, 'link', 'add', 'br0', 'type', 'bridge'],
    ['-n', switchNetns, 'link', 'set', 'br0', 'up'],
  ];
  for (const h of hosts) {
    setup.push(
      ['netns', 'add', h.netns],
      ['-n', h.netns, 'link', 'set', 'lo', 'up'],
      // Made from inside the host's namespace with the peer placed straight into the switch's:
      // neither end ever exists in the machine's own namespace.
      [
        '-n',
        h.netns,
        'link',
        'add',
        'eth0',
        'type',
        'veth',
        'peer',
        'name',
        h.switchIf,
        'netns',
        switchNetns,
      ],
      ['-n', switchNetns, 'link', 'set', h.switchIf, 'master', 'br0'],
      ['-n', switchNetns, 'link', 'set', h.switchIf, 'up'],
      ['-n', h.netns, 'addr', 'add', `${h.address}/24`, 'dev', 'eth0'],
      ['-n', h.netns, 'link', 'set', 'eth0', 'up'],
    );
  }
  return { owner, switchNetns, hosts, setup };
}
