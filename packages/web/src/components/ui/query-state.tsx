import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from './error-alert';

interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  /** What is loading, for screen readers: "Loading health records". */
  label: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** Every list and detail goes through the same four states: loading, error, empty, data. */
export function QueryState<T>({ query, label, isEmpty, empty, children }: QueryStateProps<T>) {
  if (query.isPending) {
    return (
      <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1.5, py: 2 }}>
        <CircularProgress size={20} aria-hidden />
        <Typography variant="body2">{label}…</Typography>
      </Box>
    );
  }
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) {
    return (
      <Typography color="text.secondary" sx={{ py: 2 }}>
        {empty ?? 'Nothing here yet.'}
      </Typography>
    );
  }
  return <>{children(query.data)}</>;
}
