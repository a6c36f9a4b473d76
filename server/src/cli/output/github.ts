// GitHub Actions workflow commands: each finding becomes an annotation on the PR diff.
import { ruleInfo, type Level } from '../../engine/index';
import { where, type Report } from './report';

const COMMAND: Record<Level, string> = { error: 'error', warning: 'warning', info: 'notice' };

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithub(report: Report): string {
  const lines = report.findings.map((f) => {
    const w = where(f);
    // The title names the rule and what it is; the message says what changed and who breaks.
    return `::${COMMAND[f.level]} file=${escapeProperty(w.file)},line=${w.line},col=${w.column},title=${escapeProperty(`${f.rule}: ${ruleInfo(f.rule).title}`)}::${escapeData(f.message)}`;
  });
  // A spec that could not be checked is an error in the run, on that spec.
  for (const spec of report.specs ?? []) if (spec.error) lines.push(`::error file=${escapeProperty(spec.file)},title=breakwater::${escapeData(spec.error)}`);
  const s = report.summary;
  lines.push(`breakwater: ${s.error} breaking, ${s.warning} possibly breaking, ${s.info} not breaking`);
  return lines.join('\n') + '\n';
}
