// Whether a spec opened in the editor is exactly its base: then it has no breaking
// changes by definition, and its (empty) result can be shown before any parse.

/**
 * The buffer is the base's text, and the spec reads no other file (whose working
 * copy could differ from the base's): its comparison can only find nothing.
 */
export function sameAsBase(text: string, baseText: string): boolean {
  return text.length === baseText.length && text === baseText && !EXTERNAL_REF.test(text);
}

/** A `$ref` whose target does not start with "#": another file (or a URL). The target may be a YAML block scalar (`$ref: >-` and the next line, as in Stripe's spec). */
export const EXTERNAL_REF = /["']?\$ref["']?[ \t]*:[ \t]*(?:[>|][-+0-9]*[ \t]*\r?\n[ \t]*(?!#)\S|["']?(?![#>|])[^\s"',}])/;
