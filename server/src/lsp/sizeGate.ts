// Live checking has a size limit (breakwater.maxFileSizeMB, 20 MB by default). A
// spec above it gets one notice instead of a check that would cost many seconds
// and gigabytes after every pause in typing; the CLI (no limit) still checks it.
import type { Diagnostic } from 'vscode-languageserver/node';

export const TOO_LARGE_CODE = 'too-large';
export const DEFAULT_MAX_FILE_SIZE_MB = 20;

/** The notice for a text above `maxMb` megabytes (UTF-8), or undefined when it is within the limit. */
export function tooLargeNotice(text: string, maxMb: number, fileName: string): Diagnostic | undefined {
  const limit = maxMb * 1024 * 1024;
  // A UTF-16 unit is 1 to 3 bytes in UTF-8: only a text near the limit needs counting.
  if (text.length * 3 <= limit) return undefined;
  const bytes = text.length > limit ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes <= limit) return undefined;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 3,
    source: 'breakwater',
    code: TOO_LARGE_CODE,
    message: `${fileName} is too large for live checking (${megabytes(bytes)} MB; the limit is ${maxMb} MB, setting breakwater.maxFileSizeMB). Check it from a terminal: breakwater check ${quoteArg(fileName)}`,
  };
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** The file name as a shell argument (names may hold spaces, quotes or a leading dash). */
function quoteArg(name: string): string {
  const safe = name.startsWith('-') ? `./${name}` : name;
  return /^[\w./@+-]+$/.test(safe) ? safe : `'${safe.replace(/'/g, `'\\''`)}'`;
}
