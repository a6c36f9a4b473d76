// How the parts of a multipart or form body are written: the media type's `encoding` (3.x).
// A part's `contentType` lists the media types it may be sent as (comma-separated, wildcards
// allowed, with a default by the property's type when absent); a form field's `style` and
// `explode` say how it is serialised (application/x-www-form-urlencoded only).
import { childMap, isMap, stringOf, type JMap, type JNode } from '../parse/tree';
import type { RefResolver } from '../model/refs';
import { mediaTypeEssence, mediaTypeRelation } from './mediaTypes';
import { serialisations } from './serialisation';
import { effectiveProperties, str, typesOf } from './schemaFacts';

export interface PartSide {
  /** The media type object. */
  media: JNode;
  schema: JNode | undefined;
  refs: RefResolver;
}

export interface PartTypesChange {
  part: string;
  /** Types of the base the revision no longer names (nor a wider type covering them). */
  lost: string[];
  /** Types of the revision the base did not name (nor cover). */
  gained: string[];
  base: JNode;
  revision: JNode;
}

export interface PartStyleChange {
  part: string;
  from: string;
  to: string;
  base: JNode;
  revision: JNode;
}

function encodingOf(side: PartSide): JMap | undefined {
  const media = side.refs.deref(side.media);
  return isMap(media) ? childMap(media, 'encoding') : undefined;
}

/** Parts named by `encoding` on either side, with both sides' encoding objects. */
function parts(b: PartSide, r: PartSide): [string, JMap | undefined, JMap | undefined][] {
  const be = encodingOf(b);
  const re = encodingOf(r);
  if (!be && !re) return [];
  const names = new Set([...(be?.entries.keys() ?? []), ...(re?.entries.keys() ?? [])]);
  return [...names].map((name) => {
    const at = (e: JMap | undefined, refs: RefResolver) => {
      const n = refs.deref(e?.entries.get(name));
      return isMap(n) ? n : undefined;
    };
    return [name, at(be, b.refs), at(re, r.refs)];
  });
}

/** The schema of a part (a property of the body's schema, resolved); undefined when the schema does not name it. */
function fieldSchema(side: PartSide, part: string): JNode | undefined {
  const schema = side.refs.deref(side.schema);
  return isMap(schema) ? side.refs.deref(effectiveProperties(schema, side.refs).properties.get(part)) : undefined;
}

/** The content types a part may be sent as; undefined when neither written nor told by its schema. */
function partTypes(side: PartSide, part: string, encoding: JMap | undefined): string[] | undefined {
  const written = encoding ? stringOf(encoding, 'contentType') : undefined;
  if (written !== undefined) return split(written);
  const property = fieldSchema(side, part);
  const fallback = isMap(property) ? defaultType(property, side.refs) : undefined;
  return fallback ? [fallback] : undefined;
}

/** OpenAPI's default content type of a part, by the type of its property (arrays: of their items). */
function defaultType(schema: JMap, refs: RefResolver, depth = 0): string | undefined {
  const types = typesOf(schema);
  if (!types || types.size !== 1) return undefined;
  const [type] = types;
  if (type === 'object') return 'application/json';
  if (type === 'array') {
    const items = refs.deref(schema.entries.get('items'));
    return isMap(items) && depth < 4 ? defaultType(items, refs, depth + 1) : undefined;
  }
  const binary = str(schema, 'format') === 'binary' || str(schema, 'format') === 'base64' || schema.entries.has('contentEncoding');
  return binary ? 'application/octet-stream' : 'text/plain';
}

function split(list: string): string[] {
  return list
    .split(',')
    .map(mediaTypeEssence)
    .filter((t) => t.length > 0);
}

/** Types of `from` that no type of `to` names or covers. */
function notCovered(from: string[], to: string[]): string[] {
  return from.filter((t) => !to.some((u) => ['same', 'parameters-changed', 'generalized'].includes(mediaTypeRelation(t, u))));
}

export interface EncodingChanges {
  types: PartTypesChange[];
  styles: PartStyleChange[];
}

/** What changed in how the parts are written; `form`: the body is form-urlencoded, the only one whose fields have a style. */
export function encodingChanges(b: PartSide, r: PartSide, form: boolean): EncodingChanges {
  const out: EncodingChanges = { types: [], styles: [] };
  for (const [part, be, re] of parts(b, r)) {
    const [base, revision] = [be ?? b.media, re ?? r.media];
    const types = typeChange(b, r, part, be, re);
    if (types) out.types.push({ part, ...types, base, revision });
    if (!form) continue;
    const [bField, rField] = [fieldSchema(b, part), fieldSchema(r, part)];
    // A field only one side names was added or removed with its encoding: the property rules report that.
    if (!bField !== !rField) continue;
    const [from, to] = serialisations(
      { node: be, schema: bField, refs: b.refs, swagger2: false },
      { node: re, schema: rField, refs: r.refs, swagger2: false },
      'form-field',
    );
    if (from !== to) out.styles.push({ part, from, to, base, revision });
  }
  return out;
}

function typeChange(b: PartSide, r: PartSide, part: string, be: JMap | undefined, re: JMap | undefined): { lost: string[]; gained: string[] } | undefined {
  // Defaults alone follow the property's type, which the schema comparison reports already.
  if (!(be && stringOf(be, 'contentType')) && !(re && stringOf(re, 'contentType'))) return undefined;
  const from = partTypes(b, part, be);
  const to = partTypes(r, part, re);
  if (!from || !to) return undefined;
  const lost = notCovered(from, to);
  const gained = notCovered(to, from);
  return lost.length || gained.length ? { lost, gained } : undefined;
}
