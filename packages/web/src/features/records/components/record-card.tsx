import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { DetailList } from '../../../components/ui/detail-list';
import { formatDate } from '../../../lib/format';
import type { HealthRecord } from '../../../types/records';
import { RecordFields } from './record-fields';

/** One record as the reference card shows it: ID, date, authority, doctor, then "Details". */
export function RecordCard({ record, children }: { record: HealthRecord; children?: ReactNode }) {
  return (
    <Card variant="outlined" component="article" aria-label={`Health record ${record._id}`}>
      <CardContent sx={{ display: 'grid', gap: 1.5 }}>
        <DetailList
          dense
          rows={[
            ['ID', <code key="id">{record._id}</code>],
            ['Date', formatDate(record.date)],
            ['Health Authority', record.health_authority_name ?? ''],
            ['Doctor', `Dr. ${record.doctor_first_name ?? ''} ${record.doctor_last_name ?? ''}`.trim()],
          ]}
        />
        <Divider />
        <Typography component="h3" variant="subtitle2" sx={{ fontWeight: 700 }}>
          Details
        </Typography>
        <RecordFields record={record} />
        {children !== undefined && <Box sx={{ display: 'grid', gap: 1.5, mt: 1 }}>{children}</Box>}
      </CardContent>
    </Card>
  );
}
