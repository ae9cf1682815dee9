import type { ReactNode } from 'react';
import type { TxInfo } from '../api/types';

/** Renders a chain key as a name where the chain (and the API) can name it. */
export type PartyOf = (key: string) => ReactNode;

/** A transaction in words: "Record anchored by Saint Mary General Hospital". */
export function TxSentence({ tx, party }: { tx: TxInfo['tx']; party: PartyOf }) {
  switch (tx.type) {
    case 'record.anchor':
      return <>Record anchored by {party(tx.body.creator)}</>;
    case 'access.grant':
      return (
        <>
          Access granted to {party(tx.body.grantee)} by {party(tx.signer)}
        </>
      );
    case 'access.revoke':
      return (
        <>
          Access revoked from {party(tx.body.grantee)} by {party(tx.signer)}
        </>
      );
    case 'account.register':
      if (tx.body.role === 'health_authority')
        return (
          <>
            Health authority {party(tx.body.account)} registered by {party(tx.signer)}
          </>
        );
      return (
        <>
          {tx.body.role === 'patient' ? 'Patient account' : 'API audit key'} registered by {party(tx.signer)}
        </>
      );
    case 'audit.checkpoint':
      return (
        <>
          Access log entries {tx.body.from} to {tx.body.to} sealed by {party(tx.signer)}
        </>
      );
  }
}
