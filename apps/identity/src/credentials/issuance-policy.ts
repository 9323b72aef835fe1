/**
 * Issuance policies by eIDAS level of assurance: a deployment can require that credentials of a
 * type, or of a credential schema (its `credentialSchema.id`), are issued only by a caller whose
 * login reached at least `substantial` or `high` (the token's `acr`, mapped in @strata/auth).
 * Configured with STRATA_IDENTITY_ISSUANCE_POLICIES, a JSON object from type or schema id to
 * level; a caller below the strictest applicable level gets a 403 problem
 * `insufficient-level-of-assurance` and nothing is issued.
 */
import { z } from 'zod';
import { DomainProblem } from '@strata/bus';
import {
  type LevelOfAssurance,
  LEVELS_OF_ASSURANCE,
  levelOfAssuranceSchema,
  meetsLevel,
} from '@strata/contracts';

export const ISSUANCE_POLICY = Symbol('ISSUANCE_POLICY');

const policiesSchema = z.record(z.string().min(1).max(512), levelOfAssuranceSchema);

/** STRATA_IDENTITY_ISSUANCE_POLICIES: JSON text, parsed and validated at start-up. */
export const issuancePoliciesConfig = z
  .string()
  .default('{}')
  .transform((text, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
      return z.NEVER;
    }
    const policies = policiesSchema.safeParse(parsed);
    if (!policies.success) {
      ctx.addIssue({
        code: 'custom',
        message: `must map credential types or schema ids to ${LEVELS_OF_ASSURANCE.join('/')}`,
      });
      return z.NEVER;
    }
    return policies.data;
  });

export class IssuancePolicy {
  constructor(private readonly required: Readonly<Record<string, LevelOfAssurance>> = {}) {}

  /** The strictest level the types and schemas require, and which of them requires it. */
  requiredLevel(subjects: readonly string[]): { level: LevelOfAssurance; by: string } | undefined {
    let strictest: { level: LevelOfAssurance; by: string } | undefined;
    for (const subject of subjects) {
      const level = Object.hasOwn(this.required, subject) ? this.required[subject] : undefined;
      if (level && (!strictest || !meetsLevel(strictest.level, level))) {
        strictest = { level, by: subject };
      }
    }
    return strictest;
  }

  /** Refuses (403) a caller whose level of assurance is below what `subjects` require. */
  assertMayIssue(callerLevel: LevelOfAssurance | undefined, subjects: readonly string[]): void {
    const required = this.requiredLevel(subjects);
    if (!required || meetsLevel(callerLevel, required.level)) return;
    throw new DomainProblem({
      code: 'insufficient-level-of-assurance',
      status: 403,
      title: 'Insufficient level of assurance',
      detail: `Issuing ${required.by} needs a login at eIDAS level ${required.level}; this login is at ${callerLevel ?? 'no eIDAS level'}.`,
    });
  }
}
