import fc from 'fast-check';
import { levelOfAssuranceFromAcr, meetsLevel } from './assurance';

describe('eIDAS level of assurance from acr', () => {
  it('maps the eIDAS LoA URIs and Keycloak step-up levels', () => {
    expect(levelOfAssuranceFromAcr('http://eidas.europa.eu/LoA/substantial')).toBe('substantial');
    expect(levelOfAssuranceFromAcr('1')).toBe('low');
    expect(levelOfAssuranceFromAcr('3')).toBe('high');
  });

  it('gives no level for an SSO login, unknown values or non-strings', () => {
    expect(levelOfAssuranceFromAcr('0')).toBeUndefined();
    expect(levelOfAssuranceFromAcr('toString')).toBeUndefined();
    fc.assert(
      fc.property(fc.anything(), (acr) => {
        const level = levelOfAssuranceFromAcr(acr);
        expect(level === undefined || ['low', 'substantial', 'high'].includes(level)).toBe(true);
      }),
    );
  });

  it('orders the levels high > substantial > low', () => {
    expect(meetsLevel('high', 'substantial')).toBe(true);
    expect(meetsLevel('low', 'substantial')).toBe(false);
    expect(meetsLevel(undefined, 'low')).toBe(false);
  });
});
