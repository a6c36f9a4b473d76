// The petstore spec most scenarios start from, written out once: GET /pets returning
// a Pet (required id, optional name). Scenarios add what they need in two places:
// lines under `get:` before its responses (a summary, parameters) and lines after
// Pet's `name` property (its description, more properties). The text is built, not
// parsed, so every line number a test asserts stays where it is written here.
export interface PetstoreParts {
  /** Lines of GET /pets before `responses:` (indented 6 spaces), e.g. a summary and parameters. */
  get?: string;
  /** Lines after Pet's `name: {type: string}` (its keys indented 10 spaces, further properties 8). */
  afterName?: string;
}

export function petstore(parts: PetstoreParts = {}): string {
  return `openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
${parts.get ?? ''}      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
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
${parts.afterName ?? ''}`;
}

/**
 * The smallest useful spec: GET /pets answering an object in flow-style property lines
 * (`id: {type: integer}`), for tests about the CLI's surroundings (packaging, hooks, the
 * action, init) rather than the rules.
 */
export function tinyPets(properties: string[] = ['id: {type: integer}', 'name: {type: string}'], required: string[] = ['id']): string {
  return `openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
${required.length ? `                required: [${required.join(', ')}]\n` : ''}                properties:
${properties.map((p) => `                  ${p}\n`).join('')}`;
}
