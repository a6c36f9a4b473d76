// `--stats` (or BREAKWATER_STATS=1): where the time went and the peak memory, on
// stderr so it never mixes with JSON or SARIF on stdout. Peak RSS comes from the
// process itself because /usr/bin/time is not everywhere.
import type { Compared } from './commands/compared';

export function statsLine(compared: Compared[], totalMs: number): string {
  const read = compared.reduce((n, c) => n + c.stats.readMs, 0);
  const cmp = compared.reduce((n, c) => n + c.stats.compareMs, 0);
  const files = compared.reduce((n, c) => n + c.stats.files, 0);
  const peakMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
  return `breakwater: stats: total ${Math.round(totalMs)} ms (read ${Math.round(read)} ms, parse+compare ${Math.round(cmp)} ms), ${files} files, peak RSS ${peakMb.toFixed(1)} MB`;
}
