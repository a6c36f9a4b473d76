// The hostile and odd inputs of issue 8, built once for the CLI and the server
// tests: texts a user types or a repository contains that are not a plain spec.
import { PETS_YAML } from '../integration/fixtures';

/** The pet store with the `name` property removed from Pet: one "optional property removed" finding against PETS_YAML. */
export const PETS_REMOVED = PETS_YAML.replace(`        name:\n          type: string\n          description: The pet's name\n`, '');

/** YAML typed half-way: an unclosed flow sequence. */
export const HALF_TYPED_YAML = PETS_REMOVED.replace('enum: [asc, desc, random]', 'enum: [asc, desc, ran');

/** JSON typed half-way: a string not closed yet. */
export function halfTypedJson(json: string): string {
  return json.replace('"summary": "List pets",', '"summary": "List pe');
}

/** JSON with comments (JSONC), as VS Code users write it. */
export function withComments(json: string): string {
  return json.replace('{\n', '{\n  // The pet store; comments are fine\n').replace('"paths": {', '/* the API */ "paths": {');
}

export const K8S_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: petstore
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: api
          image: petstore:1.0
---
apiVersion: v1
kind: Service
metadata:
  name: petstore
spec:
  ports:
    - port: 80
`;

export const COMPOSE_FILE = `services:
  api:
    image: petstore:1.0
    ports: ["8080:80"]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: example
`;

/** "Billion laughs": nine levels of nine aliases (387 million strings if expanded), used as an enum. */
export function aliasBomb(spec: string): string {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return spec
    .replace('components:\n', `x-bomb:\n${levels.map((l) => `  ${l}`).join('\n')}\ncomponents:\n`)
    .replace('        tag:\n          type: string\n', '        tag:\n          type: string\n          enum: *i\n');
}

/** A JSON value nested `depth` levels deep inside an otherwise valid spec. */
export function deepNesting(spec: string, depth: number): string {
  return spec.replace('components:\n', `x-deep: ${'['.repeat(depth)}${']'.repeat(depth)}\ncomponents:\n`);
}

/** A response schema that is a cycle of $refs, and one that points at nothing. */
export const BROKEN_REFS = PETS_YAML.replace(
  "                $ref: '#/components/schemas/Pet'",
  "                $ref: '#/components/schemas/Pet'\n        '404':\n          description: cycle\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Loop1'\n        '410':\n          description: nowhere\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Nowhere'",
).replace(
  'components:\n  schemas:\n',
  "components:\n  schemas:\n    Loop1:\n      $ref: '#/components/schemas/Loop2'\n    Loop2:\n      $ref: '#/components/schemas/Loop1'\n",
);

/** A schema referenced from a URL, which must never be fetched. */
export const REMOTE_REF = PETS_YAML.replace("$ref: '#/components/schemas/Pet'", "$ref: 'https://schemas.example.com/pet.yaml#/Pet'");

/** A schema referenced from outside the repository (`../`), which must never be read. */
export function escapingRef(target: string): string {
  return PETS_YAML.replace("$ref: '#/components/schemas/Pet'", `$ref: '${target}#/Pet'`);
}

/** A valid spec of about `mb` megabytes: a few operations with long descriptions (cheap to parse, like real prose). */
export function bigSpec(mb: number): string {
  const para = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.';
  const block = Array.from({ length: 800 }, () => `        ${para}`).join('\n');
  let size = PETS_YAML.length;
  const ops: string[] = [];
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const op = `  /things/${i}:\n    get:\n      description: |\n${block}\n      responses:\n        '200':\n          description: ok\n`;
    ops.push(op);
    size += op.length;
  }
  return PETS_YAML.replace('paths:\n', `paths:\n${ops.join('')}`);
}

/** A valid spec of about `mb` megabytes made of many small operations: slow to parse and compare (many nodes). */
export function denseSpec(mb: number): string {
  const ops: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const op = `  /items/${i}/{id}:\n    get:\n      operationId: getItem${i}\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n        - name: expand\n          in: query\n          schema:\n            type: array\n            items:\n              type: string\n              enum: [a, b, c, d]\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                required: [id]\n                properties:\n                  id:\n                    type: string\n                  count:\n                    type: integer\n                    minimum: 0\n`;
    ops.push(op);
    size += op.length;
  }
  return PETS_YAML.replace('paths:\n', `paths:\n${ops.join('')}`);
}
