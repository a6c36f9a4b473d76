// Fixes for `required`: a parameter, body or property that became required goes
// back to optional; a new required one is made optional (optionally with a default
// taken from its own example or first enum value).
import { child, childSeq, isMap, isScalar, isSeq, type JMap, type JNode, type JSeq } from '../parse/tree';
import type { Finding } from '../types';
import { deleteChild, replaceEntryValue } from './containerEdits';
import { fragmentFromText, singleLine } from './fragment';
import { colonAfter, entryEnd, findNode, localDeref } from './nodes';
import { markerEdits } from './snippet';
import type { Fix, FixSide, TextEdit } from './types';

export function becameRequiredFixes(finding: Finding, base: FixSide, revision: FixSide): Fix[] {
  const rev = finding.revision && finding.revision.file === revision.file ? findNode(revision.root, finding.revision) : undefined;
  if (!rev) return [];
  const name = finding.fix?.propertyName;
  if (name !== undefined) {
    if (!isScalar(rev) || rev.value !== name || !isSeq(rev.parent)) return [];
    return [
      {
        kind: 'revert-required',
        title: `Revert: make property "${name}" optional again (remove it from required)`,
        edits: removeFromRequired(revision, rev),
        isPreferred: true,
      },
    ];
  }
  if (rev.key !== 'required' || !isScalar(rev)) return [];
  const baseNode = finding.base && finding.base.file === base.file ? localDeref(base.root, findNode(base.root, finding.base)) : undefined;
  const baseRequired = isMap(baseNode) ? child(baseNode, 'required') : undefined;
  if (baseRequired && baseRequired.parent === baseNode && typeof baseRequired.key === 'string') {
    const colon = colonAfter(base.text, baseRequired.keyEnd);
    const value = fragmentFromText(
      base.text,
      colon + 1,
      entryEnd(base.text, baseRequired),
      base.lines.position(baseRequired.keyStart).character,
      base.style,
      revision.style,
      'k:',
    );
    return [
      {
        kind: 'revert-required',
        title: `Revert to optional (required:${value.lines[0].text})`,
        edits: replaceEntryValue(revision, rev, value),
        isPreferred: true,
      },
    ];
  }
  return [{ kind: 'revert-required', title: 'Revert to optional (remove required: true)', edits: deleteChild(revision, rev), isPreferred: true }];
}

export function newRequiredFixes(finding: Finding, revision: FixSide): Fix[] {
  const rev = finding.revision && finding.revision.file === revision.file ? findNode(revision.root, finding.revision) : undefined;
  if (!rev) return [];
  const name = finding.fix?.propertyName;
  return name !== undefined ? newRequiredProperty(revision, rev, name) : newRequiredParameter(revision, rev);
}

function newRequiredProperty(revision: FixSide, property: JNode, name: string): Fix[] {
  const item = requiredItemFor(property, name);
  if (!item) return [];
  const fixes: Fix[] = [
    {
      kind: 'make-optional',
      title: `Make property "${name}" optional (remove it from required)`,
      edits: removeFromRequired(revision, item),
      isPreferred: true,
    },
  ];
  const schema = isMap(property) && !child(property, '$ref') ? property : undefined;
  const dflt = schema && !child(schema, 'default') ? defaultCandidate(revision, schema) : undefined;
  if (schema && dflt) {
    fixes.push({
      kind: 'optional-with-default',
      title: `Make property "${name}" optional with default ${dflt}`,
      edits: [...removeFromRequired(revision, item), ...markerEdits(revision, { map: schema, entries: [['default', { raw: dflt }]] })],
    });
  }
  return fixes;
}

function newRequiredParameter(revision: FixSide, rev: JNode): Fix[] {
  const param = rev.key === 'required' ? rev.parent : localDeref(revision.root, rev);
  if (!isMap(param) || child(param, 'in') === undefined) return [];
  const inValue = isScalar(child(param, 'in')) ? (child(param, 'in') as { value: unknown }).value : undefined;
  if (inValue === 'path') return []; // path parameters are always required
  const required = child(param, 'required');
  if (!isScalar(required) || required.value !== true || required.parent !== param) return [];
  const label = `parameter "${String((child(param, 'name') as { value?: unknown } | undefined)?.value ?? '?')}"`;
  const optional = replaceEntryValue(revision, required, singleLine(' false'));
  const fixes: Fix[] = [{ kind: 'make-optional', title: `Make ${label} optional (required: false)`, edits: optional, isPreferred: true }];
  // 2.0 keeps type/enum on the parameter itself; 3.x in its inline schema.
  const schemaNode = revision.version === '2.0' ? param : child(param, 'schema');
  const schema = isMap(schemaNode) && !child(schemaNode, '$ref') ? schemaNode : undefined;
  const dflt = schema && !child(schema, 'default') ? (defaultCandidate(revision, schema) ?? exampleOf(revision, param)) : undefined;
  if (schema && dflt) {
    const edits =
      schema === param
        ? markerEdits(revision, {
            map: param,
            entries: [
              ['required', false],
              ['default', { raw: dflt }],
            ],
          })
        : [...optional, ...markerEdits(revision, { map: schema, entries: [['default', { raw: dflt }]] })];
    fixes.push({ kind: 'optional-with-default', title: `Make ${label} optional with default ${dflt}`, edits });
  }
  return fixes;
}

/** A default the author already implied: the schema's example, else its first enum value (single-line scalars only). */
function defaultCandidate(side: FixSide, schema: JMap): string | undefined {
  return exampleOf(side, schema) ?? scalarRaw(side, childSeq(schema, 'enum')?.items[0]);
}

function exampleOf(side: FixSide, map: JMap): string | undefined {
  return scalarRaw(side, child(map, 'example'));
}

function scalarRaw(side: FixSide, node: JNode | undefined): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  const raw = side.text.slice(node.start, node.end);
  return raw && !/[\r\n]/.test(raw) && !/^[|>]/.test(raw) ? raw : undefined;
}

/** The `required` item naming a property: in its schema, or in the allOf that composes it. */
function requiredItemFor(property: JNode, name: string): JNode | undefined {
  const schema = property.parent?.parent;
  if (!isMap(schema)) return undefined;
  const candidates: JNode[] = [schema];
  const allOf = schema.parent;
  if (isSeq(allOf) && allOf.key === 'allOf' && isMap(allOf.parent)) candidates.push(allOf.parent, ...allOf.items);
  for (const c of candidates) {
    const req = childSeq(c, 'required');
    const hit = req?.items.find((i) => isScalar(i) && i.value === name);
    if (hit) return hit;
  }
  return undefined;
}

/** Removes a name from `required`; the last one takes the whole keyword with it (an empty list is invalid in 3.0). */
export function removeFromRequired(side: FixSide, item: JNode): TextEdit[] {
  const seq = item.parent as JSeq;
  return seq.items.length === 1 ? deleteChild(side, seq) : deleteChild(side, item);
}
