// Turns text into a spec document: parse, then decide whether it is OpenAPI/Swagger
// and which version. Lenient by design: problems are collected, not thrown.
import { parseText, type ParsedText, type TextProblem } from './parseText';
import { child, isMap, stringOf, scalarOf, type JMap } from './tree';

export type SpecVersion = '2.0' | '3.0' | '3.1';

export interface SpecDocument {
  file: string;
  parsed: ParsedText;
  root: JMap;
  version: SpecVersion;
  /** Lenient-load problems (duplicate keys, structural oddities); filled further by the model builder. */
  problems: TextProblem[];
}

export type LoadOutcome =
  | { kind: 'spec'; spec: SpecDocument }
  | { kind: 'syntax-error'; parsed: ParsedText; errors: TextProblem[] }
  | { kind: 'not-openapi'; parsed: ParsedText; reason: string }
  | { kind: 'unsupported-version'; parsed: ParsedText; version: string };

/** Cheap content sniff (no full parse) used to decide whether a document is worth checking. */
export function looksLikeOpenApi(text: string): boolean {
  const head = text.slice(0, 65536);
  if (/(^|[\s{,])["']?(openapi|swagger)["']?\s*:\s*["']?\d/m.test(head)) return true;
  // Specs with sorted keys put `openapi` late (Stripe's is on line 40,015): look for it at the top level anywhere.
  return TOP_LEVEL_YAML.test(text) || TOP_LEVEL_JSON.test(text);
}

/** `openapi: 3...` at column 0 (YAML), or `"openapi": "3...` at the first indentation level (JSON, pretty or minified). */
const TOP_LEVEL_YAML = /^["']?(?:openapi|swagger)["']?[ \t]*:[ \t]*["']?\d/m;
const TOP_LEVEL_JSON = /(?:^[ \t]{0,8}|[{,][ \t]*)"(?:openapi|swagger)"[ \t]*:[ \t]*"?\d/m;

export function loadSpec(text: string, file: string): LoadOutcome {
  return loadParsed(parseText(text, file), file);
}

/** loadSpec for text that is already parsed (the language server re-parses edits incrementally). */
export function loadParsed(parsed: ParsedText, file: string): LoadOutcome {
  if (parsed.errors.length > 0) return { kind: 'syntax-error', parsed, errors: parsed.errors };
  return classify(parsed, file);
}

/**
 * For base versions: the user cannot fix history, so take whatever tree the parser
 * recovered even when the text has syntax errors.
 */
export function loadSpecLenient(text: string, file: string): LoadOutcome {
  return loadParsedLenient(parseText(text, file), file);
}

/** loadSpecLenient for text that is already parsed. */
export function loadParsedLenient(parsed: ParsedText, file: string): LoadOutcome {
  if (!parsed.root) return { kind: 'syntax-error', parsed, errors: parsed.errors };
  const outcome = classify(parsed, file);
  if (outcome.kind === 'spec') outcome.spec.problems.push(...parsed.errors.map((e) => ({ ...e, severity: 'warning' as const })));
  return outcome;
}

function classify(parsed: ParsedText, file: string): LoadOutcome {
  const root = parsed.root;
  if (!isMap(root)) return { kind: 'not-openapi', parsed, reason: 'the document is not a mapping with an "openapi" or "swagger" key' };
  const swagger = scalarOf(root, 'swagger');
  const openapi = scalarOf(root, 'openapi');
  let version: SpecVersion | null = null;
  let declared: string;
  if (openapi !== undefined && openapi !== null) {
    declared = String(openapi);
    if (/^3\.0(\.|$)/.test(declared)) version = '3.0';
    else if (/^3\.[12](\.|$)/.test(declared)) version = '3.1'; // 3.2 is read with 3.1 semantics
  } else if (swagger !== undefined && swagger !== null) {
    declared = String(swagger);
    if (/^2(\.0)?$/.test(declared) || declared === '2') version = '2.0';
  } else {
    return { kind: 'not-openapi', parsed, reason: 'no "openapi" or "swagger" key at the top level' };
  }
  if (!version) return { kind: 'unsupported-version', parsed, version: declared };
  const problems: TextProblem[] = [...parsed.warnings];
  if (!child(root, 'paths') && !child(root, 'webhooks') && !stringOf(root, '$ref')) {
    if (version !== '3.1') problems.push({ message: 'the spec has no "paths" object', start: root.keyStart, end: root.keyStart + 1, severity: 'warning' });
  }
  return { kind: 'spec', spec: { file, parsed, root, version, problems } };
}
