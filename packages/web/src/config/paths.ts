/** Every route of the app, with the function that builds its link. */
import { path } from '../lib/url-path';

export const paths = {
  login: {
    path: '/login',
    getHref: (redirectTo?: string) =>
      redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login',
  },
  dashboard: {
    path: '/dashboard',
    getHref: (tab?: string) => (tab ? `/dashboard?tab=${encodeURIComponent(tab)}` : '/dashboard'),
  },
  password: { path: '/account/password', getHref: () => '/account/password' },
  explorer: { path: '/explorer', getHref: () => '/explorer' },
  block: { path: '/explorer/blocks/:hash', getHref: (hash: string) => path`/explorer/blocks/${hash}` },
  tx: { path: '/explorer/tx/:id', getHref: (id: string) => path`/explorer/tx/${id}` },
} as const;
