import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { UserType } from '../db/tables.js';
import { caller } from '../plugins/auth.js';
import { principalOf } from './accounts.js';

const HA = 'a'.repeat(32);
const row = (id: string, user_type: UserType, health_authority_id: string | null = null) => ({
  id,
  user_type,
  health_authority_id,
});

describe('principalOf', () => {
  it('gives doctors their authority and authorities themselves; others none', () => {
    expect(principalOf(row('d', UserType.DOCTOR, HA), '::1')).toEqual({
      id: 'd',
      type: 'doctors',
      healthAuthorityId: HA,
      ip: '::1',
    });
    expect(principalOf(row(HA, UserType.HEALTH_AUTHORITY), '::1').healthAuthorityId).toBe(HA);
    expect(principalOf(row('p', UserType.PATIENT, HA), '::1').healthAuthorityId).toBeNull();
    expect(principalOf(row('c', UserType.CENTRAL_AUTHORITY), '::1').healthAuthorityId).toBeNull();
  });

  it('refuses a doctor row without its authority rather than carrying a null onward', () => {
    expect(() => principalOf(row('d', UserType.DOCTOR), '::1')).toThrow(/doctor d has no health authority/);
  });
});

describe('caller', () => {
  const request = (type: UserType) =>
    ({ principal: principalOf(row('x', type, HA), '::1') }) as unknown as FastifyRequest;

  it('hands a handler the role it names', () => {
    const doctor = caller(request(UserType.DOCTOR), UserType.DOCTOR);
    expect(doctor.healthAuthorityId).toBe(HA);
    expect(caller(request(UserType.PATIENT), UserType.PATIENT, UserType.DOCTOR).type).toBe('patients');
  });

  it('throws when the preHandler admitted another role than the handler is written for', () => {
    expect(() => caller(request(UserType.PATIENT), UserType.DOCTOR)).toThrow(
      'route admitted patients, its handler is written for doctors',
    );
    expect(() => caller({ principal: null } as unknown as FastifyRequest)).toThrow(/no auth preHandler/);
  });
});
