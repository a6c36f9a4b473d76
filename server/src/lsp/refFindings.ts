// Findings of root specs that are shown in a file they reference (a diagnostic on
// schemas/pet.yaml published by the check of openapi.yaml, open or in the
// background). That file has no check of its own: quick fixes and hover find the
// root check whose diagnostics on the file include the one asked about, and the
// finding in it by the fingerprint in the diagnostic's data.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../engine/index';
import type { DiagnosticData } from './diagnostics';
import type { GoodCheck } from './documentState';
import type { HoverHit } from './hover';

/** A spec whose last good check published `diagnostics` on the referenced file. */
export interface RefOwner {
  uri: string;
  good: GoodCheck;
  diagnostics: Diagnostic[];
}

export interface RefFinding {
  owner: RefOwner;
  finding: Finding;
}

/** The root check and finding behind a diagnostic shown in `file`; by fingerprint, or by code and position for clients that drop `data`. */
export function refFindingOf(diagnostic: Diagnostic, owners: RefOwner[], file: string): RefFinding | undefined {
  const wanted = fingerprintOf(diagnostic);
  for (const owner of owners) {
    const published = owner.diagnostics.find((d) =>
      wanted !== undefined ? fingerprintOf(d) === wanted : d.code === diagnostic.code && d.range.start.line === diagnostic.range.start.line && d.range.start.character === diagnostic.range.start.character,
    );
    const fingerprint = published && fingerprintOf(published);
    const finding = fingerprint ? owner.good.findings.find((f) => f.fingerprint === fingerprint) : undefined;
    if (finding && finding.revision?.file === file) return { owner, finding };
  }
  return undefined;
}

/**
 * What hover shows on `line` of the referenced file: findings of root checks that
 * read exactly this version of its buffer (after an edit, the next checks bring
 * fresh diagnostics; until then their lines may be off).
 */
export function refHoverHits(owners: RefOwner[], uri: string, file: string, version: number, line: number): HoverHit[] {
  const hits: HoverHit[] = [];
  for (const owner of owners) {
    if (owner.good.refVersions.get(uri) !== version) continue;
    for (const d of owner.diagnostics) {
      if (d.range.start.line !== line) continue;
      const fingerprint = fingerprintOf(d);
      const finding = owner.good.findings.find((f) => f.fingerprint === fingerprint);
      if (finding && finding.revision?.file === file) hits.push({ finding, good: owner.good, range: d.range });
    }
  }
  return hits;
}

function fingerprintOf(d: Diagnostic): string | undefined {
  return (d.data as DiagnosticData | undefined)?.fingerprint;
}
