// How two media type names relate, for a response whose media type was renamed:
// a client that checks Content-Type against the old name may not accept a more
// general one (application/problem+json -> application/json, or a wildcard).

export type MediaTypeRelation = 'same' | 'parameters-changed' | 'generalized' | 'specialized' | 'unrelated';

interface MediaName {
  type: string;
  subtype: string;
  /** The structured syntax suffix: "json" of "problem+json". */
  suffix?: string;
}

function parse(name: string): MediaName | undefined {
  const m = /^\s*([^/;\s]+)\/([^;\s]+)/.exec(name.toLowerCase());
  if (!m) return undefined;
  const plus = m[2].lastIndexOf('+');
  return { type: m[1], subtype: m[2], suffix: plus > 0 ? m[2].slice(plus + 1) : undefined };
}

/** Whether every media type `specific` names is also named by `general` (and they differ). */
function covers(general: MediaName, specific: MediaName): boolean {
  if (general.type === '*') return specific.type !== '*' || specific.subtype !== '*';
  if (general.type !== specific.type) return false;
  if (general.subtype === '*') return specific.subtype !== '*';
  // application/json covers application/problem+json: the suffix says the body is JSON.
  return specific.suffix !== undefined && specific.subtype !== general.subtype && general.subtype === specific.suffix;
}

/** The media type without its parameters, lower case: `application/json; charset=utf-8` -> `application/json`. */
export function mediaTypeEssence(name: string): string {
  return name.split(';')[0].trim().toLowerCase();
}

export function mediaTypeRelation(base: string, revision: string): MediaTypeRelation {
  if (base.toLowerCase() === revision.toLowerCase()) return 'same';
  const b = parse(base);
  const r = parse(revision);
  if (!b || !r) return 'unrelated';
  if (b.type === r.type && b.subtype === r.subtype) return 'parameters-changed';
  if (covers(r, b)) return 'generalized';
  if (covers(b, r)) return 'specialized';
  return 'unrelated';
}

/**
 * Media types whose values keep their JSON types on the wire: JSON itself (and `+json`, `*\/*`), streams
 * of JSON documents (server-sent events, NDJSON / JSON Lines, JSON text sequences), YAML, and the typed
 * binary encodings of the same data model (MessagePack, CBOR). In every other media type (forms,
 * multipart parts, XML, plain text) values travel as text, where `1` and `"1"` are one value.
 */
export function keepsValueTypes(mediaType: string): boolean {
  const essence = mediaTypeEssence(mediaType);
  return (
    isJsonLike(essence) ||
    /^text\/event-stream$|^application\/(x-)?ndjson$|^application\/(x-)?jsonl(ines)?$|^application\/json-seq$/.test(essence) ||
    /^(application|text)\/(x-)?yaml$|\+yaml$|^application\/(x-)?msgpack$|^application\/cbor$|\+cbor$/.test(essence)
  );
}

/** JSON, a `+json` type, or any media type (`*\/*`). */
export function isJsonLike(mediaType: string): boolean {
  return /(^application\/json|\+json)(;|$)/i.test(mediaType) || mediaType === '*/*';
}
