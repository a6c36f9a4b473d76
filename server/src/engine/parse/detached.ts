/**
 * A copy of a string that does not keep a larger one alive. V8 represents a slice
 * (of 13 characters or more) as a view into its parent string, so a short value
 * sliced from a 4 MB text holds all 4 MB for as long as the value lives.
 * Concatenating and slicing again makes V8 copy the characters.
 */
export function detached(slice: string): string {
  return ('\n' + slice).slice(1);
}
