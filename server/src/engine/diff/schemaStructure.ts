// Keyword families compared for one pair of schemas beside the core ones of
// schemaDiff.ts: embedded content (contentMediaType / contentEncoding /
// contentSchema), x-extensible-enum, discriminator, and readOnly / writeOnly of
// named properties judged by the direction they travel in.
import { child, childMap, childSeq, type JMap, type JNode } from '../parse/tree';
import type { RuleId } from '../rules/registry';
import type { PairComparison } from './schemaDiff';
import { boolFlag, str, valueKey } from './schemaFacts';

const CONTENT_KEYWORDS = [
  ['contentMediaType', 'content-media-type-changed'],
  ['contentEncoding', 'content-encoding-changed'],
] as const;

export function compareContentKeywords(pc: PairComparison): void {
  const { b, r } = pc;
  for (const [keyword, change] of CONTENT_KEYWORDS) {
    const bv = str(b, keyword);
    const rv = str(r, keyword);
    if (bv === rv) continue;
    pc.emit(change, { keyword, from: bv ?? '(none)', to: rv ?? '(none)' }, child(b, keyword) ?? b, child(r, keyword) ?? r, {
      detail: keyword,
      noFix: !bv || !rv,
    });
  }
  const bs = child(b, 'contentSchema');
  const rs = child(r, 'contentSchema');
  if (bs && rs) pc.nested(bs, rs);
  else if (rs) pc.emit('content-schema-added', {}, b, rs);
  else if (bs) pc.emit('content-schema-removed', {}, bs, r);
}

/** Only removing a value breaks, and only senders: an x-extensible-enum promises readers that values will be added. */
export function compareExtensibleEnum(pc: PairComparison): void {
  if (pc.dir !== 'request') return;
  const be = childSeq(pc.b, 'x-extensible-enum');
  const re = childSeq(pc.r, 'x-extensible-enum');
  if (!be || !re) return; // gaining or losing the whole list (an open string either way) restricts nothing
  const kept = new Set(re.items.map((n) => valueKey(n)));
  for (const item of be.items) {
    const k = valueKey(item);
    if (!kept.has(k)) pc.emit('x-extensible-enum-value-removed', { value: k }, item, re, { detail: k });
  }
}

export function compareDiscriminator(pc: PairComparison): void {
  const bd = childMap(pc.b, 'discriminator');
  const rd = childMap(pc.r, 'discriminator');
  if (!bd && !rd) return;
  if (!bd || !rd) {
    if (rd) pc.emit('discriminator-added', { name: str(rd, 'propertyName') ?? '?' }, pc.b, rd);
    else pc.emit('discriminator-removed', { name: str(bd!, 'propertyName') ?? '?' }, bd, pc.r);
    return;
  }
  const bName = str(bd, 'propertyName');
  const rName = str(rd, 'propertyName');
  if (bName !== rName)
    pc.emit('discriminator-property-name-changed', { from: bName ?? '', to: rName ?? '' }, child(bd, 'propertyName') ?? bd, child(rd, 'propertyName') ?? rd);
  const bm = childMap(bd, 'mapping');
  const rm = childMap(rd, 'mapping');
  for (const [value, bTarget] of bm?.entries ?? []) {
    const rTarget = rm?.entries.get(value);
    if (!rTarget) pc.emit('discriminator-mapping-deleted', { value }, bTarget, rm ?? rd, { detail: value });
    else if (valueKey(bTarget) !== valueKey(rTarget))
      pc.emit('discriminator-mapping-changed', { value, from: valueKey(bTarget), to: valueKey(rTarget) }, bTarget, rTarget, { detail: value });
  }
  for (const [value, rTarget] of rm?.entries ?? []) {
    if (!bm?.entries.has(value)) pc.emit('discriminator-mapping-added', { value }, bm ?? bd, rTarget, { detail: value });
  }
}

const ACCESS = [
  ['readOnly', 'read-only'],
  ['writeOnly', 'write-only'],
] as const;

/**
 * readOnly / writeOnly flips of a named property, under the catalogue's ids
 * (request-required-property-became-read-only, ...). The registry levels them by
 * what travels: readOnly properties are not sent, writeOnly ones not returned.
 */
export function compareAccessOfProperty(pc: PairComparison, name: string, bProp: JMap, rProp: JMap, bNode: JNode, rNode: JNode, required: boolean): void {
  for (const [keyword, word] of ACCESS) {
    const bv = boolFlag(bProp, keyword);
    const rv = boolFlag(rProp, keyword);
    if (bv === rv) continue;
    const rule: RuleId = `${pc.dir}-${required ? 'required' : 'optional'}-property-became-${rv ? '' : 'not-'}${word}`;
    pc.emitRule(rule, { name }, child(bProp, keyword) ?? bNode, child(rProp, keyword) ?? rNode, { detail: name });
  }
}
