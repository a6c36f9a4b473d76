// oasdiff's settings as a Breakwater draft: a config file (.oasdiff.yaml/.json, keys named
// like its flags), a --severity-levels file (`<rule-id> <err|warn|info|none>` lines) and
// --err-ignore/--warn-ignore files ("METHOD /path" plus the change's English text per line).
// Rule ids are the catalogue's, so severity choices carry over; ignore lines name a change
// by oasdiff's wording, which Breakwater does not reproduce, so they are listed, not carried.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { hasRule, rulesNamed, type ConfiguredLevel } from '../../../engine/index';
import { InputError } from '../../inputFiles';
import { emptyDraft, type Draft } from './draft';

const LEVELS: Record<string, ConfiguredLevel> = { err: 'error', error: 'error', warn: 'warning', warning: 'warning', info: 'info', none: 'off' };
const CONFIG_NAMES = ['.oasdiff.yaml', '.oasdiff.yml', '.oasdiff.json', 'oasdiff.yaml', 'oasdiff.yml', 'oasdiff.json'];
const FAIL_ON: Record<string, string> = { err: 'error', warn: 'warning', info: 'info' };

export function findOasdiffConfig(dir: string): string | undefined {
  return CONFIG_NAMES.map((n) => resolve(dir, n)).find((f) => existsSync(f));
}

export function fromOasdiff(file: string): Draft {
  const draft = emptyDraft();
  const text = read(file);
  const config = asConfig(text);
  if (!config) {
    // Not a mapping: a severity-levels file or an ignore file, told apart by their lines.
    if (looksLikeSeverityLevels(text)) severityLevels(file, text, draft);
    else ignoreFile(file, text, draft);
    return draft;
  }
  const name = basename(file);
  for (const [key, value] of Object.entries(config)) {
    const where = `${name}: ${key}`;
    if (key === 'severity-levels' && typeof value === 'string') severityLevels(value, read(resolve(dirname(file), value)), draft);
    else if ((key === 'err-ignore' || key === 'warn-ignore') && typeof value === 'string') ignoreFile(value, read(resolve(dirname(file), value)), draft);
    else if (key === 'fail-on' && typeof value === 'string' && FAIL_ON[value.toLowerCase()])
      draft.notCarried.push(
        `${where}: ${value}: not a config setting in Breakwater; pass --fail-on ${FAIL_ON[value.toLowerCase()]} to breakwater check (the GitHub Action's fail-on input)`,
      );
    else if (key === 'filter-extension' && typeof value === 'string' && /^x-[\w-]+$/.test(value)) {
      draft.excludeFlags.push(value);
      draft.carried.push(`${where}: ${value} -> policies.stability.excludeFlags (operations with ${value}: true are not checked)`);
    } else if (key === 'base' || key === 'revision')
      draft.notCarried.push(`${where}: Breakwater compares each spec with git (--base, or base: in .breakwater.yaml), not with a file or URL`);
    else draft.notCarried.push(`${where}: no Breakwater equivalent`);
  }
  return draft;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`${file}: no such file`);
  }
}

function asConfig(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((l) => l.line && !l.line.startsWith('#'));

function looksLikeSeverityLevels(text: string): boolean {
  const all = lines(text);
  return all.length > 0 && all.every((l) => /^[a-z0-9-]+\s+\w+$/i.test(l.line));
}

function severityLevels(file: string, text: string, draft: Draft): void {
  const name = basename(file);
  for (const { line, n } of lines(text)) {
    const [id, levelWord] = line.split(/\s+/);
    const level = LEVELS[levelWord?.toLowerCase() ?? ''];
    const where = `${name}:${n}: ${line}`;
    if (!level) draft.notCarried.push(`${where}: unknown level "${levelWord}" (oasdiff's are err, warn, info, none)`);
    else if (!hasRule(id)) draft.notCarried.push(`${where}: no Breakwater rule with this id (breakwater rules lists them)`);
    else {
      // A former id stands for the rules that replaced it.
      for (const rule of rulesNamed(id)) draft.rules[rule] = level;
      draft.carried.push(`${where} -> rules: ${rulesNamed(id).join(', ')}: ${level}`);
    }
  }
}

function ignoreFile(file: string, text: string, draft: Draft): void {
  const name = basename(file);
  for (const { line, n } of lines(text)) {
    draft.notCarried.push(
      `${name}:${n}: ${line}: an ignore line names a change by oasdiff's English text; Breakwater accepts a change by its fingerprint: run breakwater check, then "Accept" the finding in the editor or add its fingerprint under accepted:`,
    );
  }
}
