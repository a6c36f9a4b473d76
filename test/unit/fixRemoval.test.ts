// "Mark deprecated instead of deleting" and "Restore": every removable element,
// in YAML and JSON, checked for position, indentation and validity, and that the
// fix clears the finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, stringify } from 'yaml';
import { lineWith, runFix } from '../support/fixHarness';
import { toJsonText } from '../support/engineHarness';

const PETS = `openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      summary: List pets
      operationId: listPets
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
        - name: sort
          in: query
          description: Sort order
          schema:
            type: string
            enum: [asc, desc]
      responses:
        '200':
          description: ok
          headers:
            X-Rate-Limit:
              description: calls left
              schema:
                type: integer
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
        '404':
          description: not found
    post:
      summary: Create a pet
      responses:
        '201':
          description: created
  /pets/{petId}:
    get:
      responses:
        '200':
          description: ok
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id:
          type: integer
        name:
          type: string
          description: |
            The pet's name.
              An indented line that must stay indented.
        owner:
          $ref: '#/components/schemas/Owner'
        tag:
          type: string
    Owner:
      type: object
      properties:
        id:
          type: integer
`;

const cut = (text: string, block: string) => {
  assert.ok(text.includes(block), `fixture does not contain:\n${block}`);
  return text.replace(block, '');
};

const NAME_PROPERTY = `        name:
          type: string
          description: |
            The pet's name.
              An indented line that must stay indented.
`;

const json2 = (yaml: string) => toJsonText(yaml);
const json4 = (yaml: string) => JSON.stringify(parse(yaml), null, 4) + '\n';
const jsonTabs = (yaml: string) => JSON.stringify(parse(yaml), null, '\t') + '\n';
const jsonMin = (yaml: string) => JSON.stringify(parse(yaml));

/** The YAML pair, and the same pair as JSON in several layouts. */
function variants(base: string, rev: string): [string, string, string, string][] {
  return [
    ['yaml', base, rev, 'spec.yaml'],
    ['json (2 spaces)', json2(base), json2(rev), 'spec.json'],
    ['json (4 spaces)', json4(base), json4(rev), 'spec.json'],
    ['json (tabs)', jsonTabs(base), jsonTabs(rev), 'spec.json'],
    ['json (minified)', jsonMin(base), jsonMin(rev), 'spec.json'],
  ];
}

/** The value at a path of the fixed document. */
function at(text: string, ...path: string[]): unknown {
  let cur: unknown = parse(text);
  for (const p of path) cur = (cur as Record<string, unknown> | undefined)?.[p];
  return cur;
}

test('removed response property: deprecated re-inserted in place, block scalar intact, every layout', () => {
  const rev = cut(PETS, NAME_PROPERTY);
  for (const [label, b, r, file] of variants(PETS, rev)) {
    const run = runFix(b, r, file, 'response-optional-property-removed', 'deprecate');
    const props = at(run.fixed, 'components', 'schemas', 'Pet', 'properties') as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(props), ['id', 'name', 'owner', 'tag'], `${label}: key order`);
    assert.equal(props.name.deprecated, true, label);
    assert.equal(props.name.description, "The pet's name.\n  An indented line that must stay indented.\n", `${label}: block scalar content`);
    assert.ok(run.fixes[0].isPreferred && run.fixes[0].title.startsWith('Mark deprecated instead of deleting'), label);
  }
  const yaml = runFix(PETS, rev, 'spec.yaml', 'response-optional-property-removed', 'deprecate').fixed;
  assert.equal(lineWith(yaml, 'deprecated: true'), '          deprecated: true');
  assert.equal(lineWith(yaml, '        name:'), '        name:');
  const json = runFix(json2(PETS), json2(rev), 'spec.json', 'response-optional-property-removed', 'deprecate').fixed;
  assert.equal(lineWith(json, '"deprecated"'), '            "deprecated": true');
  const tabs = runFix(jsonTabs(PETS), jsonTabs(rev), 'spec.json', 'response-optional-property-removed', 'deprecate').fixed;
  assert.equal(lineWith(tabs, '"deprecated"'), '\t\t\t\t\t\t"deprecated": true');
  const min = runFix(jsonMin(PETS), jsonMin(rev), 'spec.json', 'response-optional-property-removed', 'deprecate').fixed;
  assert.equal(min.split('\n').length, 1, 'minified JSON stays on one line');
});

test('restore puts the base text back byte for byte', () => {
  const rev = cut(PETS, NAME_PROPERTY);
  for (const [label, b, r, file] of variants(PETS, rev)) {
    const run = runFix(b, r, file, 'response-optional-property-removed', 'restore');
    assert.equal(run.fixed, b, label);
  }
});

