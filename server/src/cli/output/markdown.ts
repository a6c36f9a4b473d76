// A Markdown summary for pull-request comments. Breaking and possibly breaking
// changes go in the table; non-breaking ones fold away under <details> so a
// large changelog does not bury what matters (or hit comment size limits).
import type { Finding } from '../../engine/index';
import { where, type Report } from './report';

const ICON = { error: '🔴 breaking', warning: '🟠 possibly breaking', info: '🔵 not breaking' } as const;
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

function table(findings: Finding[]): string[] {
  const rows = ['| level | rule | where | change |', '| --- | --- | --- | --- |'];
  for (const f of findings) {
    const w = where(f);
    rows.push(`| ${ICON[f.level]} | ${code(f.rule)} | ${code(`${cell(w.file)}:${w.line}`)} | ${cell(f.message)} |`);
  }
  return rows;
}

export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const out = ['### Breakwater: API changes', '', `**${s.error}** breaking, **${s.warning}** possibly breaking, **${s.info}** not breaking.`, ''];
  const important = report.findings.filter((f) => f.level !== 'info');
  const infos = report.findings.filter((f) => f.level === 'info');
  if (important.length) out.push(...table(important), '');
  if (infos.length) out.push(`<details><summary>${infos.length} non-breaking change${infos.length === 1 ? '' : 's'}</summary>`, '', ...table(infos), '', '</details>', '');
  if (report.problems.length) {
    out.push('Problems in the spec (not compared as far as they go):', '');
    for (const p of report.problems) out.push(`- ${code(`${p.file}:${p.line}:${p.column}`)} ${cell(p.message)}`);
    out.push('');
  }
  for (const n of report.notes) out.push(`> ${cell(n)}`, '');
  return out.join('\n');
}
