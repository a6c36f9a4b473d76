// A Markdown summary for pull-request comments.
import { where, type Report } from './report';

const ICON = { error: '🔴 breaking', warning: '🟠 possibly breaking', info: '🔵 not breaking' } as const;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const out = ['### Breakwater: API changes', '', `**${s.error}** breaking, **${s.warning}** possibly breaking, **${s.info}** not breaking.`, ''];
  if (report.findings.length) {
    out.push('| level | rule | where | change |', '| --- | --- | --- | --- |');
    for (const f of report.findings) {
      const w = where(f);
      out.push(`| ${ICON[f.level]} | \`${f.rule}\` | \`${cell(w.file)}:${w.line}\` | ${cell(f.message)} |`);
    }
    out.push('');
  }
  for (const n of report.notes) out.push(`> ${cell(n)}`, '');
  return out.join('\n');
}