test('re-indents the base snippet to the revision indentation unit (2 -> 4 spaces)', () => {
  // The author reformatted the file with 4-space indentation and deleted a property.
  const rev4 = stringify(parse(cut(PETS, NAME_PROPERTY)), { indent: 4 });
  const run = runFix(PETS, rev4, 'spec.yaml', 'response-optional-property-removed', 'deprecate');
  const lines = run.fixed.split('\n');
  const at4 = lines.findIndex((l) => l === '                name:');
  assert.ok(at4 > 0, run.fixed);
  assert.deepEqual(lines.slice(at4, at4 + 6), [
    '                name:',
    '                    type: string',
    '                    description: |',
    "                        The pet's name.",
    '                          An indented line that must stay indented.',
    '                    deprecated: true',
  ]);
});

test('removed first parameter goes back before its old successor, deprecated after "in"', () => {
  const rev = cut(
    PETS,
    `        - name: limit
          in: query
          schema:
            type: integer
`,
  );
  for (const [label, b, r, file] of variants(PETS, rev)) {
    const run = runFix(b, r, file, 'request-parameter-removed', 'deprecate');
    const params = at(run.fixed, 'paths', '/pets', 'get', 'parameters') as Record<string, unknown>[];
    assert.deepEqual(
      params.map((p) => p.name),
      ['limit', 'sort'],
      label,
    );
    assert.deepEqual(Object.keys(params[0]), ['name', 'in', 'deprecated', 'schema'], label);
  }
  const yaml = runFix(PETS, rev, 'spec.yaml', 'request-parameter-removed', 'deprecate').fixed;
  assert.ok(
    yaml.includes(
      '        - name: limit\n          in: query\n          deprecated: true\n          schema:\n            type: integer\n        - name: sort\n',
    ),
    yaml,
  );
});

test('removed last parameter: the parameters list is re-created', () => {
  const base = PETS.replace(
    `        - name: sort
          in: query
          description: Sort order
          schema:
            type: string
            enum: [asc, desc]
`,
    '',
  );
  const rev = cut(
    base,
    `      parameters:
        - name: limit
          in: query
          schema:
            type: integer
`,
  );
  for (const [label, b, r, file] of variants(base, rev)) {
    const run = runFix(b, r, file, 'request-parameter-removed', 'deprecate');
    const op = at(run.fixed, 'paths', '/pets', 'get') as Record<string, unknown>;
    assert.deepEqual(Object.keys(op), ['summary', 'operationId', 'parameters', 'responses'], label);
    assert.equal((op.parameters as Record<string, unknown>[])[0].deprecated, true, label);
  }
});

test('removed operation: deprecated after its summary; removed path: every operation deprecated', () => {
  const revOp = cut(
    PETS,
    `    post:
      summary: Create a pet
      responses:
        '201':
          description: created
`,
  );
  for (const [label, b, r, file] of variants(PETS, revOp)) {
    const run = runFix(b, r, file, 'api-removed-without-deprecation', 'deprecate');
    assert.deepEqual(Object.keys(at(run.fixed, 'paths', '/pets', 'post') as object), ['summary', 'deprecated', 'responses'], label);
  }
  const revPath = cut(
    PETS,
    `  /pets/{petId}:
    get:
      responses:
        '200':
          description: ok
`,
  );
  for (const [label, b, r, file] of variants(PETS, revPath)) {
    const run = runFix(b, r, file, 'api-path-removed-without-deprecation', 'deprecate');
    assert.deepEqual(Object.keys(at(run.fixed, 'paths') as object), ['/pets', '/pets/{petId}'], label);
    assert.equal(at(run.fixed, 'paths', '/pets/{petId}', 'get', 'deprecated'), true, label);
  }
});

test('removed response gets x-deprecated (responses have no deprecated field)', () => {
  const rev = cut(
    PETS,
    `        '404':
          description: not found
`,
  );
  for (const [label, b, r, file] of variants(PETS, rev)) {
    const run = runFix(b, r, file, 'response-non-success-status-removed', 'deprecate');
    assert.deepEqual(at(run.fixed, 'paths', '/pets', 'get', 'responses', '404'), { description: 'not found', 'x-deprecated': true }, label);
  }
});

test('removed response header: deprecated in 3.x', () => {
  const rev = cut(
    PETS,
    `          headers:
            X-Rate-Limit:
              description: calls left
              schema:
                type: integer
`,
  );
  for (const [label, b, r, file] of variants(PETS, rev)) {
    const run = runFix(b, r, file, 'optional-response-header-removed', 'deprecate');
    const res = at(run.fixed, 'paths', '/pets', 'get', 'responses', '200') as Record<string, unknown>;
    assert.deepEqual(Object.keys(res), ['description', 'headers', 'content'], label);
    assert.equal((res.headers as Record<string, Record<string, unknown>>)['X-Rate-Limit'].deprecated, true, label);
  }
});

