// How the parts of a multipart or form body are written: the media type's `encoding` (3.x).
// A part's `contentType` lists the media types it may be sent as (comma-separated, wildcards
// allowed, with a default by the property's type when absent); a form field's `style` and
// `explode` say how it is serialised (application/x-www-form-urlencoded only).
import { childMap, isMap, stringOf, type JMap, type JNode } from '../parse/tree';
import type { RefResolver } from '../model/refs';
import { mediaTypeRelation } from './mediaTypes';
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

/** The content types a part may be sent as; undefined when neither written nor told by its schema. */
function partTypes(side: PartSide, part: string, encoding: JMap | undefined): string[] | undefined {
  const written = encoding ? stringOf(encoding, 'contentType') : undefined;
  if (written !== undefined) return split(written);
  const schema = side.refs.deref(side.schema);
  if (!isMap(schema)) return undefined;
  const property = side.refs.deref(effectiveProperties(schema, side.refs).properties.get(part));
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
    .map((t) => t.split(';')[0].trim().toLowerCase())
    .filter((t) => t.length > 0);
}

/** Types of `from` that no type of `to` names or covers. */
function notCovered(from: string[], to: string[]): string[] {
  return from.filter((t) => !to.some((u) => ['same', 'parameters-changed', 'generalized'].includes(mediaTypeRelation(t, u))));
}

export function partTypeChanges(b: PartSide, r: PartSide): PartTypesChange[] {
  const out: PartTypesChange[] = [];
  for (const [part, be, re] of parts(b, r)) {
    // Defaults alone follow the property's type, which the schema comparison reports already.
    if (!(be && stringOf(be, 'contentType')) && !(re && stringOf(re, 'contentType'))) continue;
    const from = partTypes(b, part, be);
    const to = partTypes(r, part, re);
    if (!from || !to) continue;
    const lost = notCovered(from, to);
    const gained = notCovered(to, from);
    if (lost.length || gained.length) out.push({ part, lost, gained, base: be ?? b.media, revision: re ?? r.media });
  }
  return out;
}

/** A form field's serialisation (style and explode, form exploded by default). */
function formStyle(encoding: JMap | undefined): string {
  const style = (encoding && stringOf(encoding, 'style')) ?? 'form';
  const explode = encoding?.entries.get('explode');
  const exploded = explode && explode.kind === 'scalar' ? explode.value === true : style === 'form';
  return `${style}${exploded ? ' (exploded)' : ''}`;
}

/** Form fields written another way; only application/x-www-form-urlencoded reads `style` and `explode`. */
export function partStyleChanges(b: PartSide, r: PartSide): PartStyleChange[] {
  const out: PartStyleChange[] = [];
  for (const [part, be, re] of parts(b, r)) {
    const from = formStyle(be);
    const to = formStyle(re);
    if (from !== to) out.push({ part, from, to, base: be ?? b.media, revision: re ?? r.media });
  }
  return out;
}
