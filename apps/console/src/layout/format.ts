/** How the console writes dates, long hex values and fee amounts. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** `0x1234abcd…ef01`: enough of a hash to recognise it; the full value stays in a title. */
export function shortenHex(hex: string, keep = 10): string {
  return hex.length <= keep * 2 + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep + 2)}`;
}

/** A wei amount (decimal string) in gwei: `500 gwei`, `1.5 gwei`; anything else as it came. */
export function formatGwei(wei: string): string {
  if (!/^\d+$/.test(wei)) return wei;
  const amount = BigInt(wei);
  const whole = amount / 1_000_000_000n;
  const fraction = (amount % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${whole.toLocaleString('en')}${fraction ? `.${fraction}` : ''} gwei`;
}
