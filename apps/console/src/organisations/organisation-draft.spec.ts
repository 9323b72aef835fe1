import { EMPTY_ORGANISATION_DRAFT, validateOrganisationDraft } from './organisation-draft';
import { submissionKeyFor } from './submission-key';

const valid = {
  ...EMPTY_ORGANISATION_DRAFT,
  name: '  Agenzia per l’Italia Digitale ',
  country: 'it',
};

describe('validateOrganisationDraft', () => {
  it('produces the request body: trimmed name, upper-case country, no empty legal identifier', () => {
    expect(validateOrganisationDraft(valid)).toEqual({
      ok: true,
      value: {
        name: 'Agenzia per l’Italia Digitale',
        country: 'IT',
        kind: 'public-administration',
      },
    });
  });

  it('keeps a legal identifier that is given', () => {
    const result = validateOrganisationDraft({ ...valid, legalIdentifier: ' LEI 815600 ' });
    expect(result.ok && result.value.legalIdentifier).toBe('LEI 815600');
  });

  it('reports every invalid field with a message a person understands', () => {
    const result = validateOrganisationDraft({
      name: 'A',
      country: 'Germany',
      kind: 'bank',
      legalIdentifier: 'semi;colon',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'must have at least 2 characters',
        country: 'must be an ISO 3166-1 alpha-2 code such as "DE"',
        kind: 'choose one of the listed kinds',
        legalIdentifier: 'may contain letters, digits, spaces and . - : /',
      },
    });
  });

  it('rejects a name made of spaces only', () => {
    const result = validateOrganisationDraft({ ...valid, name: '    ' });
    expect(result.ok).toBe(false);
  });
});

describe('submissionKeyFor', () => {
  let counter = 0;
  const newKey = () => `key-${++counter}`;

  it('reuses the key when the same content is submitted again (double click, retry)', () => {
    const first = submissionKeyFor(undefined, { name: 'Org' }, newKey);
    expect(submissionKeyFor(first, { name: 'Org' }, newKey)).toBe(first);
  });

  it('issues a new key when the content changed', () => {
    const first = submissionKeyFor(undefined, { name: 'Org' }, newKey);
    expect(submissionKeyFor(first, { name: 'Org 2' }, newKey).key).not.toBe(first.key);
  });
});
