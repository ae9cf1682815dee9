import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error';

/**
 * A client error (4xx) will not change on retry, and a 401 has already signed the user out;
 * only network failures and 5xx get one more try.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        retry: (count, e) => count < 1 && !(e instanceof ApiError && e.status >= 400 && e.status < 500),
      },
      mutations: { retry: false },
    },
  });
}
