// SARIF 2.1.0, for code-scanning uploads. Only the rules that fired are listed.
import { ruleDocUrl, ruleInfo, type Level } from '../../engine/index';
import { where, type Report } from './report';

const SARIF_LEVEL: Record<Level, string> = { error: 'error', warning: 'warning', info: 'note' };

export function renderSarif(report: Report, version: string, docsUrl: string): string {
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort();
  const rules = ruleIds.map((id) => {
    const r = ruleInfo(id);
    return { id, shortDescription: { text: r.title }, helpUri: ruleDocUrl(id, docsUrl), defaultConfiguration: { level: SARIF_LEVEL[r.level] }, properties: { direction: r.direction } };
  });
  const results = report.findings.map((f) => {
    const w = where(f);
    return {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: SARIF_LEVEL[f.level],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: w.file.split('\\').join('/') }, region: { startLine: w.line, startColumn: w.column } } }],
      partialFingerprints: { breakwater: f.fingerprint },
      properties: { pointer: f.pointer, operations: f.operations },
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'breakwater', version, rules } }, results }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
