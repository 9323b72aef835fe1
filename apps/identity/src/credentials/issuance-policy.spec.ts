import fc from 'fast-check';
import { DomainProblem } from '@strata/bus';
import { LEVELS_OF_ASSURANCE, type LevelOfAssurance } from '@strata/contracts';
import { issuancePoliciesConfig, IssuancePolicy } from './issuance-policy';

const statusOf = (fn: () => void): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainProblem ? error.problem.status : -1;
  }
};

describe('IssuancePolicy', () => {
  const policy = new IssuancePolicy({
    DiplomaCredential: 'substantial',
    'https://schemas.example.eu/pid.json': 'high',
  });

  it('refuses with 403 insufficient-level-of-assurance a caller below the strictest required level', () => {
    expect(statusOf(() => policy.assertMayIssue('low', ['DiplomaCredential']))).toBe(403);
    expect(statusOf(() => policy.assertMayIssue(undefined, ['DiplomaCredential']))).toBe(403);
    expect(
      statusOf(() =>
        policy.assertMayIssue('substantial', [
          'DiplomaCredential',
          'https://schemas.example.eu/pid.json',
        ]),
      ),
    ).toBe(403);
    try {
      policy.assertMayIssue('low', ['DiplomaCredential']);
    } catch (error) {
      expect((error as DomainProblem).problem.code).toBe('insufficient-level-of-assurance');
    }
  });

  it('lets a caller at or above the required level issue, and anyone issue unregulated types', () => {
    expect(
      statusOf(() => policy.assertMayIssue('substantial', ['DiplomaCredential'])),
    ).toBeUndefined();
    expect(
      statusOf(() => policy.assertMayIssue('high', ['https://schemas.example.eu/pid.json'])),
    ).toBeUndefined();
    expect(statusOf(() => policy.assertMayIssue(undefined, ['PermitCredential']))).toBeUndefined();
    expect(
      statusOf(() => policy.assertMayIssue(undefined, ['toString', '__proto__'])),
    ).toBeUndefined();
  });

  it('requires exactly the strictest level among any set of regulated subjects', () => {
    const levels = fc.constantFrom<LevelOfAssurance>(...LEVELS_OF_ASSURANCE);
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), levels),
        levels,
        (rules, caller) => {
          const subjects = Object.keys(rules);
          const strictest = subjects.reduce<number>(
            (max, s) => Math.max(max, LEVELS_OF_ASSURANCE.indexOf(rules[s])),
            -1,
          );
          const refused = statusOf(() =>
            new IssuancePolicy(rules).assertMayIssue(caller, subjects),
          );
          expect(refused === 403).toBe(strictest > LEVELS_OF_ASSURANCE.indexOf(caller));
        },
      ),
    );
  });
});

describe('STRATA_IDENTITY_ISSUANCE_POLICIES', () => {
  it('reads a JSON object of levels and refuses anything else at start-up', () => {
    expect(issuancePoliciesConfig.parse(undefined)).toEqual({});
    expect(issuancePoliciesConfig.parse('{"DiplomaCredential":"high"}')).toEqual({
      DiplomaCredential: 'high',
    });
    for (const bad of ['not json', '[]', '{"A":"medium"}', '{"":"low"}', '"high"']) {
      expect(issuancePoliciesConfig.safeParse(bad).success).toBe(false);
    }
  });
});
