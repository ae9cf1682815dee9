import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import { DetailList } from '../../../components/ui/detail-list';
import { formatDate } from '../../../lib/format';
import type { KeyedRecord } from '../../../types/records';

/**
 * A stored record that no longer decrypts: shown, in red, where it would have been, so that its
 * patient and its authority see that something is wrong instead of one record fewer.
 */
export function UnreadableRecordCard({ item }: { item: KeyedRecord }) {
  const { _id, date } = item.health_record;
  return (
    <Card
      variant="outlined"
      component="article"
      aria-label={`Health record ${_id} (unreadable)`}
      sx={{ borderColor: 'error.main', borderWidth: 2 }}
    >
      <CardContent sx={{ display: 'grid', gap: 1.5 }}>
        <DetailList
          dense
          rows={[
            ['ID', <code key="id">{_id}</code>],
            ['Date', formatDate(date)],
          ]}
        />
        <Alert severity="error" role="alert">
          {item.problem ??
            'This record cannot be read: its stored form does not decrypt (possible tampering).'}{' '}
          Report it to the health authority that wrote it.
        </Alert>
      </CardContent>
    </Card>
  );
}
