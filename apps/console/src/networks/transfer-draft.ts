/**
 * The "Send a transfer" form's values and their validation with the API's own schema
 * (`submitTransactionSchema`, kind `transfer`), so the console accepts exactly what the API does.
 */
import { type SubmitTransaction, submitTransactionSchema } from '@strata/contracts';

export const TRANSFER_FIELDS = ['from', 'to', 'value'] as const;
export type TransferField = (typeof TRANSFER_FIELDS)[number];
export type TransferDraft = Record<TransferField, string>;

export type TransferValidation =
  | { ok: true; value: SubmitTransaction }
  | { ok: false; errors: Partial<Record<TransferField, string>> };

/** Turns the inputs into the request body, or says what is wrong per field. */
export function validateTransferDraft(draft: TransferDraft): TransferValidation {
  const parsed = submitTransactionSchema.safeParse({
    kind: 'transfer',
    from: draft.from.trim(),
    to: draft.to.trim(),
    value: draft.value.trim(),
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: Partial<Record<TransferField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as TransferField;
    errors[field] ??= field === 'from' ? 'choose one of your signing accounts' : issue.message;
  }
  return { ok: false, errors };
}
