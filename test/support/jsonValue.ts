// Plain JSON values, for tests that edit real specs as data (parsed with JSON.parse).
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at `keys` (object keys and array indexes as strings) from `root`, if there is one. */
export function valueAt(root: Json, keys: string[]): Json | undefined {
  return keys.reduce<Json | undefined>((node, k) => (isObject(node) ? node[k] : Array.isArray(node) ? node[Number(k)] : undefined), root);
}
