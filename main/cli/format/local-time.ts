// Times in the terminal's local time with its UTC offset, "2025-11-25 23:31:02 +11:00": one
// unambiguous form whatever the locale, readable when the terminal is a remote machine in
// another zone. Built from Date's own fields rather than Intl.DateTimeFormat, whose first use
// loads ICU's locale data and costs a CLI start tens of milliseconds (see `npm run bench`).

const two = (n: number) => String(n).padStart(2, '0');

/** The local offset at that instant (daylight saving included), in minutes east of UTC. */
export function localOffsetMinutes(epochMs: number): number {
  return -new Date(epochMs).getTimezoneOffset();
}

export function formatLocalTime(epochMs: number, offsetMinutes = localOffsetMinutes(epochMs)): string {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const date = `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(offsetMinutes);
  return `${date} ${time} ${sign}${two(Math.floor(offset / 60))}:${two(offset % 60)}`;
}
