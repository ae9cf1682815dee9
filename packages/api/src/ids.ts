/** Ids as the contract spells them: a UUID4 without dashes, 32 lowercase hex digits (1.7). */
import { randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID().replaceAll('-', '');

export const isId = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{32}$/.test(s);
