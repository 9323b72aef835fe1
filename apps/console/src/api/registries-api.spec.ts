/** The SDK models of the trust registries become the contract types the registry views show. */
import { issuerAttributeSchema, trustedSchemaSchema } from '@strata/contracts';
import {
  IssuerAttributePageItemsInnerFromJSON,
  TrustedSchemaPageItemsInnerFromJSON,
} from '@strata/sdk';
import { toIssuerAttribute, toTrustedSchema } from './registries-api';

describe('registries API models', () => {
  it('maps a revoked accreditation from the SDK back to its contract shape', () => {
    const attribute = {
      id: '0x8f3a000000000000000000000000000000000000000000000000000000000001',
      issuerType: 'Revoked',
      tao: 'did:strata:zTao',
      schemas: ['0x11aa000000000000000000000000000000000000000000000000000000000000'],
      validFrom: '2026-11-26T10:00:00.000Z',
      revokedAt: '2026-11-26T11:00:00.000Z',
      inForce: false,
    };
    expect(
      issuerAttributeSchema.parse(
        toIssuerAttribute(IssuerAttributePageItemsInnerFromJSON(attribute)),
      ),
    ).toEqual(attribute);
  });

  it('maps a trusted schema from the SDK back to its contract shape', () => {
    const schema = {
      id: '0x11aa000000000000000000000000000000000000000000000000000000000000',
      uri: 'https://strata.example/api/v1/schemas/0x11aa',
      registrant: 'did:strata:zTao',
      registeredAt: '2026-11-26T10:00:00.000Z',
      revokedAt: null,
    };
    expect(
      trustedSchemaSchema.parse(toTrustedSchema(TrustedSchemaPageItemsInnerFromJSON(schema))),
    ).toEqual(schema);
  });
});
