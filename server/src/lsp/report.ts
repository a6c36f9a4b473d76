// "Show all changes": every finding of a spec against its base, breaking first, as Markdown.
import { ruleInfo, type Finding } from '../engine/index';
import type { GoodCheck } from './documentState';

const SECTIONS: { level: Finding['level']; title: string }[] = [
  { level: 'error', title: 'Breaking changes' },
  { level: 'warning', title: 'Possibly breaking changes' },
  { level: 'info', title: 'Other changes (not breaking)' },
];

export function reportMarkdown(good: GoodCheck, fileName: string): string {
  const out = [`# ${fileName}: changes against ${good.base.label}`, ''];
  const count = (l: Finding['level']) => good.findings.filter((f) => f.level === l).length;
  out.push(`${count('error')} breaking, ${count('warning')} possibly breaking, ${count('info')} not breaking.`, '');
  for (const { level, title } of SECTIONS) {
    const list = good.findings.filter((f) => f.level === level);
    if (list.length === 0) continue;
    out.push(`## ${title}`, '');
    for (const f of list) {
      const where = f.revision ? `line ${f.revision.line}` : f.base ? `base line ${f.base.line}` : '';
      out.push(`- **${ruleInfo(f.rule).title}** (\`${f.rule}\`${where ? `, ${where}` : ''}): ${f.message}`);
    }
    out.push('');
  }
  if (good.findings.length === 0) out.push('No changes to the API surface.', '');
  const problems = good.problems.filter((p) => p.file === good.file);
  if (problems.length) {
    out.push('## Problems in the spec', '');
    for (const p of problems) out.push(`- line ${p.line}: ${p.message}`);
    out.push('');
  }
  return out.join('\n');
}
