/** Organisations registry: the institutions (and vendors, auditors) that take part in Strata. */
import { z } from 'zod';
import { pageRequestSchema, pageSchema } from '../pagination';

export const ORGANISATION_KINDS = [
  'public-administration',
  'vendor',
  'auditor',
  'operator',
] as const;

/** ISO 3166-1 alpha-2, upper case (EU institutions also use `EU`). */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "DE"');

export const registerOrganisationSchema = z
  .object({
    name: z.string().trim().min(2).max(200),
    country: countryCodeSchema,
    kind: z.enum(ORGANISATION_KINDS).default('public-administration'),
    /** A registry identifier such as an LEI, a VAT number or an EUID; unique when given. */
    legalIdentifier: z
      .string()
      .trim()
      .min(2)
      .max(64)
      .regex(/^[A-Za-z0-9.\-:/ ]+$/, 'may contain letters, digits, spaces and . - : /')
      .optional(),
  })
  .strict();
export type RegisterOrganisation = z.infer<typeof registerOrganisationSchema>;

export const organisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  country: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  legalIdentifier: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationPageSchema = pageSchema(organisationSchema);

export const listOrganisationsQuerySchema = pageRequestSchema
  .extend({
    /** Case-insensitive substring of the name. */
    name: z.string().trim().min(1).max(200).optional(),
    country: countryCodeSchema.optional(),
    kind: z.enum(ORGANISATION_KINDS).optional(),
  })
  .strict();
export type ListOrganisationsQuery = z.infer<typeof listOrganisationsQuerySchema>;

/** Event payload of `strata.platform-mgmt.organisation-registered.v1`. */
export const organisationRegisteredSchema = organisationSchema;
export type OrganisationRegistered = Organisation;
