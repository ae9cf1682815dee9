import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorText } from '../../../lib/api-error';
import type { ExplorerLinks } from '../links';
import { classifySearch, NotFound, resolveSearch, SEARCH_HINT, type SearchQuery } from '../search';

/** One box for heights, hashes, transaction ids and record ids; goes straight to the page found. */
export function SearchBox({ node, links }: { node: string; links: ExplorerLinks }) {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const search = useMutation({
    mutationFn: (q: SearchQuery) => resolveSearch(node, q),
    onSuccess: (hit) => navigate(hit.kind === 'block' ? links.block(hit.hash) : links.tx(hit.id)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = classifySearch(value);
    if (q === null) {
      setProblem(
        value.trim() === '' ? 'Enter something to search for' : `Not a height, hash or id. ${SEARCH_HINT}.`,
      );
      return;
    }
    setProblem(null);
    search.mutate(q);
  };
  return (
    <Box sx={{ display: 'grid', gap: 1 }}>
      <Box
        component="form"
        role="search"
        aria-label="Search the chain"
        onSubmit={submit}
        noValidate
        sx={{ display: 'flex', gap: 1, alignItems: 'start', flexWrap: { xs: 'wrap', sm: 'nowrap' } }}
      >
        <TextField
          label="Block, transaction or record"
          name="q"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={problem !== null}
          helperText={problem ?? SEARCH_HINT}
          autoComplete="off"
          fullWidth
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
        <Button type="submit" variant="contained" disabled={search.isPending} sx={{ mt: 1 }}>
          {search.isPending ? 'Searching…' : 'Search'}
        </Button>
      </Box>
      {search.isError && (
        <Alert severity={search.error instanceof NotFound ? 'info' : 'error'} role="alert">
          {errorText(search.error)}
        </Alert>
      )}
    </Box>
  );
}
