/** Ids as the contract spells them: a UUID4 without dashes, 32 lowercase hex digits (1.7). */
import { randomUUID } from 'node:crypto';
import { type Id128, parseId128 } from '@chartproof/ledger';

export const newId = (): Id128 => parseId128(randomUUID().replaceAll('-', ''), 'newId');

export const isId = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{32}$/.test(s);
