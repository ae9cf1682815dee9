import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import { type ReactNode, useState } from 'react';
import { type SortValue, visibleRows } from './table-rows';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Makes the column sortable by this value. */
  sortValue?: (row: T) => SortValue;
}

interface DataTableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Adds a search box over the rows, matching this text of each row. */
  searchText?: (row: T) => string;
  /** What the search box searches: "health authorities". */
  searchLabel?: string;
}

/** A plain table that scrolls sideways on phones instead of squeezing its columns. */
export function DataTable<T>({ caption, columns, rows, rowKey, searchText, searchLabel }: DataTableProps<T>) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ header: string; descending: boolean } | null>(null);
  const sortColumn = columns.find((c) => c.header === sort?.header);
  const shown = visibleRows(rows, {
    query: searchText === undefined ? '' : query,
    text: searchText ?? (() => ''),
    sortBy: sortColumn?.sortValue,
    descending: sort?.descending ?? false,
  });
  const toggle = (header: string) =>
    setSort((s) =>
      s?.header === header ? { header, descending: !s.descending } : { header, descending: false },
    );
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      {searchText !== undefined && (
        <TextField
          type="search"
          size="small"
          label={`Search ${searchLabel ?? caption}`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          helperText={query.trim() === '' ? ' ' : `${shown.length} of ${rows.length} shown`}
          sx={{ maxWidth: 360 }}
          slotProps={{ formHelperText: { role: 'status' } }}
        />
      )}
      {/* Focusable and named: a table that scrolls sideways on a phone must scroll by keyboard too. */}
      <TableContainer
        sx={{ maxWidth: '100%', overflowX: 'auto' }}
        tabIndex={0}
        role="region"
        aria-label={caption}
      >
        <Table size="small">
          <caption style={{ captionSide: 'top', textAlign: 'left', padding: '0 0 8px', fontWeight: 600 }}>
            {caption}
          </caption>
          <TableHead>
            <TableRow>
              {columns.map((c) => {
                const active = sort?.header === c.header;
                return (
                  <TableCell
                    key={c.header}
                    component="th"
                    scope="col"
                    sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}
                    {...(c.sortValue !== undefined
                      ? { 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none' }
                      : {})}
                  >
                    {c.sortValue === undefined ? (
                      c.header
                    ) : (
                      <TableSortLabel
                        active={active}
                        direction={active && sort.descending ? 'desc' : 'asc'}
                        onClick={() => toggle(c.header)}
                      >
                        {c.header}
                      </TableSortLabel>
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((r) => (
              <TableRow key={rowKey(r)}>
                {columns.map((c) => (
                  <TableCell key={c.header}>{c.cell(r)}</TableCell>
                ))}
              </TableRow>
            ))}
            {shown.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length} sx={{ color: 'text.secondary' }}>
                  Nothing matches “{query.trim()}”.
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
    </Box>
  );
}
