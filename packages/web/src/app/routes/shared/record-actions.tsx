import { ServerVerify } from '../../../features/records/components/server-verify';
import { ProofPanel } from '../../../features/verify/components/proof-panel';
import type { KeyedRecord } from '../../../types/records';

/** Under every readable record: the server's verdict, and the proof re-checked in the browser. */
export function RecordActions({ item }: { item: KeyedRecord }) {
  return (
    <>
      <ServerVerify recordId={item.health_record._id} secretKey={item.key} />
      <ProofPanel
        recordId={item.health_record._id}
        held={item.salt !== undefined ? { record: item.health_record, salt: item.salt } : undefined}
      />
    </>
  );
}
