// Compiler-style text: `file:line:col  level  rule-id  message`, grouped by file,
// coloured only for a terminal (and never with NO_COLOR).
import type { Level } from '../../engine/index';
import { where, type Report } from './report';

const COLOURS: Record<Level | 'dim' | 'bold', [number, number]> = { error: [31, 39], warning: [33, 39], info: [36, 39], dim: [2, 22], bold: [1, 22] };

export function renderText(report: Report, colour: boolean): string {
  const paint = (kind: keyof typeof COLOURS, s: string) => (colour ? `\u001b[${COLOURS[kind][0]}m${s}\u001b[${COLOURS[kind][1]}m` : s);
  const out: string[] = [];
  let lastFile: string | undefined;
  for (const f of report.findings) {
    const w = where(f);
    if (lastFile !== undefined && w.file !== lastFile) out.push('');
    lastFile = w.file;
    out.push(`${paint('bold', `${w.file}:${w.line}:${w.column}`)}  ${paint(f.level, f.level.padEnd(7))}  ${paint('dim', f.rule)}  ${f.message}`);
  }
  if (report.problems.length) {
    if (out.length) out.push('');
    for (const p of report.problems) out.push(`${p.file}:${p.line}:${p.column}  ${paint('dim', 'note   ')}  ${paint('dim', 'spec-problem')}  ${p.message}`);
  }
  for (const n of report.notes) out.push(paint('dim', `note: ${n}`));
  const s = report.summary;
  if (out.length) out.push('');
  out.push(
    report.findings.length === 0
      ? 'No changes found.'
      : `${paint('error', `${s.error} breaking`)}, ${paint('warning', `${s.warning} possibly breaking`)}, ${paint('info', `${s.info} not breaking`)}`,
  );
  return out.join('\n') + '\n';
}
