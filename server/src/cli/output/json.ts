// The JSON contract of docs/cli-json.md; internal fields (ranges, fix hints) are left out.
import type { Report } from './report';

export function renderJson(report: Report): string {
  const side = (s: { file: string; line: number; column: number } | null) => (s ? { file: s.file, line: s.line, column: s.column } : null);
  return (
    JSON.stringify(
      {
        findings: report.findings.map((f) => ({
          rule: f.rule,
          level: f.level,
          message: f.message,
          operation: f.operation,
          pointer: f.pointer,
          base: side(f.base),
          revision: side(f.revision),
          fingerprint: f.fingerprint,
        })),
        summary: report.summary,
        problems: report.problems.map((p) => ({ message: p.message, file: p.file, line: p.line, column: p.column })),
        // `check` with no SPEC: every spec with its status and counts (its findings are in `findings`, by file).
        ...(report.specs
          ? {
              base: report.base,
              specs: report.specs.map((s) => ({
                file: s.file,
                status: s.status,
                summary: s.summary,
                findings: s.findings.map((f) => f.fingerprint),
                ...(s.error ? { error: s.error } : {}),
              })),
            }
          : {}),
      },
      null,
      2,
    ) + '\n'
  );
}
