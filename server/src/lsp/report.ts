// "Show all changes": every finding of a spec against its base, breaking first, as Markdown.
import { ruleInfo, type Finding } from '../engine/index';
import type { GoodCheck } from './documentState';

/** Deprecations (`*-deprecated` info rules) get their own section: they announce the next removals. */
const isDeprecation = (f: Finding) => f.level === 'info' && f.rule.endsWith('-deprecated');

const SECTIONS: { title: string; holds: (f: Finding) => boolean }[] = [
  { title: 'Breaking changes', holds: (f) => f.level === 'error' },
  { title: 'Possibly breaking changes', holds: (f) => f.level === 'warning' },
  { title: 'Deprecated', holds: isDeprecation },
  { title: 'Other changes (not breaking)', holds: (f) => f.level === 'info' && !isDeprecation(f) },
];

export function reportMarkdown(good: GoodCheck, fileName: string): string {
  const out = [`# ${fileName}: changes against ${good.base.label}`, ''];
  const count = (l: Finding['level']) => good.findings.filter((f) => f.level === l).length;
  const deprecated = good.findings.filter(isDeprecation).length;
  out.push(
    `${count('error')} breaking, ${count('warning')} possibly breaking, ${count('info')} not breaking${deprecated ? ` (${deprecated} deprecated)` : ''}.`,
    '',
  );
  for (const { holds, title } of SECTIONS) {
    const list = good.findings.filter(holds);
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
