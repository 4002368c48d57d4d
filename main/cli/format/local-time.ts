// Times as the person at the terminal reads them: their locale and time zone, with the zone
// named, because a terminal is often a remote machine whose clock zone is not the reader's.

export function formatLocalTime(
  epochMs: number,
  options: { locale?: string; timeZone?: string } = {},
): string {
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'long',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(epochMs);
}
