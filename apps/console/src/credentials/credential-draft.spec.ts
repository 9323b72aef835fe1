import fc from 'fast-check';
import { checkCredentialDraft, emptyCredentialDraft } from './credential-draft';

const ISSUER = 'did:key:zQ3shqJ2XLzdQGBRv9KixhzBSeLQKdcP5wNGrdkV5iUxWj7fA';

describe('checkCredentialDraft', () => {
  it('turns the form into an issue command with a JsonSchema credentialSchema', () => {
    expect(
      checkCredentialDraft({
        issuer: ` ${ISSUER} `,
        types: 'UniversityDegreeCredential, Extra',
        subjectId: 'did:example:alice',
        claims: '{"degree":{"type":"BachelorDegree","name":"BSc"}}',
        credentialSchemaId: 'urn:strata:credential-schema:university-degree:v1',
      }),
    ).toEqual({
      ok: true,
      command: {
        issuer: ISSUER,
        types: ['UniversityDegreeCredential', 'Extra'],
        subjectId: 'did:example:alice',
        claims: { degree: { type: 'BachelorDegree', name: 'BSc' } },
        credentialSchema: {
          id: 'urn:strata:credential-schema:university-degree:v1',
          type: 'JsonSchema',
        },
      },
    });
  });

  it('names the fields that are wrong', () => {
    expect(checkCredentialDraft({ ...emptyCredentialDraft, claims: '{' })).toEqual({
      ok: false,
      errors: { claims: 'must be JSON' },
    });
    const result = checkCredentialDraft({ ...emptyCredentialDraft, issuer: ISSUER, claims: '[]' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['claims', 'types']);
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(
        fc.record({
          issuer: fc.string(),
          types: fc.string(),
          subjectId: fc.string(),
          claims: fc.oneof(fc.string(), fc.json()),
          credentialSchemaId: fc.string(),
        }),
        (draft) => {
          expect(typeof checkCredentialDraft(draft).ok).toBe('boolean');
        },
      ),
    );
  });
});
