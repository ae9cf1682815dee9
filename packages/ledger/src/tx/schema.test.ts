import { describe, expect, it } from 'vitest';
import { TransactionSchema, TX_TYPES } from './schema.js';

describe('TX_TYPES', () => {
  it('is exactly the types the schema accepts, each once', () => {
    expect(new Set(TX_TYPES).size).toBe(TX_TYPES.length);
    expect([...TX_TYPES].sort()).toEqual(
      [...TransactionSchema.options.map((o) => o.shape.type.value)].sort(),
    );
    expect(TX_TYPES).toEqual([
      'account.register',
      'record.anchor',
      'access.grant',
      'access.revoke',
      'audit.checkpoint',
    ]);
    expect(Object.isFrozen(TX_TYPES)).toBe(true);
  });
});
