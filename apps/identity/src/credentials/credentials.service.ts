/**
 * Verifiable credentials as JWTs: issuing with one of the caller organisation's platform-held
 * did:key (VC Data Model 2.0 credential in the `vc` claim, with the JWT registered claims
 * iss/sub/jti/nbf/exp that did-jwt and VC-JWT 1.1 verifiers read) and verifying.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeJWT } from 'did-jwt';
import {
  type Actor,
  CredentialTopics,
  type IssueCredential,
  type IssuedCredential,
  type PresentationVerification,
  type VerificationResult,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { auditOf, DidKeyCustody } from '../key-custody/did-key-custody';
import { ManagedDid } from '../identifiers/managed-did.entity';
import { ALG_OF, signAsIssuer } from './credential-signer';
import { IssuancePolicy } from './issuance-policy';
import { assertSubjectMatches } from './credential-schemas';
import { StatusListsService } from '../status/status-lists.service';
import { verifyCredentialJwt } from './credential-verifier';
import type { IssuerTrust } from '../trust-registry/issuer-trust';

const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';

@Injectable()
export class CredentialsService {
  constructor(
    private readonly clock: Clock,
    private readonly custody: DidKeyCustody,
    private readonly issuancePolicy: IssuancePolicy,
    private readonly statusLists: StatusListsService,
  ) {}

  async issue(
    em: EntityManager,
    outbox: OutboxWriter,
    input: IssueCredential,
    actor: Actor & { organisationId: string },
  ): Promise<IssuedCredential> {
    const schema = input.credentialSchema;
    this.issuancePolicy.assertMayIssue(actor.levelOfAssurance, [
      ...input.types,
      ...(schema ? [schema.id] : []),
    ]);
    const credentialSubject = {
      ...(input.subjectId ? { id: input.subjectId } : {}),
      ...input.claims,
    };
    if (schema) assertSubjectMatches(schema, credentialSubject);
    const issuer = await em.findOne(ManagedDid, { did: input.issuer });
    if (!issuer || issuer.organisationId !== actor.organisationId) {
      throw DomainProblem.forbidden(`${input.issuer} is not a DID of the caller's organisation.`);
    }
    const id = `urn:uuid:${randomUUID()}`;
    const validFrom = input.validFrom ? new Date(input.validFrom) : this.clock.now();
    const validUntil = input.validUntil ? new Date(input.validUntil) : null;
    const types = [
      'VerifiableCredential',
      ...input.types.filter((t) => t !== 'VerifiableCredential'),
    ];
    const credential = {
      '@context': [VC_CONTEXT_V2],
      id,
      type: types,
      issuer: issuer.did,
      validFrom: validFrom.toISOString(),
      ...(validUntil ? { validUntil: validUntil.toISOString() } : {}),
      credentialStatus: await this.statusLists.allocate(em, issuer.did, id, actor.organisationId),
      ...(schema ? { credentialSchema: schema } : {}),
      credentialSubject,
    };
    const alg = ALG_OF[issuer.keyType];
    const jwt = await signAsIssuer(
      this.custody,
      issuer,
      {
        vc: credential,
        jti: id,
        ...(input.subjectId ? { sub: input.subjectId } : {}),
        nbf: Math.floor(validFrom.getTime() / 1000),
        ...(validUntil ? { exp: Math.floor(validUntil.getTime() / 1000) } : {}),
      },
      auditOf(actor, `issue credential ${id}`),
    );
    const issued: IssuedCredential = {
      id,
      issuer: issuer.did,
      types,
      alg,
      validFrom: credential.validFrom,
      validUntil: validUntil?.toISOString() ?? null,
      jwt,
    };
    // The event records the issuance (who, what, when), not the subject's claims.
    outbox.add({
      topic: CredentialTopics.credentialIssued,
      key: issuer.did,
      payload: {
        id,
        issuer: issuer.did,
        types,
        alg,
        validFrom: issued.validFrom,
        validUntil: issued.validUntil,
        subjectId: input.subjectId ?? null,
        organisationId: actor.organisationId,
        issuedBy: actor.subject,
        issuedAt: this.clock.now().toISOString(),
      },
    });
    return issued;
  }

  /**
   * A VP-JWT: the holder's signature and validity, then every credential it carries with every
   * check `verify` makes, so with `trust` each issuer's accreditation for the credential's schema
   * too (the holder's DID is resolved through the registries as well, but not checked as an issuer).
   */
  async verifyPresentation(
    em: EntityManager,
    jwt: string,
    trust?: IssuerTrust,
  ): Promise<PresentationVerification> {
    const presentation = await verifyCredentialJwt(
      jwt,
      this.clock.now(),
      (entry) => this.statusLists.isSet(em, entry),
      trust,
      { accreditation: false },
    );
    const carried = credentialsIn(jwt);
    const credentials = await Promise.all(
      carried.map((credential) => this.verify(em, credential, trust)),
    );
    const empty = carried.length === 0 && presentation.verified;
    return {
      verified: presentation.verified && !empty && credentials.every((c) => c.verified),
      presentation: empty
        ? {
            ...presentation,
            verified: false,
            problems: [
              {
                check: 'signature',
                code: 'no-credentials',
                detail: 'the presentation carries no VC-JWT in vp.verifiableCredential',
              },
            ],
          }
        : presentation,
      credentials,
    };
  }

  /** With `trust`, the issuer is also resolved on chain and checked for accreditation. */
  verify(em: EntityManager, jwt: string, trust?: IssuerTrust): Promise<VerificationResult> {
    return verifyCredentialJwt(
      jwt,
      this.clock.now(),
      (entry) => this.statusLists.isSet(em, entry),
      trust,
    );
  }
}

/** The VC-JWTs in a VP-JWT's `vp.verifiableCredential` (nothing when it is not a JWT). */
function credentialsIn(jwt: string): string[] {
  try {
    const vp = (decodeJWT(jwt).payload as { vp?: { verifiableCredential?: unknown } }).vp;
    const list = vp?.verifiableCredential;
    return (Array.isArray(list) ? list : [])
      .filter((c): c is string => typeof c === 'string')
      .slice(0, 50);
  } catch {
    return [];
  }
}
