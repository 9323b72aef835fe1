/** How the console writes dates and long hex values. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** `0x1234abcd…ef01`: enough of a hash to recognise it; the full value stays in a title. */
export function shortenHex(hex: string, keep = 10): string {
  return hex.length <= keep * 2 + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep + 2)}`;
}
