import { describe, expect, it } from 'vitest';
import { describeApiStore } from './api-store.js';

describe('describeApiStore', () => {
  it('names embedded PGlite and its directory without DATABASE_URL', () => {
    expect(describeApiStore({}, 'data')).toBe('embedded PGlite in data/api/db');
    expect(describeApiStore({ DATABASE_URL: '' }, '/tmp/x')).toBe('embedded PGlite in /tmp/x/api/db');
  });

  it('names PostgreSQL, its host and database, never the password, with DATABASE_URL', () => {
    const s = describeApiStore(
      { DATABASE_URL: 'postgres://chartproof:s3cret@127.0.0.1:5432/chartproof' },
      'data',
    );
    expect(s).toBe('PostgreSQL at 127.0.0.1:5432/chartproof (DATABASE_URL)');
    expect(s).not.toContain('s3cret');
    expect(describeApiStore({ DATABASE_URL: 'not a url s3cret' }, 'data')).toBe('PostgreSQL (DATABASE_URL)');
  });
});
