// Runs a composite GitHub Action (action.yml) the way the runner does, for tests: each
// `run` step with `bash --noprofile --norc -eo pipefail`, the `${{ }}` expressions it uses
// substituted from the inputs (or their defaults), earlier steps' outputs and the github
// context; GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ENV and GITHUB_PATH as files, and the
// variables a pull_request job has. Steps after a failing one do not run. Anything the
// action uses that this emulation does not know (an `if:`, `uses:`, another shell, an
// unknown expression) fails loudly instead of being skipped.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Step {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  if?: string;
  uses?: string;
  'working-directory'?: string;
}

interface ActionYml {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export interface PullRequestJob {
  /** The checkout (GITHUB_WORKSPACE), the cwd of every step. */
  workspace: string;
  /** RUNNER_TEMP; the step files live here too. */
  runnerTemp: string;
  baseRef: string;
  headRef: string;
  /** The machine's environment (default this process's). */
  env?: NodeJS.ProcessEnv;
}

export interface ActionRun {
  /** The exit code of the first failing step, else 0. */
  exitCode: number;
  /** Everything the steps printed (workflow commands such as ::error are in here). */
  stdout: string;
  stderr: string;
  /** The action's outputs. */
  outputs: Record<string, string>;
  /** What the steps appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  ran: string[];
}

export function runCompositeAction(actionDir: string, inputs: Record<string, string>, job: PullRequestJob): ActionRun {
  const action = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as ActionYml;
  if (action.runs.using !== 'composite') throw new Error(`not a composite action: ${action.runs.using}`);
  const declared = action.inputs ?? {};
  for (const name of Object.keys(inputs)) if (!(name in declared)) throw new Error(`action.yml has no input "${name}"`);
  const inputValues = Object.fromEntries(Object.entries(declared).map(([name, spec]) => [name, inputs[name] ?? spec.default ?? '']));
  const stepOutputs: Record<string, Record<string, string>> = {};
  const context = (path: string): string => {
    const [scope, ...rest] = path.split('.');
    if (scope === 'inputs' && rest.length === 1 && rest[0] in inputValues) return inputValues[rest[0]];
    if (scope === 'steps' && rest.length === 3 && rest[1] === 'outputs') return stepOutputs[rest[0]]?.[rest[2]] ?? '';
    if (scope === 'github' && rest.length === 1) {
      const github: Record<string, string> = {
        action_path: actionDir,
        workspace: job.workspace,
        base_ref: job.baseRef,
        head_ref: job.headRef,
        event_name: 'pull_request',
      };
      if (rest[0] in github) return github[rest[0]];
    }
    if (scope === 'runner' && rest[0] === 'temp') return job.runnerTemp;
    throw new Error(`the action uses \${{ ${path} }}, which this emulation does not know`);
  };
  const substitute = (text: string) => text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => context(path));

  const files = join(job.runnerTemp, '_runner_file_commands');
  mkdirSync(files, { recursive: true });
  const summaryFile = join(files, 'step_summary');
  writeFileSync(summaryFile, '');
  const result: ActionRun = { exitCode: 0, stdout: '', stderr: '', outputs: {}, summary: '', ran: [] };
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.uses || step.if !== undefined) throw new Error(`step ${step.name ?? i}: uses/if are not emulated`);
    if (step.shell !== 'bash' || step.run === undefined) throw new Error(`step ${step.name ?? i}: only run steps with shell: bash are emulated`);
    const outputFile = join(files, `output_${i}`);
    const script = join(files, `step_${i}.sh`);
    writeFileSync(outputFile, '');
    writeFileSync(script, substitute(step.run));
    const env: NodeJS.ProcessEnv = {
      ...(job.env ?? process.env),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_BASE_REF: job.baseRef,
      GITHUB_HEAD_REF: job.headRef,
      GITHUB_WORKSPACE: job.workspace,
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_ENV: join(files, `env_${i}`),
      GITHUB_PATH: join(files, `path_${i}`),
      RUNNER_TEMP: job.runnerTemp,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v))])),
    };
    const cwd = step['working-directory'] ? join(job.workspace, substitute(step['working-directory'])) : job.workspace;
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', timeout: 180_000 });
    result.ran.push(step.id ?? step.name ?? String(i));
    result.stdout += r.stdout;
    result.stderr += r.stderr;
    if (step.id) stepOutputs[step.id] = parseOutputs(readFileSync(outputFile, 'utf8'));
    if (r.status !== 0) {
      result.exitCode = r.status ?? 1;
      break;
    }
  }
  result.summary = readFileSync(summaryFile, 'utf8');
  for (const [name, spec] of Object.entries(action.outputs ?? {})) result.outputs[name] = substitute(spec.value);
  return result;
}

/** `name=value` lines and `name<<DELIMITER` blocks, as the runner reads GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
  }
  return out;
}
