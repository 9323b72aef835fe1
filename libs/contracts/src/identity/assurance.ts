/**
 * eIDAS levels of assurance (Regulation 910/2014, art. 8) and how an OpenID Connect `acr`
 * claim maps onto them: the eIDAS LoA URIs as such, Keycloak's numeric step-up levels
 * "1" / "2" / "3" as low / substantial / high. Anything else (including Keycloak's "0", an SSO
 * cookie login) gives no level.
 */
import { z } from 'zod';

export const LEVELS_OF_ASSURANCE = ['low', 'substantial', 'high'] as const;
export const levelOfAssuranceSchema = z.enum(LEVELS_OF_ASSURANCE);
export type LevelOfAssurance = z.infer<typeof levelOfAssuranceSchema>;

const BY_ACR: Record<string, LevelOfAssurance> = {
  'http://eidas.europa.eu/LoA/low': 'low',
  'http://eidas.europa.eu/LoA/substantial': 'substantial',
  'http://eidas.europa.eu/LoA/high': 'high',
  '1': 'low',
  '2': 'substantial',
  '3': 'high',
};

export function levelOfAssuranceFromAcr(acr: unknown): LevelOfAssurance | undefined {
  return typeof acr === 'string' && Object.hasOwn(BY_ACR, acr) ? BY_ACR[acr] : undefined;
}

/** Whether `level` meets `required` (high > substantial > low). */
export function meetsLevel(
  level: LevelOfAssurance | undefined,
  required: LevelOfAssurance,
): boolean {
  return (
    level !== undefined &&
    LEVELS_OF_ASSURANCE.indexOf(level) >= LEVELS_OF_ASSURANCE.indexOf(required)
  );
}
