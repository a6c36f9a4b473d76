// Compiler-style text: `file:line:col  level  rule-id  message`, grouped by file,
// coloured only for a terminal (and never with NO_COLOR).
import type { Level } from '../../engine/index';
import { where, type Report, type SpecReport } from './report';

const COLOURS: Record<Level | 'dim' | 'bold', [number, number]> = { error: [31, 39], warning: [33, 39], info: [36, 39], dim: [2, 22], bold: [1, 22] };

type Paint = (kind: keyof typeof COLOURS, s: string) => string;

const counts = (s: Record<Level, number>, paint: Paint) =>
  `${paint('error', `${s.error} breaking`)}, ${paint('warning', `${s.warning} possibly breaking`)}, ${paint('info', `${s.info} not breaking`)}`;

export function renderText(report: Report, colour: boolean): string {
  const paint: Paint = (kind, s) => (colour ? `\u001b[${COLOURS[kind][0]}m${s}\u001b[${COLOURS[kind][1]}m` : s);
  if (report.specs) return renderRepoText(report, report.specs, paint);
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
  out.push(report.findings.length === 0 ? 'No changes found.' : counts(s, paint));
  return out.join('\n') + '\n';
}

const STATUS_NOTE: Record<SpecReport['status'], string> = { changed: 'changed', unchanged: 'unchanged', new: 'new, nothing to break', deleted: 'deleted' };

/** Every spec of the repository: a line per spec, its findings and problems indented below it. */
function renderRepoText(report: Report, specs: SpecReport[], paint: Paint): string {
  const out: string[] = [];
  for (const spec of specs) {
    const n = spec.findings.length;
    const status = spec.error ? 'could not be checked' : STATUS_NOTE[spec.status] + (spec.status === 'changed' && n === 0 ? ', no changes found' : '');
    out.push(`${paint('bold', spec.file)}: ${status}${n ? `: ${counts(spec.summary, paint)}` : ''}`);
    for (const f of spec.findings) {
      const w = where(f);
      out.push(`  ${paint('bold', `${w.file}:${w.line}:${w.column}`)}  ${paint(f.level, f.level.padEnd(7))}  ${paint('dim', f.rule)}  ${f.message}`);
    }
    for (const p of spec.problems) out.push(`  ${p.file}:${p.line}:${p.column}  ${paint('dim', 'note   ')}  ${paint('dim', 'spec-problem')}  ${p.message}`);
    if (spec.error) out.push(`  ${paint('error', 'error')}: ${spec.error}`);
  }
  for (const n of report.notes) out.push(paint('dim', `note: ${n}`));
  const by = (status: SpecReport['status']) => specs.filter((s) => s.status === status).length;
  const tally = (['changed', 'unchanged', 'new', 'deleted'] as const).filter((k) => by(k) > 0).map((k) => `${by(k)} ${k}`);
  if (out.length) out.push('');
  out.push(
    `${specs.length} spec${specs.length === 1 ? '' : 's'} compared with ${report.base ?? 'HEAD'}${tally.length ? ` (${tally.join(', ')})` : ''}: ${counts(report.summary, paint)}`,
  );
  return out.join('\n') + '\n';
}
