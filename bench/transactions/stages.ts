/**
 * Where a transfer's time went, from what the run stored: the gateway's operation (created when
 * the POST arrived, updated when the ledger's reply came back) and the ledger's outbox row of
 * each transition (stamped when its transaction flushed). Averages over the run's transfers, in
 * milliseconds; read before the benchmark drops its database.
 */
import { Client } from 'pg';

export interface TransferStages {
  transfers: number;
  postToAccepted: number;
  acceptedToAnswered: number;
  acceptedToSigned: number;
  signedToSubmitted: number;
  submittedToMined: number;
  minedToConfirmed: number;
}

const STAGES_SQL = `
with transitions as (
  select envelope->'payload'->>'id' as tx,
         substring(topic from 'transaction-([a-z]+)\\.v1$') as status, created_at
  from ledger.outbox_message
  where topic like '%ledger.transaction-%' and envelope->'payload'->>'kind' = 'transfer'
), operations as (
  select outcome->'body'->>'id' as tx, created_at as posted, updated_at as answered
  from gateway.operation where kind = 'submit-transaction' and status = 'succeeded'
), per_transfer as (
  select o.posted, o.answered,
         max(t.created_at) filter (where t.status = 'accepted') as accepted,
         max(t.created_at) filter (where t.status = 'signed') as signed,
         max(t.created_at) filter (where t.status = 'submitted') as submitted,
         max(t.created_at) filter (where t.status = 'mined') as mined,
         max(t.created_at) filter (where t.status = 'confirmed') as confirmed
  from operations o join transitions t on t.tx = o.tx
  group by o.tx, o.posted, o.answered
)
select count(*)::int as transfers,
  round(avg(extract(epoch from accepted - posted)) * 1000)::int as "postToAccepted",
  round(avg(extract(epoch from answered - accepted)) * 1000)::int as "acceptedToAnswered",
  round(avg(extract(epoch from signed - accepted)) * 1000)::int as "acceptedToSigned",
  round(avg(extract(epoch from submitted - signed)) * 1000)::int as "signedToSubmitted",
  round(avg(extract(epoch from mined - submitted)) * 1000)::int as "submittedToMined",
  round(avg(extract(epoch from confirmed - mined)) * 1000)::int as "minedToConfirmed"
from per_transfer`;

export async function transferStages(databaseUrl: string): Promise<TransferStages> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    // The JSON-extracted join keys defeat the row estimates and the planner picks a nested
    // loop: minutes for 5,000 transfers (25,000 transitions) instead of well under a second.
    await client.query('begin');
    await client.query('set local enable_nestloop = off');
    const { rows } = await client.query<TransferStages>(STAGES_SQL);
    await client.query('commit');
    return rows[0];
  } finally {
    await client.end();
  }
}

export function formatStages(stages: TransferStages): string {
  return (
    `strata stages, average ms over ${stages.transfers} transfers: ` +
    `POST -> accepted ${stages.postToAccepted}, accepted -> 202 answered ${stages.acceptedToAnswered}, ` +
    `accepted -> signed ${stages.acceptedToSigned}, signed -> submitted ${stages.signedToSubmitted}, ` +
    `submitted -> mined ${stages.submittedToMined}, mined -> confirmed ${stages.minedToConfirmed}`
  );
}
