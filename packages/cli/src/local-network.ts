/**
 * The files of a network on one machine under a data folder: the central authority's key, one
 * key per validator node, and the genesis naming them. Made once; an existing genesis is kept.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createGenesis } from '@chartproof/ledger';
import { loadOrCreateKey, writeGenesis } from './files.js';

export const LOCAL_NODES = 3;

export interface LocalNetwork {
  readonly genesisPath: string;
  readonly caKeyPath: string;
  readonly nodeKeyPath: (port: number) => string;
}

export function localNetwork(data: string): LocalNetwork {
  return {
    genesisPath: join(data, 'genesis.json'),
    caKeyPath: join(data, 'keys', 'central-authority.json'),
    nodeKeyPath: (port) => join(data, 'keys', `node-${port}.json`),
  };
}

/** Creates the keys and genesis when the genesis does not exist; says so on `say`. */
export function ensureLocalNetwork(
  data: string,
  ports: readonly number[],
  say: (line: string) => void,
): LocalNetwork {
  const net = localNetwork(data);
  if (!existsSync(net.genesisPath)) {
    const ca = loadOrCreateKey(net.caKeyPath).key;
    const validators = ports.map((p) => loadOrCreateKey(net.nodeKeyPath(p)).key.publicKey);
    writeGenesis(
      net.genesisPath,
      createGenesis({ network: 'chartproof-local', centralAuthority: ca.publicKey, validators }),
    );
    say(`created ${net.genesisPath} and keys in ${join(data, 'keys')} (keep them private: mode 0600)`);
  }
  return net;
}
