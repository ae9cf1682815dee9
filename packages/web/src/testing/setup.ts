import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// The default 1 s for findBy/waitFor is too short on a 2-core machine shared with chain nodes.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
