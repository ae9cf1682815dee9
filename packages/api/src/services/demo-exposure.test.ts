/** The demo-exposure rule: which listen addresses are loopback, and when a start is refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoExposureProblem, isLoopbackHost } from './demo-exposure.js';

const none = { present: false, seedable: false };
const empty = { present: false, seedable: true };
const demoDb = { present: true, seedable: false };

describe('isLoopbackHost', () => {
  it('knows loopback from the rest', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of [
      '0.0.0.0',
      '::',
      '10.0.0.5',
      '192.168.1.2',
      'api.example',
      '128.0.0.1',
      '::ffff:10.0.0.1',
    ])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe('demoExposureProblem', () => {
  it('lets loopback run anything, and refuses the demo users beyond it unless demo mode is explicit', () => {
    expect(
      demoExposureProblem({ host: '127.0.0.1', demo: true, demoExplicit: false, presence: empty }),
    ).toBeNull();
    const refused = demoExposureProblem({
      host: '0.0.0.0',
      demo: true,
      demoExplicit: false,
      presence: empty,
    });
    expect(refused).toMatch(/^refusing to listen on 0\.0\.0\.0: an empty database gets the demo users/);
    expect(refused).toContain('CHARTPROOF_DEMO=true');
    expect(refused).not.toContain('\n');
    expect(
      demoExposureProblem({ host: '0.0.0.0', demo: false, demoExplicit: false, presence: demoDb }),
    ).toMatch(/this database holds the demo users/);
    expect(
      demoExposureProblem({ host: '0.0.0.0', demo: true, demoExplicit: true, presence: demoDb }),
    ).toBeNull();
    expect(
      demoExposureProblem({ host: '0.0.0.0', demo: false, demoExplicit: false, presence: empty }),
    ).toBeNull();
    expect(
      demoExposureProblem({ host: '0.0.0.0', demo: true, demoExplicit: false, presence: none }),
    ).toBeNull();
  });

  it('refuses exactly when beyond loopback, not explicit, and demo users are there or coming (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('127.0.0.1', 'localhost', '0.0.0.0', '10.1.2.3', '::'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (host, demo, demoExplicit, present, seedable) => {
          const p = demoExposureProblem({ host, demo, demoExplicit, presence: { present, seedable } });
          const expected = !isLoopbackHost(host) && !demoExplicit && (present || (demo && seedable));
          return (p !== null) === expected;
        },
      ),
    );
  });
});