test('a $ref-only property becomes allOf [$ref] + deprecated in 3.0, and keeps $ref siblings in 3.1', () => {
  const rev = cut(
    PETS,
    `        owner:
          $ref: '#/components/schemas/Owner'
`,
  );
  for (const [label, b, r, file] of variants(PETS, rev)) {
    const run = runFix(b, r, file, 'response-optional-property-removed', 'deprecate');
    assert.deepEqual(
      at(run.fixed, 'components', 'schemas', 'Pet', 'properties', 'owner'),
      { allOf: [{ $ref: '#/components/schemas/Owner' }], deprecated: true },
      label,
    );
  }
  const yaml = runFix(PETS, rev, 'spec.yaml', 'response-optional-property-removed', 'deprecate').fixed;
  assert.ok(yaml.includes(`        owner:\n          allOf:\n            - $ref: '#/components/schemas/Owner'\n          deprecated: true\n`), yaml);
  const b31 = PETS.replace('openapi: 3.0.3', 'openapi: 3.1.0');
  const run31 = runFix(
    b31,
    cut(
      b31,
      `        owner:
          $ref: '#/components/schemas/Owner'
`,
    ),
    'spec.yaml',
    'response-optional-property-removed',
    'deprecate',
  );
  assert.deepEqual(at(run31.fixed, 'components', 'schemas', 'Pet', 'properties', 'owner'), { $ref: '#/components/schemas/Owner', deprecated: true });
});

test('a removed $ref parameter deprecates its component when nothing else uses it', () => {
  const base = PETS.replace(
    `        - name: limit
          in: query
          schema:
            type: integer
`,
    `        - $ref: '#/components/parameters/Limit'
`,
  ).replace(
    'components:\n',
    `components:
  parameters:
    Limit:
      name: limit
      in: query
      schema:
        type: integer
`,
  );
  const rev = cut(
    base,
    `        - $ref: '#/components/parameters/Limit'
`,
  );
  for (const [label, b, r, file] of variants(base, rev)) {
    const run = runFix(b, r, file, 'request-parameter-removed', 'deprecate');
    assert.deepEqual(
      at(run.fixed, 'paths', '/pets', 'get', 'parameters'),
      [{ $ref: '#/components/parameters/Limit' }, { name: 'sort', in: 'query', description: 'Sort order', schema: { type: 'string', enum: ['asc', 'desc'] } }],
      label,
    );
    assert.equal(at(run.fixed, 'components', 'parameters', 'Limit', 'deprecated'), true, label);
  }
});

test('Swagger 2.0 parameters and properties get x-deprecated', () => {
  const base = `swagger: '2.0'
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      parameters:
        - name: limit
          in: query
          type: integer
        - name: sort
          in: query
          type: string
      responses:
        '200':
          description: ok
          schema:
            $ref: '#/definitions/Pet'
definitions:
  Pet:
    type: object
    properties:
      id:
        type: integer
      name:
        type: string
`;
  const revParam = cut(
    base,
    `        - name: sort
          in: query
          type: string
`,
  );
  for (const [label, b, r, file] of variants(base, revParam)) {
    const run = runFix(b, r, file, 'request-parameter-removed', 'deprecate');
    assert.deepEqual(
      (at(run.fixed, 'paths', '/pets', 'get', 'parameters') as unknown[])[1],
      { name: 'sort', in: 'query', 'x-deprecated': true, type: 'string' },
      label,
    );
    assert.match(run.fixes[0].title, /x-deprecated/);
  }
  const revProp = cut(
    base,
    `      name:
        type: string
`,
  );
  for (const [label, b, r, file] of variants(base, revProp)) {
    const run = runFix(b, r, file, 'response-optional-property-removed', 'deprecate');
    assert.deepEqual(at(run.fixed, 'definitions', 'Pet', 'properties', 'name'), { type: 'string', 'x-deprecated': true }, label);
  }
});

test('a sunset policy adds the sunset date, quoted so YAML keeps it a string', () => {
  const rev = cut(
    PETS,
    `    post:
      summary: Create a pet
      responses:
        '201':
          description: created
`,
  );
  const run = runFix(PETS, rev, 'spec.yaml', 'api-removed-without-deprecation', 'deprecate', { sunset: { key: 'x-sunset', date: '2027-03-01' } });
  assert.ok(run.fixed.includes(`      summary: Create a pet\n      deprecated: true\n      x-sunset: '2027-03-01'\n      responses:`), run.fixed);
  assert.match(run.fixes[0].title, /x-sunset 2027-03-01/);
  const json = runFix(json2(PETS), json2(rev), 'spec.json', 'api-removed-without-deprecation', 'deprecate', {
    sunset: { key: 'x-sunset', date: '2027-03-01' },
  });
  assert.equal(at(json.fixed, 'paths', '/pets', 'post', 'x-sunset'), '2027-03-01');
});

