/**
 * A chain key by name, as far as the chain and the API can name it: the central authority and
 * the validator nodes from the genesis and the nodes' own status, a health authority through
 * its on-chain registration (whose subject is its API id) and what the signed-in user may read
 * of it (use-authority-name.ts). Patients are never named: the chain holds nothing about a
 * person, and the explorer adds nothing.
 */
import Box from '@mui/material/Box';
import { useAccount } from '../../../features/explorer/api/get-account';
import { useNodeNames } from '../../../features/explorer/api/get-node-status';
import { useNetwork } from '../../../features/verify/api/get-network';
import { shortHex } from '../../../lib/format';
import { useAuthorityName } from './use-authority-name';

interface GenesisNames {
  central_authority?: string;
  validators?: string[];
}

function PartyName({ node, keyHex }: { node: string; keyHex: string }) {
  const network = useNetwork();
  const genesis = (network.data?.genesis ?? {}) as GenesisNames;
  const nodeNames = useNodeNames(network.data?.nodes ?? []);
  const known =
    keyHex === genesis.central_authority
      ? 'the central authority'
      : (nodeNames.get(keyHex) ?? (genesis.validators?.includes(keyHex) ? 'a validator node' : null));
  const account = useAccount(node, keyHex, known === null);
  const subject = account.data?.role === 'health_authority' ? account.data.subject : null;
  const ha = useAuthorityName(subject);
  if (known !== null) return <>{known}</>;
  if (account.data?.role === 'patient') return <>a patient</>;
  if (account.data?.role === 'service') return <>the API’s audit key</>;
  if (ha.name !== undefined) return <>{ha.name}</>;
  if (subject !== null && ha.settled) return <>a health authority</>;
  return (
    <Box component="code" title={keyHex}>
      {shortHex(keyHex, 6)}
    </Box>
  );
}

/** The `party` function the explorer's sentences take. */
export const partyOn = (node: string) => (key: string) => <PartyName key={key} node={node} keyHex={key} />;
