/**
 * Consortium governance: members propose (add/remove a validator, admit/remove a member, change
 * network parameters) and vote before a deadline; the platform applies approved proposals.
 */
import { z } from 'zod';
import { networkParametersSchema } from './provisioning';

export const proposalActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add-validator'), nodeId: z.uuid() }).strict(),
  z.object({ kind: z.literal('remove-validator'), nodeId: z.uuid() }).strict(),
  z.object({ kind: z.literal('admit-member'), organisationId: z.uuid() }).strict(),
  z.object({ kind: z.literal('remove-member'), organisationId: z.uuid() }).strict(),
  z
    .object({
      kind: z.literal('change-parameters'),
      parameters: networkParametersSchema
        .pick({ blockPeriodSeconds: true, requestTimeoutSeconds: true, gasLimit: true })
        .partial()
        .strict(),
    })
    .strict(),
]);
export type ProposalAction = z.infer<typeof proposalActionSchema>;

export const submitProposalBodySchema = z
  .object({
    action: proposalActionSchema,
    description: z.string().trim().max(2000).optional(),
    /** When voting ends; a proposal without enough votes by then expires. */
    deadline: z.iso.datetime({ offset: true }),
  })
  .strict();
export type SubmitProposalBody = z.infer<typeof submitProposalBodySchema>;

/** Command payload of `strata.platform-mgmt.submit-proposal.v1`. */
export const submitProposalSchema = z.object({
  networkId: z.uuid(),
  proposal: submitProposalBodySchema,
});
export type SubmitProposal = z.infer<typeof submitProposalSchema>;

export const castVoteBodySchema = z.object({ approve: z.boolean() }).strict();
export type CastVoteBody = z.infer<typeof castVoteBodySchema>;

/** Command payload of `strata.platform-mgmt.cast-vote.v1`. */
export const castVoteSchema = z.object({
  networkId: z.uuid(),
  proposalId: z.uuid(),
  approve: z.boolean(),
});
export type CastVote = z.infer<typeof castVoteSchema>;

export const PROPOSAL_STATUSES = [
  'open',
  'approved',
  'executing',
  'executed',
  'rejected',
  'expired',
] as const;

export const proposalSchema = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  action: proposalActionSchema,
  description: z.string().nullable(),
  proposedBy: z.uuid(),
  status: z.enum(PROPOSAL_STATUSES),
  /** Approvals needed (default: more than half of the validator-owning institutions). */
  threshold: z.int(),
  eligibleVoters: z.array(z.uuid()),
  votes: z.array(
    z.object({ organisationId: z.uuid(), approve: z.boolean(), castAt: z.iso.datetime() }),
  ),
  deadline: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  /** What happened when applying it (or why it could not be applied yet). */
  outcome: z.string().nullable(),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalListSchema = z.array(proposalSchema);
