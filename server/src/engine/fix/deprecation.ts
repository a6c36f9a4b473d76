// Which deprecation marker a removed node gets, per spec version. Where the spec
// has no `deprecated` field, the nearest correct form is used:
//
// - operations: `deprecated: true` (2.0, 3.x); a path or webhook: every operation in it.
// - parameters and headers: `deprecated: true` in 3.x; `x-deprecated: true` in 2.0,
//   whose Parameter/Header objects have no such field (deprecating the whole
//   operation would claim more than the author meant).
// - schema properties: `deprecated: true` in 3.x, `x-deprecated: true` in 2.0. A
//   property that is only a `$ref` cannot carry siblings in 2.0/3.0 (they are
//   ignored), so it becomes `allOf: [$ref]` next to the marker; 3.1 allows siblings.
// - `$ref` parameters/headers: a Reference Object cannot be deprecated, so the
//   referenced component is marked instead, but only when nothing else in the
//   revision still uses it; otherwise only "Restore" is offered.
// - responses (no field in any version): `x-deprecated: true`.
// A sunset policy adds its extension (default x-sunset) with a date next to each marker.
import { child, isMap, nodeAtPointer, stringOf, type JMap, type JNode } from '../parse/tree';
import { HTTP_METHODS } from '../model/model';
import type { Rendered } from './containerEdits';
import { jsonFragment, type Fragment } from './fragment';
import { ownEntries } from './nodes';
import { markerEdits, prefixed, scalarText, type Marker, type MarkerValue } from './snippet';
import type { FixOptions, FixSide, TextEdit } from './types';
import type { RuleInfo } from '../rules/registry';

export interface DeprecationPlan {
  /** Keys to add inside the base node before it is re-inserted. */
  markers: Marker[];
  /** Used instead of the base text when the node has to change shape. */
  replacement?: Rendered;
  /** Extra edits elsewhere in the revision (a referenced component). */
  revisionEdits?: TextEdit[];
  /** Finishes the fix title: "with deprecated: true". */
  describe: string;
}

/** How to deprecate what a removal rule removed, by the kind of element it is. */
export function deprecationPlan(rule: RuleInfo, node: JNode, base: FixSide, revision: FixSide, options: FixOptions): DeprecationPlan | undefined {
  const sunset: [string, MarkerValue][] = options.sunset ? [[options.sunset.key, options.sunset.date]] : [];
  const sunsetNote = options.sunset ? ` and ${options.sunset.key} ${options.sunset.date}` : '';
  const v2 = revision.version === '2.0';
  const mark = (map: JMap, keyword: string): Marker => ({ map, entries: [[keyword, true], ...sunset] });
  if (rule.element === 'path' || rule.element === 'webhook' || rule.element === 'callback') {
    if (!isMap(node)) return undefined;
    const ops = ownEntries(node).filter((e): e is JMap => isMap(e) && (HTTP_METHODS as readonly string[]).includes(String(e.key)));
    if (ops.length === 0) return undefined;
    return { markers: ops.map((op) => mark(op, 'deprecated')), describe: `with each operation deprecated: true${sunsetNote}` };
  }
  if (rule.element === 'operation') return isMap(node) ? { markers: [mark(node, 'deprecated')], describe: `with deprecated: true${sunsetNote}` } : undefined;
  if (rule.element === 'status') {
    return isMap(node)
      ? { markers: [mark(node, 'x-deprecated')], describe: `with x-deprecated: true${sunsetNote} (responses have no deprecated field)` }
      : undefined;
  }
  const keyword = v2 ? 'x-deprecated' : 'deprecated';
  const why = v2 ? ' (Swagger 2.0 has no deprecated field here)' : '';
  if (rule.element === 'parameter' || rule.element === 'header') {
    if (!isMap(node)) return undefined;
    if (child(node, '$ref')) return referencedComponentPlan(node, revision, keyword, sunset, sunsetNote);
    return { markers: [mark(node, keyword)], describe: `with ${keyword}: true${sunsetNote}${why}` };
  }
  if (rule.element === 'property') {
    if (!isMap(node)) return undefined;
    const onlyRef = child(node, '$ref') && ownEntries(node).length === 1;
    if (onlyRef && revision.version !== '3.1')
      return {
        markers: [],
        replacement: allOfWrap(node, base, revision, keyword, sunset),
        describe: `as allOf [$ref] with ${keyword}: true${sunsetNote} (siblings of $ref are ignored before 3.1)${why}`,
      };
    return { markers: [mark(node, keyword)], describe: `with ${keyword}: true${sunsetNote}${why}` };
  }
  return undefined;
}

function referencedComponentPlan(
  node: JMap,
  revision: FixSide,
  keyword: string,
  sunset: [string, MarkerValue][],
  sunsetNote: string,
): DeprecationPlan | undefined {
  const ref = stringOf(node, '$ref');
  if (!ref || !ref.startsWith('#/')) return undefined;
  const component = nodeAtPointer(revision.root, ref);
  if (!isMap(component) || revision.text.includes(ref)) return undefined;
  const edits = markerEdits(revision, { map: component, entries: [[keyword, true], ...sunset] });
  return { markers: [], revisionEdits: edits, describe: `and mark ${ref} ${keyword}: true${sunsetNote} (nothing else uses it)` };
}

/** `name: {$ref}` becomes `name: {allOf: [{$ref}], deprecated: true}`, written in the revision's style. */
function allOfWrap(node: JMap, base: FixSide, revision: FixSide, keyword: string, sunset: [string, MarkerValue][]): Rendered {
  const refNode = node.entries.get('$ref')!;
  const ref = stringOf(node, '$ref') ?? '';
  const keyRaw = base.text.slice(node.keyStart, node.keyEnd);
  const plain: Record<string, unknown> = { allOf: [{ $ref: ref }], [keyword]: true };
  for (const [k, v] of sunset) plain[k] = v;
  const style = revision.style;
  const json = (key: string) => prefixed(jsonFragment(plain, style), `${key}: `);
  if (style.format === 'json' || base.style.format === 'json') return { block: json(keyRaw), flow: () => json(keyRaw) };
  const unit = style.indent.size;
  const block: Fragment = {
    lines: [
      { indent: 0, text: `${keyRaw}:` },
      { indent: unit, text: 'allOf:' },
      { indent: unit + style.seqIndent, text: `- ${base.text.slice(refNode.keyStart, refNode.keyEnd)}: ${base.text.slice(refNode.start, refNode.end)}` },
      { indent: unit, text: `${keyword}: true` },
      ...sunset.map(([k, v]) => ({ indent: unit, text: `${k}: ${scalarText(v, style)}` })),
    ],
  };
  return { block, flow: () => json(JSON.stringify(String(node.key))) };
}
