// SARIF 2.1.0 for code-scanning uploads. Rule metadata comes from the registry
// (only rules that fired are listed, as most tools do, to keep uploads small),
// each with its whole explanation inside the log (help.text / help.markdown):
// a link to a file on the machine that ran the check would be dead where the log is read;
// locations are relative to the working directory, declared as %SRCROOT% so
// GitHub maps them onto the repository when the CLI runs at its root.
import { pathToFileURL } from 'node:url';
import { explainRule, ruleInfo, type Level } from '../../engine/index';
import type { RenderEnv } from './index';
import { where, type Report } from './report';

const SARIF_LEVEL: Record<Level, string> = { error: 'error', warning: 'warning', info: 'note' };

const location = (file: string, line: number, column: number) => ({
  physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' }, region: { startLine: line, startColumn: column } },
});

export function renderSarif(report: Report, env: Pick<RenderEnv, 'version' | 'cwd'>): string {
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort();
  const rules = ruleIds.map((id) => {
    const r = ruleInfo(id);
    const explained = explainRule(id);
    return {
      id,
      name: r.title,
      shortDescription: { text: r.title },
      fullDescription: { text: explained.summary + (r.breaks ? `: ${r.breaks}` : '') },
      help: { text: explained.text, markdown: explained.markdown },
      defaultConfiguration: { level: SARIF_LEVEL[r.level] },
      properties: { direction: r.direction },
    };
  });
  const results = report.findings.map((f) => {
    const w = where(f);
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: SARIF_LEVEL[f.level],
      message: { text: f.message },
      locations: [location(w.file, w.line, w.column)],
      partialFingerprints: { 'breakwater/v1': f.fingerprint },
      properties: { pointer: f.pointer, operations: f.operations },
    };
    // The removed or changed node as it was: useful next to the anchor in the revision.
    if (f.revision && f.base)
      result.relatedLocations = [{ id: 1, ...location(f.base.file, f.base.line, f.base.column), message: { text: 'before the change' } }];
    return result;
  });
  const notifications = [
    ...report.problems.map((p) => ({ level: 'warning', message: { text: p.message }, locations: [location(p.file, p.line, p.column)] })),
    ...report.notes.map((n) => ({ level: 'note', message: { text: n } })),
    ...(report.specs ?? []).filter((s) => s.error).map((s) => ({ level: 'error', message: { text: s.error! }, locations: [location(s.file, 1, 1)] })),
  ];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'breakwater', version: env.version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(env.cwd).href.replace(/\/?$/, '/') } },
        invocations: [{ executionSuccessful: !report.specs?.some((s) => s.error), toolExecutionNotifications: notifications }],
        // `check` with no SPEC: every spec looked at is an artifact of the one run, changed or not.
        ...(report.specs
          ? { artifacts: report.specs.map((s) => ({ location: { uri: encodeURI(s.file), uriBaseId: '%SRCROOT%' }, properties: { status: s.status } })) }
          : {}),
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
