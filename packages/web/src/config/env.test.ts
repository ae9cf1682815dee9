import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('defaults to the same origin', () => expect(parseEnv({}).apiUrl).toBe(''));
  it('takes an origin, without a trailing slash', () =>
    expect(parseEnv({ VITE_API_URL: 'http://localhost:5000/' }).apiUrl).toBe('http://localhost:5000'));
  it('names the bad variable', () =>
    expect(() => parseEnv({ VITE_API_URL: 'localhost:5000' })).toThrow(/VITE_API_URL: expected an origin/));
});
