// Optic's optic.yml as a Breakwater draft. Optic's breaking-changes ruleset maps onto
// Breakwater's defaults plus two policies (operations with an extension are skipped;
// a major info.version bump allows breaking changes), `files:` names the specs to check,
// and `x-optic-exemptions` on a spec node becomes `x-breakwater-ignore` by hand (this
// command does not edit specs; it says where they are).
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../../inputFiles';
import { emptyDraft, type Draft } from './draft';

export function findOpticConfig(dir: string): string | undefined {
  return ['optic.yml', 'optic.yaml', '.optic.yml'].map((n) => resolve(dir, n)).find((f) => existsSync(f));
}

export function fromOptic(file: string): Draft {
  const draft = emptyDraft();
  let config: unknown;
  try {
    config = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not YAML (${(e as Error).message})`}`);
  }
  if (!config || typeof config !== 'object') throw new InputError(`${file}: expected optic.yml's mapping (ruleset, files, ...)`);
  const name = basename(file);
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (key === 'ruleset') ruleset(`${name}: ruleset`, value, draft);
    else if (key === 'files' && Array.isArray(value)) {
      for (const [i, entry] of value.entries()) {
        const path = (entry as { path?: unknown })?.path;
        if (typeof path !== 'string') {
          draft.notCarried.push(`${name}: files[${i}]: no path`);
          continue;
        }
        draft.include.push(path.replace(/^\.\//, ''));
        draft.carried.push(`${name}: files[${i}].path ${path} -> include (breakwater check with no file checks it)`);
        if ((entry as { ruleset?: unknown }).ruleset !== undefined) ruleset(`${name}: files[${i}].ruleset`, (entry as { ruleset: unknown }).ruleset, draft);
        exemptions(resolve(dirname(file), path), path, draft);
      }
    } else draft.notCarried.push(`${name}: ${key}: no Breakwater equivalent (Breakwater compares with git; it needs no capture, no cloud and no token)`);
  }
  return draft;
}

function ruleset(where: string, value: unknown, draft: Draft): void {
  for (const item of Array.isArray(value) ? value : [value]) {
    const [rule, options] = typeof item === 'string' ? [item, {}] : (Object.entries((item ?? {}) as Record<string, unknown>)[0] ?? ['', {}]);
    if (rule !== 'breaking-changes') {
      draft.notCarried.push(`${where}: ${rule}: Breakwater checks breaking changes only (a linter such as Spectral covers the rest)`);
      continue;
    }
    draft.carried.push(`${where}: breaking-changes -> Breakwater's rules (every rule at its default level)`);
    for (const [key, v] of Object.entries((options ?? {}) as Record<string, unknown>)) {
      if (key === 'exclude_operations_with_extension') {
        for (const ext of (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : (x as { extension?: string })?.extension))) {
          if (typeof ext !== 'string') {
            draft.notCarried.push(`${where}: exclude_operations_with_extension ${JSON.stringify(v)}: only extension names carry over`);
            continue;
          }
          if (!draft.excludeFlags.includes(ext)) draft.excludeFlags.push(ext);
          draft.carried.push(
            `${where}: exclude_operations_with_extension ${ext} -> policies.stability.excludeFlags (operations with ${ext}: true are not checked)`,
          );
        }
      } else if (key === 'skip_when_major_version_changes') {
        draft.majorVersion = v !== false;
        draft.carried.push(`${where}: skip_when_major_version_changes ${String(v)} -> policies.majorVersion.enabled: ${String(v !== false)}`);
      } else
        draft.notCarried.push(
          `${where}: breaking-changes.${key}: no Breakwater equivalent${key === 'severity' ? ' (use --fail-on, or per-rule levels under rules:)' : ''}`,
        );
    }
  }
}

/** Lines of a spec that carry x-optic-exemptions: said, not changed. */
function exemptions(absolute: string, shown: string, draft: Draft): void {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch {
    return;
  }
  text.split(/\r?\n/).forEach((line, i) => {
    if (/x-optic-exemptions/.test(line)) {
      draft.notCarried.push(
        `${shown}:${i + 1}: ${line.trim()}: Optic's rule names are not Breakwater ids; replace it with x-breakwater-ignore: [rule-id] naming the rules to silence there (breakwater rules lists them)`,
      );
    }
  });
}
