/**
 * Breaking a tie between competing tips. Validators mine only while their mempool holds
 * transactions, and the easy targets of a small network let two of them find a block at the same
 * height at once, often holding the same transactions. Fork choice keeps the tip seen first on
 * equal work, so in a quiet network the split would last for good: the nodes on the minority
 * side never see their transactions acknowledged. The signed acknowledgements show the split (a
 * validator's latest acknowledgement names another block at our tip's height), and one side
 * extends its tip, with an empty block if need be, so that every node switches to it.
 *
 * Which side: the one a quorum acknowledges. With no quorum anywhere, the one most validators
 * acknowledge, the lower block hash between equals, but only once every validator has voted, or,
 * when some stay silent (down or cut off), once the caller has waited long enough (`patient`):
 * extending a branch while the last votes are still on their way could overtake a quorum that is
 * just forming elsewhere. Pure.
 */

export interface AckPoint {
  readonly height: number;
  readonly hash: string;
}

export interface TieBreakRule {
  readonly validators: number;
  readonly quorum: number;
  /** Waited long enough for silent validators: decide on the votes at hand. */
  readonly patient: boolean;
}

/** Whether this node should mine on `tip` to end a tie; `latest` holds each validator's latest ack. */
export function shouldBreakTie(tip: AckPoint, latest: readonly AckPoint[], rule: TieBreakRule): boolean {
  if (tip.height === 0) return false;
  const votes = new Map<string, number>();
  let voted = 0;
  for (const a of latest) {
    if (a.height !== tip.height) continue;
    votes.set(a.hash, (votes.get(a.hash) ?? 0) + 1);
    voted++;
  }
  const ours = votes.get(tip.hash) ?? 0;
  let contested = false;
  for (const [hash, n] of votes) {
    if (hash === tip.hash) continue;
    if (n > ours || (n === ours && hash < tip.hash)) return false;
    contested = true;
  }
  if (!contested) return false;
  return ours >= rule.quorum || voted === rule.validators || rule.patient;
}
