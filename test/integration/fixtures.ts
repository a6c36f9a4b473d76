// The spec the integration scenarios edit, in YAML and as JSON, and line helpers.
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { petstore } from '../support/petstore';

export const PETS_YAML = petstore({
  get: '      summary: List pets\n      parameters:\n        - name: sort\n          in: query\n          schema:\n            type: string\n            enum: [asc, desc, random]\n',
  afterName: "          description: The pet's name\n        tag:\n          type: string\n",
});

export interface Format {
  name: 'yaml' | 'json';
  file: string;
  /** The spec in this format. */
  render: (yamlText: string) => string;
}

export const FORMATS: Format[] = [
  { name: 'yaml', file: 'api/openapi.yaml', render: (y) => y },
  { name: 'json', file: 'api/openapi.json', render: (y) => JSON.stringify(parse(y), null, 2) + '\n' },
];

/** Edits written once against the YAML fixture; JSON variants are derived through `render`. */
export const EDITS = {
  removeName: (y: string) => replaceOnce(y, `        name:\n          type: string\n          description: The pet's name\n`, ''),
  addRequiredLimit: (y: string) =>
    replaceOnce(
      y,
      `            enum: [asc, desc, random]\n`,
      `            enum: [asc, desc, random]\n        - name: limit\n          in: query\n          required: true\n          schema:\n            type: integer\n`,
    ),
  narrowEnum: (y: string) => replaceOnce(y, 'enum: [asc, desc, random]', 'enum: [asc, desc]'),
};

export function replaceOnce(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `text does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** 0-based line of the first line containing `needle` at or after line `from`. */
export function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i].includes(needle)) return i;
  throw new Error(`${JSON.stringify(needle)} not found after line ${from}:\n${text}`);
}

/** 0-based line of the first line matching `re` at or after line `from`. */
export function lineMatching(text: string, re: RegExp, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
  throw new Error(`${re} not found after line ${from}:\n${text}`);
}

/** The line that holds the `properties` key of schema Pet. */
export function petPropertiesLine(text: string): number {
  return lineMatching(text, /^\s*"?properties"?:/, lineMatching(text, /^\s*"?Pet"?:/));
}
