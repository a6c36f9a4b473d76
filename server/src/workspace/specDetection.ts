// Whether an open YAML/JSON document is an OpenAPI/Swagger spec, from its content.
// The engine's sniff reads only the first 64 KB, but real specs often sort their
// keys (Stripe's `openapi:` is on line 40015 of 4 MB), so the whole text is
// searched for a top-level `openapi`/`swagger` key as a fallback. A regex pass over
// a few MB costs milliseconds.
import { looksLikeOpenApi } from '../engine/index';

/** `openapi: 3...` at column 0 (YAML), or `"openapi": "3...` at the first indentation level (JSON, pretty or minified). */
const TOP_LEVEL_YAML = /^["']?(?:openapi|swagger)["']?[ \t]*:[ \t]*["']?\d/m;
const TOP_LEVEL_JSON = /(?:^[ \t]{0,8}|[{,][ \t]*)"(?:openapi|swagger)"[ \t]*:[ \t]*"?\d/m;

export function isSpecText(text: string): boolean {
  return looksLikeOpenApi(text) || TOP_LEVEL_YAML.test(text) || TOP_LEVEL_JSON.test(text);
}
