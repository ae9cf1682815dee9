import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';

export interface TabSpec {
  id: string;
  label: string;
  content: ReactNode;
}

/** Tabs whose choice lives in the URL (?tab=), so a deep link opens the same view after login. */
export function Tabbed({ tabs, label }: { tabs: readonly TabSpec[]; label: string }) {
  const [params, setParams] = useSearchParams();
  const current = tabs.find((t) => t.id === params.get('tab')) ?? tabs[0]!;
  return (
    <Box>
      <Tabs
        value={current.id}
        onChange={(_, id: string) =>
          setParams(
            (p) => {
              p.set('tab', id);
              return p;
            },
            { replace: true },
          )
        }
        aria-label={label}
        variant="scrollable"
        allowScrollButtonsMobile
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        {tabs.map((t) => (
          <Tab key={t.id} value={t.id} label={t.label} id={`tab-${t.id}`} aria-controls={`panel-${t.id}`} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        {current.content}
      </Box>
    </Box>
  );
}