test('indentless YAML sequences and CRLF line endings are kept', () => {
  const base = PETS.replace(/\n        - name: (limit|sort)/g, '\n      - name: $1')
    .replace(/\n          (in|schema|description): /g, (m) => m.replace('          ', '        '))
    .replace(/\n            type: (integer|string)\n            enum/g, (m) => m);
  // Build a consistent indentless variant by hand rather than by regex gymnastics.
  const indentless = `openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      parameters:
      - name: limit
        in: query
        schema:
          type: integer
      - name: sort
        in: query
        schema:
          type: string
      responses:
        '200':
          description: ok
`;
  void base;
  const rev = cut(
    indentless,
    `      - name: sort
        in: query
        schema:
          type: string
`,
  );
  const run = runFix(indentless, rev, 'spec.yaml', 'request-parameter-removed', 'deprecate');
  assert.ok(run.fixed.includes(`          type: integer\n      - name: sort\n        in: query\n        deprecated: true\n        schema:\n`), run.fixed);
  const crlf = (s: string) => s.replace(/\n/g, '\r\n');
  const runCrlf = runFix(crlf(indentless), crlf(rev), 'spec.yaml', 'request-parameter-removed', 'deprecate');
  assert.equal(runCrlf.fixed, crlf(run.fixed));
});

test('comments above a removed entry come back with it; an emptied JSON object is filled in its own layout', () => {
  const base = PETS.replace('        tag:\n', '        # Free-form label.\n        # Not unique.\n        tag:\n');
  const rev = cut(base, '        # Free-form label.\n        # Not unique.\n        tag:\n          type: string\n');
  const run = runFix(base, rev, 'spec.yaml', 'response-optional-property-removed', 'restore');
  assert.equal(run.fixed, base);
  const deprecated = runFix(base, rev, 'spec.yaml', 'response-optional-property-removed', 'deprecate');
  assert.ok(
    deprecated.fixed.includes('        # Free-form label.\n        # Not unique.\n        tag:\n          type: string\n          deprecated: true\n'),
    deprecated.fixed,
  );
  const small = `{\n  "openapi": "3.0.3",\n  "info": {"title": "t", "version": "1"},\n  "paths": {},\n  "components": {\n    "schemas": {\n      "Pet": {\n        "type": "object",\n        "properties": {\n          "id": {"type": "integer"}\n        }\n      }\n    }\n  }\n}\n`;
  const emptied = small.replace('\n          "id": {"type": "integer"}\n        ', '');
  const json = runFix(
    small.replace(
      '"paths": {}',
      '"paths": {"/p": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}}}',
    ),
    emptied.replace(
      '"paths": {}',
      '"paths": {"/p": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}}}',
    ),
    'spec.json',
    'response-optional-property-removed',
    'deprecate',
  );
  assert.ok(json.fixed.includes('"properties": {\n          "id": {"type": "integer", "deprecated": true}\n        }'), json.fixed);
});

test('an existing "deprecated: false" is turned to true rather than duplicated; 4-space files stay 4-space', () => {
  const base = PETS.replace('          description: Sort order\n', '          description: Sort order\n          deprecated: false\n');
  const rev = cut(
    base,
    `        - name: sort
          in: query
          description: Sort order
          deprecated: false
          schema:
            type: string
            enum: [asc, desc]
`,
  );
  const run = runFix(base, rev, 'spec.yaml', 'request-parameter-removed', 'deprecate');
  assert.ok(run.fixed.includes('          description: Sort order\n          deprecated: true\n          schema:'), run.fixed);
  assert.equal(run.fixed.match(/deprecated/g)?.length, 1);
  const wide = (s: string) => stringify(parse(s), { indent: 4 });
  const wideRev = wide(cut(PETS, NAME_PROPERTY));
  const run4 = runFix(wide(PETS), wideRev, 'spec.yaml', 'response-optional-property-removed', 'deprecate');
  const lines = run4.fixed.split('\n');
  const at = lines.findIndex((l) => l === '                name:');
  assert.ok(at > 0, run4.fixed);
  assert.equal(lines[at + 1], '                    type: string');
  assert.ok(lines.slice(at, at + 8).includes('                    deprecated: true'), run4.fixed);
});
