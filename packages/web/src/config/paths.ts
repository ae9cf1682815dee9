/** Every route of the app, with the function that builds its link. */
export const paths = {
  login: {
    path: '/login',
    getHref: (redirectTo?: string) =>
      redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login',
  },
  dashboard: {
    path: '/dashboard',
    getHref: (tab?: string) => (tab ? `/dashboard?tab=${tab}` : '/dashboard'),
  },
  explorer: { path: '/explorer', getHref: () => '/explorer' },
  block: { path: '/explorer/blocks/:hash', getHref: (hash: string) => `/explorer/blocks/${hash}` },
  tx: { path: '/explorer/tx/:id', getHref: (id: string) => `/explorer/tx/${id}` },
} as const;
