import fc from 'fast-check';
import { DomainProblem } from '@strata/bus';
import { ROLES, type Role } from '@strata/contracts';
import { assertMaySign, LEDGER_SYSTEM_ACTOR } from './key-usage-policy';

const owner = '7f1b2c3d-0000-4000-8000-000000000001';
const refusal = (fn: () => void): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainProblem ? error.problem.status : -1;
  }
};

describe('assertMaySign', () => {
  it("lets the owner's institution-admins and operators and the ledger itself sign", () => {
    for (const role of ['institution-admin', 'operator'] as const) {
      expect(
        refusal(() =>
          assertMaySign(owner, { actor: 'u', reason: 'r', organisationId: owner, roles: [role] }),
        ),
      ).toBeUndefined();
    }
    expect(
      refusal(() => assertMaySign(owner, { actor: LEDGER_SYSTEM_ACTOR, reason: 'resubmit' })),
    ).toBeUndefined();
  });

  it('refuses with 403 any other organisation, role set or an actor without claims', () => {
    fc.assert(
      fc.property(
        fc.option(fc.uuid(), { nil: undefined }),
        fc.subarray([...ROLES] as Role[]),
        (organisationId, roles) => {
          const allowed =
            organisationId === owner &&
            roles.some((r) => r === 'institution-admin' || r === 'operator');
          const status = refusal(() =>
            assertMaySign(owner, { actor: 'u', reason: 'r', organisationId, roles }),
          );
          expect(status).toBe(allowed ? undefined : 403);
        },
      ),
    );
    expect(refusal(() => assertMaySign(owner, { actor: 'u', reason: 'r' }))).toBe(403);
    expect(
      refusal(() =>
        assertMaySign(owner, {
          actor: 'u',
          reason: 'r',
          organisationId: owner,
          roles: ['platform-admin', 'auditor'],
        }),
      ),
    ).toBe(403);
  });
});
