// The committed spec in its two formats (test/e2e/fixtures/petstore.yaml and the same document
// as petstore.json), and the edits a user makes to it, written the way each format is typed:
// YAML by replacing lines, JSON by re-serialising with the file's own 2-space layout (the JSON
// fixture is exactly JSON.stringify(..., null, 2) plus a newline, so untouched lines stay as
// they were). Every edit asserts that it changed something, so a fixture change fails loudly.
// No `vscode` import: plain text in, plain text out.

import * as assert from 'node:assert/strict';

/** A pet's optional `tag`: the response property the scenarios delete. */
export const DELETED_PROPERTY = 'tag';
/** The query parameter the scenarios add as required. */
export const NEW_PARAMETER = 'verbose';

export interface SpecFormat {
  /** 'yaml' | 'json' (also the VS Code language id). */
  readonly name: 'yaml' | 'json';
  /** File name in the workspace repositories. */
  readonly file: string;
  /** Fixture in test/e2e/fixtures/. */
  readonly fixture: string;
  /** Text of the parent key a removed property is anchored on (its line). */
  readonly propertiesKey: RegExp;
  /** Without Pet's optional `tag` (a deleted response property). */
  withoutTag(text: string): string;
  /** Without Pet's `tag` and with Pet's `color` instead (what repository B commits in the multi-root launch). */
  withColorInsteadOfTag(text: string): string;
  /** With a new required query parameter `verbose` on GET /pets/{petId}. */
  withRequiredQuery(text: string): string;
  /** Mid-edit: the text no longer parses (an unclosed YAML flow sequence; a missing JSON comma). */
  broken(text: string): string;
  /** Whether Pet's `property` is back, `deprecated: true`, still typed `string`. */
  hasDeprecatedProperty(text: string, property: string): boolean;
  /** The line of Pet's `property` key, in this format's own indentation. */
  propertyKey(property: string): RegExp;
  /** Whether the new `verbose` parameter is now `required: false`. */
  verboseIsOptional(text: string): boolean;
}

function changed(before: string, after: string, what: string): string {
  assert.notEqual(after, before, `fixture changed: ${what}`);
  return after;
}

const YAML_TAG = /\n {8}tag:\n {10}type: string\n?$/;
const YAML_PET_ID_SCHEMA = '          schema:\n            type: string\n      responses:';

const yamlFormat: SpecFormat = {
  name: 'yaml',
  file: 'openapi.yaml',
  fixture: 'petstore.yaml',
  propertiesKey: /^ {6}properties:\s*$/,
  withoutTag: (text) => changed(text, text.replace(YAML_TAG, '\n'), 'Pet.tag is not the last property of petstore.yaml'),
  withColorInsteadOfTag: (text) =>
    changed(text, text.replace(YAML_TAG, '\n        color:\n          type: string\n'), 'Pet.tag is not the last property of petstore.yaml'),
  withRequiredQuery: (text) =>
    changed(
      text,
      text.replace(
        YAML_PET_ID_SCHEMA,
        '          schema:\n            type: string\n        - name: verbose\n          in: query\n          required: true\n          schema:\n            type: boolean\n      responses:',
      ),
      'the petId parameter of petstore.yaml',
    ),
  broken: (text) => changed(text, text.replace('  title: Petstore', '  title: [Petstore'), 'info.title of petstore.yaml'),
  propertyKey: (property) => new RegExp(`^ {8}${property}:$`),
  hasDeprecatedProperty: (text, property) => {
    const m = new RegExp(`\\n {8}${property}:\\n((?: {10}.*\\n?)+)`).exec(text);
    return !!m && /^ {10}deprecated: true$/m.test(m[1]) && /^ {10}type: string$/m.test(m[1]);
  },
  verboseIsOptional: (text) => /\n {8}- name: verbose\n {10}in: query\n {10}required: false\n/.test(text),
};

interface Pet {
  properties: Record<string, Record<string, unknown>>;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
}
// The fixture's JSON is read as what JSON.parse gives: a tree of plain objects we index by key.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON has no static type here
type JsonDoc = any;
function editJson(text: string, edit: (doc: JsonDoc) => void, what: string): string {
  const doc = JSON.parse(text);
  assert.equal(JSON.stringify(doc, null, 2) + '\n', text, 'the JSON fixture keeps the 2-space layout of JSON.stringify');
  edit(doc);
  return changed(text, JSON.stringify(doc, null, 2) + '\n', what);
}
const petOf = (doc: JsonDoc): Pet => doc.components.schemas.Pet;
const parametersOf = (doc: JsonDoc): Parameter[] => doc.paths['/pets/{petId}'].get.parameters;
function parsesTo<T>(text: string, read: (doc: JsonDoc) => T): T | undefined {
  try {
    return read(JSON.parse(text));
  } catch {
    return undefined;
  }
}

const jsonFormat: SpecFormat = {
  name: 'json',
  file: 'openapi.json',
  fixture: 'petstore.json',
  propertiesKey: /^ {8}"properties": \{\s*$/,
  withoutTag: (text) => editJson(text, (d) => delete petOf(d).properties.tag, 'Pet.tag in petstore.json'),
  withColorInsteadOfTag: (text) =>
    editJson(
      text,
      (d) => {
        delete petOf(d).properties.tag;
        petOf(d).properties.color = { type: 'string' };
      },
      'Pet.tag in petstore.json',
    ),
  withRequiredQuery: (text) =>
    editJson(text, (d) => parametersOf(d).push({ name: 'verbose', in: 'query', required: true, schema: { type: 'boolean' } }), 'parameters of petstore.json'),
  broken: (text) => changed(text, text.replace('"title": "Petstore",', '"title": "Petstore"'), 'info.title of petstore.json'),
  propertyKey: (property) => new RegExp(`^ {10}"${property}": \\{$`),
  hasDeprecatedProperty: (text, property) =>
    parsesTo(text, (d) => {
      const tag = petOf(d).properties[property];
      return !!tag && tag.deprecated === true && tag.type === 'string';
    }) ?? false,
  verboseIsOptional: (text) => parsesTo(text, (d) => parametersOf(d).find((p) => p.name === 'verbose')?.required === false) ?? false,
};

/** Every scenario runs once per format. */
export const FORMATS: readonly SpecFormat[] = [yamlFormat, jsonFormat];
