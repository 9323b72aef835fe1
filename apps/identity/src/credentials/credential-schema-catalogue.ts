/**
 * The JSON Schema 2020-12 documents of the credential schemas identity knows, by their
 * `credentialSchema.id`. Each validates a whole credentialSubject (its `id` included). Adding a
 * schema here is a code change reviewed like any other; schemas registered at run time are not
 * supported yet (docs/identity.md).
 */
export const CREDENTIAL_SCHEMA_CATALOGUE = [
  {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:strata:credential-schema:university-degree:v1',
    title: 'University degree',
    type: 'object',
    properties: {
      id: { type: 'string', minLength: 1, maxLength: 512 },
      degree: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['BachelorDegree', 'MasterDegree', 'DoctoralDegree'] },
          name: { type: 'string', minLength: 1, maxLength: 200 },
        },
        required: ['type', 'name'],
        additionalProperties: false,
      },
    },
    required: ['id', 'degree'],
    additionalProperties: false,
  },
  {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:strata:credential-schema:person-identification:v1',
    title: 'Person identification data (eIDAS minimum data set of a natural person)',
    type: 'object',
    properties: {
      id: { type: 'string', minLength: 1, maxLength: 512 },
      familyName: { type: 'string', minLength: 1, maxLength: 200 },
      givenName: { type: 'string', minLength: 1, maxLength: 200 },
      birthDate: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' },
      personalIdentifier: { type: 'string', minLength: 1, maxLength: 256 },
    },
    required: ['id', 'familyName', 'givenName', 'birthDate', 'personalIdentifier'],
    additionalProperties: false,
  },
] as const;
