/**
 * What a patient needs to recognise a record in a request or a grant: its title (the doctor's
 * first field, usually the diagnosis) and its date. Taken from the patient's own records, which
 * the dashboard loads anyway, so no record content travels with a request.
 */

import { RESERVED_FIELDS } from '@chartproof/ledger/record-fields';
import type { HealthRecord, KeyedRecord } from '../../types/records';
import { useMyRecords } from '../records/api/get-my-records';

export interface RecordContext {
  title: string | null;
  date: string | null;
}

export function recordTitle(record: HealthRecord): string | null {
  for (const [k, v] of Object.entries(record)) {
    if (RESERVED_FIELDS.has(k)) continue; // the server's fields: the title is the doctor's first
    const text = typeof v === 'string' ? v.trim() : '';
    return text === '' ? null : text;
  }
  return null;
}

export function recordContexts(items: readonly KeyedRecord[]): Map<string, RecordContext> {
  return new Map(
    items.map((i) => [
      i.health_record._id,
      {
        title: i.unreadable ? null : recordTitle(i.health_record),
        date: i.health_record.date ?? null,
      },
    ]),
  );
}

/** Title and date by record id; empty while loading or if the records cannot be read. */
export function useRecordContexts(): Map<string, RecordContext> {
  const mine = useMyRecords();
  return mine.data ? recordContexts(mine.data.health_records) : new Map();
}
