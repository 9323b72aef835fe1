/** Verifying a verifiable presentation (VP-JWT) and the VC-JWTs it carries. */
import { z } from 'zod';
import { verificationResultSchema } from './credentials';

export const verifyPresentationSchema = z
  .object({ presentation: z.string().min(1).max(262_144) })
  .strict();
export type VerifyPresentation = z.infer<typeof verifyPresentationSchema>;

export const presentationVerificationSchema = z.object({
  verified: z.boolean(),
  /** The holder's signature over the presentation, holder DID resolution, validity period. */
  presentation: verificationResultSchema,
  /** One result per credential in `vp.verifiableCredential`, in order. */
  credentials: z.array(verificationResultSchema),
});
export type PresentationVerification = z.infer<typeof presentationVerificationSchema>;
