import type { QueryClient } from '@tanstack/react-query';

/**
 * After a consent change (approve, deny, revoke): every request list again. Invalidation alone is
 * not enough: a list whose first fetch is still on its way (the patient opened "Who has access"
 * while the approval was being written) keeps that fetch's answer, from before the change, since
 * TanStack Query joins a first fetch instead of restarting it. So the lists on screen are fetched
 * once more after it.
 */
export async function refreshRequests(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: ['requests'] });
  await qc.refetchQueries({ queryKey: ['requests'], type: 'active' });
}
