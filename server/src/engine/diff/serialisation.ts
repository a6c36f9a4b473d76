// How a value is written on the wire outside a JSON body: the style and explode of a parameter,
// a header or a form field (2.0: collectionFormat), or, for one described by `content`, its media
// type. Two different answers mean clients write (or read) it another way.
import { childMap, scalarOf, stringOf, type JMap } from '../parse/tree';
import { mediaTypeEssence } from './mediaTypes';

/**
 * The serialisation of a parameter, header or form field's encoding object (none: the defaults).
 * `loc` is where the value sits (`in` of a parameter, `header`, or `form-field`): query, cookie and
 * form fields default to style `form`, the rest to `simple`.
 */
export function serialisationOf(node: JMap | undefined, loc: string): string {
  const content = node && childMap(node, 'content');
  const mediaType = content && [...content.entries.keys()].find((k) => !k.startsWith('x-'));
  if (mediaType) return mediaTypeEssence(mediaType);
  const style = (node && (stringOf(node, 'style') ?? stringOf(node, 'collectionFormat'))) ?? defaultStyle(loc);
  const explodeRaw = node && scalarOf(node, 'explode');
  const explode = explodeRaw === undefined ? style === 'form' : explodeRaw === true;
  return `${style}${explode ? ' (exploded)' : ''}`;
}

function defaultStyle(loc: string): string {
  return loc === 'query' || loc === 'cookie' || loc === 'form-field' ? 'form' : 'simple';
}
