import Box from '@mui/material/Box';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryState } from '../../../components/ui/query-state';
import type { KeyedRecord } from '../../../types/records';
import { RecordCard } from './record-card';
import { UnreadableRecordCard } from './unreadable-record-card';

/** A list of keyed records; `actions` adds what each screen offers under a card. */
export function RecordList({
  query,
  actions,
}: {
  query: UseQueryResult<{ health_records: KeyedRecord[] }>;
  actions: (item: KeyedRecord) => ReactNode;
}) {
  return (
    <QueryState
      query={query}
      label="Loading health records"
      isEmpty={(d) => d.health_records.length === 0}
      empty="No Health Records"
    >
      {(d) => (
        <Box sx={{ display: 'grid', gap: 2 }}>
          {d.health_records.map((item) =>
            item.unreadable ? (
              <UnreadableRecordCard key={item.health_record._id} item={item} />
            ) : (
              <RecordCard key={item.health_record._id} record={item.health_record}>
                {actions(item)}
              </RecordCard>
            ),
          )}
        </Box>
      )}
    </QueryState>
  );
}
