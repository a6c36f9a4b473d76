// The data every output format renders: findings and problems of all compared
// specs, with file paths as the user gave them: a file named on the command line
// is shown as typed, the others relative to the working directory, or absolute
// when the user gave absolute paths.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Finding, Level, Problem } from '../../engine/index';
import type { Compared } from '../commands/compared';
import type { RepoRun, SpecStatus } from '../repo/repoCheck';
import { policyHints } from './policyHints';

export interface Report {
  findings: Finding[];
  problems: Problem[];
  notes: string[];
  summary: Record<Level, number>;
  /** `check` with no SPEC: every spec of the repository, in path order, with what it contributed. */
  specs?: SpecReport[];
  /** `check` with no SPEC: the base as given (`HEAD`, `merge-base:main`). */
  base?: string;
}

export interface SpecReport {
  /** Relative like every path of the report. */
  file: string;
  status: SpecStatus;
  summary: Record<Level, number>;
  findings: Finding[];
  problems: Problem[];
  /** Why the spec could not be checked. */
  error?: string;
}

/** `given`: the paths as typed on the command line (none: every path relative to `cwd`, as SARIF and annotations want). */
export function buildReport(compared: Compared[], cwd = process.cwd(), given: string[] = []): Report {
  const typed = new Map(given.map((g) => [resolve(cwd, g), g]));
  const absolute = given.length > 0 && given.every((g) => isAbsolute(g));
  // Forward slashes on every platform: these paths end up in SARIF URIs and CI annotations.
  const rel = (f: string) => typed.get(f) ?? (absolute ? f : (relative(cwd, f) || f).split(sep).join('/'));
  const findings = compared.flatMap((c) =>
    c.result.findings.map((f) => ({
      ...f,
      base: f.base ? { ...f.base, file: rel(f.base.file) } : null,
      revision: f.revision ? { ...f.revision, file: rel(f.revision.file) } : null,
    })),
  );
  const problems = compared.flatMap((c) => c.result.problems.map((p) => ({ ...p, file: rel(p.file) })));
  const summary: Record<Level, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.level]++;
  return { findings, problems, notes: [...compared.flatMap((c) => c.notes), ...policyHints(findings)], summary };
}

export function buildRepoReport(run: RepoRun, cwd = process.cwd()): Report {
  const specs: SpecReport[] = run.specs.map((entry) => {
    const own = buildReport(entry.compared ? [entry.compared] : [], cwd);
    const file = (relative(cwd, entry.file) || entry.file).split(sep).join('/');
    return { file, status: entry.status, summary: own.summary, findings: own.findings, problems: own.problems, ...(entry.error ? { error: entry.error } : {}) };
  });
  const all = buildReport(
    run.specs.flatMap((e) => (e.compared ? [e.compared] : [])),
    cwd,
  );
  return { ...all, notes: [...run.notes, ...all.notes], specs, base: run.base };
}

/** Where a finding is shown: its revision position, or the base one for pure removals. */
export function where(f: Finding): { file: string; line: number; column: number } {
  const loc = f.revision ?? f.base;
  return loc ? { file: loc.file, line: loc.line, column: loc.column } : { file: '', line: 1, column: 1 };
}
