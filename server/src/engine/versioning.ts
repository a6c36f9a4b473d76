// info.version against the changes: a revision that breaks clients should say so with a
// new major version (semver; in 0.x the minor is the major). oasdiff's versioning rules,
// news by default (teams raise them in .breakwater.yaml to make CI insist).
import { child, childMap } from './parse/tree';
import type { SpecModel } from './model/model';
import type { RawChange } from './diff/context';

interface Semver {
  major: number;
  minor: number;
  patch: number;
}

/** major.minor.patch of a version such as "2.1.0" or "v2.1.0-beta"; undefined for one that is not semver. */
export function semverOf(version: string | undefined): Semver | undefined {
  const m = version?.match(/^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

/** The major of a version ("2.1" counts), with 0.x's minor as its major; undefined when it has none. */
export function majorOf(version: string | undefined): number | undefined {
  const m = version?.match(/^v?(\d+)\.(\d+)/);
  if (!m) return undefined;
  return m[1] === '0' ? Number(m[2]) / 1000 : Number(m[1]);
}

/** The versioning finding for a revision that breaks clients, if its info.version does not say so. */
export function versionChanges(base: SpecModel, revision: SpecModel): RawChange[] {
  const from = semverOf(base.apiVersion);
  const to = semverOf(revision.apiVersion);
  if (!from || !to) return [];
  const params = { from: base.apiVersion!, to: revision.apiVersion! };
  const at = (m: SpecModel) => child(childMap(m.root, 'info'), 'version') ?? m.root;
  const order = (a: Semver, b: Semver) => a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  const rule =
    order(to, from) < 0
      ? 'api-version-decreased'
      : order(to, from) === 0
        ? 'api-version-not-bumped'
        : majorOf(params.to)! > majorOf(params.from)!
          ? undefined
          : 'api-major-version-not-bumped';
  return rule ? [{ rule, params, base: at(base), revision: at(revision) }] : [];
}
