/**
 * Breaking a tie between competing tips. Validators mine only while their mempool holds
 * transactions, and the easy targets of a small network let two of them find a block at the same
 * height at once, often holding the same transactions. Fork choice keeps the tip seen first on
 * equal work, so in a quiet network the split would last for good: the nodes on the minority
 * side never see their transactions acknowledged. The signed acknowledgements show the split (a
 * validator's latest acknowledgement names another block at our tip's height), and exactly one
 * side extends its tip, with an empty block if need be, so that every node switches to it: the
 * side more validators acknowledge, the lower block hash between equals. Pure.
 */

export interface AckPoint {
  readonly height: number;
  readonly hash: string;
}

/** Whether this node should mine on `tip` to end a tie; `latest` holds each validator's latest ack. */
export function shouldBreakTie(tip: AckPoint, latest: readonly AckPoint[]): boolean {
  if (tip.height === 0) return false;
  const votes = new Map<string, number>();
  for (const a of latest) if (a.height === tip.height) votes.set(a.hash, (votes.get(a.hash) ?? 0) + 1);
  const ours = votes.get(tip.hash) ?? 0;
  let contested = false;
  for (const [hash, n] of votes) {
    if (hash === tip.hash) continue;
    if (n > ours || (n === ours && hash < tip.hash)) return false;
    contested = true;
  }
  return contested;
}
