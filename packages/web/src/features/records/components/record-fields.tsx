import { RESERVED_FIELDS } from '@chartproof/ledger/record-fields';
import Box from '@mui/material/Box';
import { DetailList } from '../../../components/ui/detail-list';
import { humanizeKey } from '../../../lib/format';
import type { HealthRecord } from '../../../types/records';

/** Strings, arrays and objects, recursively (contract 2.9 allows all three). */
function Value({ value }: { value: unknown }) {
  if (Array.isArray(value)) {
    return (
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {value.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a record's values never reorder
          <li key={i}>
            <Value value={v} />
          </li>
        ))}
      </Box>
    );
  }
  if (value !== null && typeof value === 'object') {
    return (
      <DetailList
        dense
        rows={Object.entries(value).map(([k, v]) => [humanizeKey(k), <Value key={k} value={v} />])}
      />
    );
  }
  return (
    <Box component="span" sx={{ whiteSpace: 'pre-wrap' }}>
      {String(value ?? '')}
    </Box>
  );
}

/** The doctor's fields, in the order received, with the server's keys left out, as the reference client does (2.9). */
export function RecordFields({ record }: { record: HealthRecord }) {
  const rows = Object.entries(record)
    .filter(([k]) => !RESERVED_FIELDS.has(k))
    .map(([k, v]) => [humanizeKey(k), <Value key={k} value={v} />] as const);
  if (rows.length === 0) return <Box sx={{ color: 'text.secondary' }}>No details</Box>;
  return <DetailList rows={rows} />;
}
