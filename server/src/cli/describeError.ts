// The one line a failed run prints instead of a stack trace (used by the CLI and its worker threads).
import { relative } from 'node:path';
import { SpecInputError } from '../engine/index';
import { ConfigError } from '../config/index';
import { GitError } from '../io/gitErrors';
import { UsageError } from './args';
import { InputError } from './inputFiles';

/** One line for the user: what is wrong and with which file, never a stack trace. */
export function describeError(e: unknown, cwd = process.cwd()): string {
  const shown = (f: string) => relative(cwd, f) || f;
  if (e instanceof SpecInputError) return `${shown(e.file)}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''}: ${e.message}`;
  if (e instanceof ConfigError) return `${shown(e.file)}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''}: ${e.detail}`;
  if (e instanceof UsageError || e instanceof InputError || e instanceof GitError) return e.message;
  if (e instanceof RangeError) return `the spec is too deeply nested or too large to compare (${e.message})`;
  return `internal error: ${e instanceof Error ? e.message : String(e)} (please report this)`;
}
