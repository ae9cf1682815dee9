import Box from '@mui/material/Box';
import { DetailList } from '../../../components/ui/detail-list';
import type { BrowserCheck } from '../run-browser-check';

const Mono = ({ children }: { children: string }) => (
  <Box component="code" sx={{ fontSize: '0.8rem', overflowWrap: 'anywhere' }}>
    {children}
  </Box>
);

interface ReceiptShape {
  tx_id?: string;
  proof?: { index: number; size: number; path: string[] };
  acks?: { validator: string; height: number }[];
}

/** What the verdict rests on: commitment, transaction, block, Merkle path, acknowledgements. */
export function ProofEvidence({ check }: { check: BrowserCheck }) {
  const { proof, result } = check;
  const receipt = proof.receipt as ReceiptShape;
  const path = receipt.proof;
  return (
    <Box component="details" sx={{ '& summary': { cursor: 'pointer', fontWeight: 600, py: 0.5 } }}>
      <summary>Evidence</summary>
      <DetailList
        dense
        rows={[
          ['Commitment', <Mono key="c">{result.recomputedCommitment ?? proof.commitment}</Mono>],
          ['Transaction', <Mono key="t">{result.receipt?.txId ?? proof.anchor.tx_id}</Mono>],
          [
            'Block',
            <Mono key="b">{`${result.receipt?.height ?? proof.anchor.height} · ${result.receipt?.blockHash ?? proof.anchor.block_hash}`}</Mono>,
          ],
          ['Confirmations', String(proof.anchor.confirmations)],
          [
            'Merkle path',
            path ? (
              <Box key="m">
                leaf {path.index} of {path.size}
                {path.path.map((h, i) => (
                  <Box key={h + String(i)}>
                    <Mono>{h}</Mono>
                  </Box>
                ))}
              </Box>
            ) : (
              '—'
            ),
          ],
          [
            'Acknowledged by',
            <Box key="a">
              {(result.receipt?.acknowledgedBy ?? proof.anchor.acknowledged_by).map((v) => (
                <Box key={v}>
                  <Mono>{v}</Mono>
                </Box>
              ))}
            </Box>,
          ],
          ['Genesis', <Mono key="g">{result.genesisHash ?? proof.genesis_hash}</Mono>],
          [
            'Checked against',
            `${check.node}${check.independent ? '' : ' (the only node listed: not independent of the API)'}`,
          ],
        ]}
      />
    </Box>
  );
}
