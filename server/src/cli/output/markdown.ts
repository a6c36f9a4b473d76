// A Markdown summary for pull-request comments. Breaking and possibly breaking
// changes go in the table; non-breaking ones fold away under <details> so a
// large changelog does not bury what matters (or hit comment size limits).
import { ruleInfo, type Finding } from '../../engine/index';
import { where, type Report, type SpecReport } from './report';

const ICON = { error: '🔴 breaking', warning: '🟠 possibly breaking', info: '🔵 not breaking' } as const;
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

function table(findings: Finding[]): string[] {
  const rows = ['| level | rule | where | change |', '| --- | --- | --- | --- |'];
  for (const f of findings) {
    const w = where(f);
    rows.push(`| ${ICON[f.level]} | ${code(f.rule)}<br>${cell(ruleInfo(f.rule).title)} | ${code(`${cell(w.file)}:${w.line}`)} | ${cell(f.message)} |`);
  }
  return rows;
}

export function renderMarkdown(report: Report): string {
  if (report.specs) return renderRepoMarkdown(report, report.specs);
  const s = report.summary;
  const out = ['### Breakwater: API changes', '', `**${s.error}** breaking, **${s.warning}** possibly breaking, **${s.info}** not breaking.`, ''];
  const important = report.findings.filter((f) => f.level !== 'info');
  const infos = report.findings.filter((f) => f.level === 'info');
  if (important.length) out.push(...table(important), '');
  if (infos.length)
    out.push(`<details><summary>${infos.length} non-breaking change${infos.length === 1 ? '' : 's'}</summary>`, '', ...table(infos), '', '</details>', '');
  if (report.problems.length) {
    out.push('Problems in the spec (not compared as far as they go):', '');
    for (const p of report.problems) out.push(`- ${code(`${p.file}:${p.line}:${p.column}`)} ${cell(p.message)}`);
    out.push('');
  }
  for (const n of report.notes) out.push(`> ${cell(n)}`, '');
  return out.join('\n');
}

/** Every spec of the repository ($GITHUB_STEP_SUMMARY): one table of specs, then the findings of each changed one. */
function renderRepoMarkdown(report: Report, specs: SpecReport[]): string {
  const s = report.summary;
  const out = [
    '### Breakwater: API changes',
    '',
    `**${s.error}** breaking, **${s.warning}** possibly breaking, **${s.info}** not breaking in ${specs.length} spec${specs.length === 1 ? '' : 's'} compared with ${code(report.base ?? 'HEAD')}.`,
    '',
    '| spec | status | breaking | possibly breaking | not breaking |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const spec of specs) {
    const status = spec.error ? 'could not be checked' : spec.status;
    out.push(`| ${code(cell(spec.file))} | ${status} | ${spec.summary.error} | ${spec.summary.warning} | ${spec.summary.info} |`);
  }
  out.push('');
  for (const spec of specs) {
    if (spec.findings.length === 0 && spec.problems.length === 0 && !spec.error) continue;
    out.push(`#### ${code(spec.file)}`, '');
    const important = spec.findings.filter((f) => f.level !== 'info');
    const infos = spec.findings.filter((f) => f.level === 'info');
    if (important.length) out.push(...table(important), '');
    if (infos.length)
      out.push(`<details><summary>${infos.length} non-breaking change${infos.length === 1 ? '' : 's'}</summary>`, '', ...table(infos), '', '</details>', '');
    for (const p of spec.problems) out.push(`- ${code(`${p.file}:${p.line}:${p.column}`)} ${cell(p.message)}`);
    if (spec.problems.length) out.push('');
    if (spec.error) out.push(`> could not be checked: ${cell(spec.error)}`, '');
  }
  for (const n of report.notes) out.push(`> ${cell(n)}`, '');
  return out.join('\n');
}
