/**
 * Fork choice as pure functions over random trees of nodes with random work. The same rules
 * inside a real Chain, with blocks arriving in random orders, are in chain-state.prop.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainNode, findForkPoint, hasMoreWork, pathFrom, selectBestTip } from './fork-choice.js';

interface Node extends ChainNode {
  readonly id: number;
  readonly parent: Node | null;
}

/** A random tree: node i > 0 hangs under an earlier node and adds 1..4 units of work. */
const treeArb = fc
  .array(fc.record({ parent: fc.nat(), work: fc.integer({ min: 1, max: 4 }) }), {
    minLength: 1,
    maxLength: 30,
  })
  .map((spec) => {
    const nodes: Node[] = [{ id: 0, height: 0, work: 1n, parent: null }];
    for (const [i, s] of spec.entries()) {
      const parent = nodes[s.parent % nodes.length]!;
      nodes.push({ id: i + 1, height: parent.height + 1, work: parent.work + BigInt(s.work), parent });
    }
    return nodes;
  });

const ancestors = (n: Node): Node[] => {
  const out: Node[] = [];
  for (let x: Node | null = n; x !== null; x = x.parent) out.push(x);
  return out;
};
/** Math.max has no bigint form. */
const maxWork = (ns: readonly Node[]): bigint => {
  let m = 0n;
  for (const n of ns) if (n.work > m) m = n.work;
  return m;
};
const leavesOf = (nodes: readonly Node[]) => nodes.filter((n) => !nodes.some((m) => m.parent === n));

describe('hasMoreWork', () => {
  it('switches only on strictly more work, never on a tie', () => {
    expect(hasMoreWork({ work: 11n }, { work: 10n })).toBe(true);
    expect(hasMoreWork({ work: 10n }, { work: 10n })).toBe(false);
    expect(hasMoreWork({ work: 9n }, { work: 10n })).toBe(false);
  });
});

describe('findForkPoint and pathFrom', () => {
  it('finds the most recent common ancestor of any two nodes', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), (nodes, i, j) => {
        const a = nodes[i % nodes.length]!;
        const b = nodes[j % nodes.length]!;
        const fork = findForkPoint(a, b);
        expect(findForkPoint(b, a)).toBe(fork);
        const common = ancestors(a).filter((x) => ancestors(b).includes(x));
        expect(fork).toBe(common[0]); // the deepest common ancestor
      }),
      { numRuns: 200 },
    );
  });

  it('gives the path below an ancestor, oldest first and ending at the descendant', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), (nodes, i, j) => {
        const d = nodes[i % nodes.length]!;
        const line = ancestors(d);
        const a = line[j % line.length]!;
        const path = pathFrom(a, d);
        expect(path.length).toBe(d.height - a.height);
        expect(path.at(-1) ?? a).toBe(d);
        for (const [k, n] of path.entries()) expect(n.parent).toBe(k === 0 ? a : path[k - 1]);
      }),
      { numRuns: 200 },
    );
  });

  it('a node is its own fork point and has an empty path to itself', () => {
    const root: Node = { id: 0, height: 0, work: 1n, parent: null };
    expect(findForkPoint(root, root)).toBe(root);
    expect(pathFrom(root, root)).toEqual([]);
  });
});

describe('selectBestTip', () => {
  it('picks a tip with the most work whatever the order of the tips', () => {
    fc.assert(
      fc.property(
        treeArb.chain((nodes) =>
          fc.tuple(fc.constant(nodes), fc.shuffledSubarray(leavesOf(nodes), { minLength: 1 })),
        ),
        ([, tips]) => {
          const max = maxWork(tips);
          const best = selectBestTip(tips)!;
          expect(best.work).toBe(max);
          // with no preference, the earliest of the tied tips
          expect(best).toBe(tips.find((t) => t.work === max));
          const reversed = selectBestTip([...tips].reverse())!;
          expect(reversed.work).toBe(max);
          if (tips.filter((t) => t.work === max).length === 1) expect(reversed).toBe(best);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lets the preferred tip win a tie, and only a tie', () => {
    fc.assert(
      fc.property(
        treeArb.chain((nodes) => fc.tuple(fc.shuffledSubarray(leavesOf(nodes), { minLength: 1 }), fc.nat())),
        ([tips, k]) => {
          const preferred = tips[k % tips.length]!;
          const max = maxWork(tips);
          const best = selectBestTip(tips, preferred)!;
          if (preferred.work === max) expect(best).toBe(preferred);
          else expect(best).toBe(tips.find((t) => t.work === max));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('returns undefined for no tips', () => {
    expect(selectBestTip([])).toBeUndefined();
  });
});
