import { nodeGet } from '../../../lib/node-client';
import type { TxInfo } from './types';

export type RecordAnchor = TxInfo & { record_id: string; creator: string; commitment: string; date: string };

/** GET {node}/records/{id}: the transaction that anchored a record (404 if none did). */
export const getRecordAnchor = (node: string, recordId: string): Promise<RecordAnchor> =>
  nodeGet(node, `/records/${recordId}`);
