/**
 * Fork choice: the best chain is the one with the most cumulative work; between equal work the
 * one seen first stays (switching on a tie would let a miner flip nodes back and forth for free).
 * Pure functions over any tree of nodes that know their parent.
 */

export interface ChainNode {
  readonly height: number;
  readonly work: bigint;
  readonly parent: ChainNode | null;
}

/** Whether `candidate` should replace `current` as the tip. */
export function hasMoreWork(candidate: { work: bigint }, current: { work: bigint }): boolean {
  return candidate.work > current.work;
}

/** The most recent common ancestor of two nodes of the same tree. */
export function findForkPoint<N extends ChainNode>(a: N, b: N): N {
  let x: ChainNode = a;
  let y: ChainNode = b;
  while (x.height > y.height) x = x.parent!;
  while (y.height > x.height) y = y.parent!;
  while (x !== y) {
    x = x.parent!;
    y = y.parent!;
  }
  return x as N;
}

/** The nodes after `ancestor` up to and including `descendant`, oldest first. */
export function pathFrom<N extends ChainNode>(ancestor: N, descendant: N): N[] {
  const path: N[] = [];
  for (let n: ChainNode | null = descendant; n !== null && n !== ancestor; n = n.parent) path.push(n as N);
  return path.reverse();
}

/** The tip with the most work; `preferred` wins ties, then the earliest in `tips`. */
export function selectBestTip<N extends ChainNode>(tips: readonly N[], preferred?: N): N | undefined {
  let best: N | undefined;
  for (const t of tips) {
    if (best === undefined || hasMoreWork(t, best) || (t === preferred && t.work === best.work)) best = t;
  }
  return best;
}
