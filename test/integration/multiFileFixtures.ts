// Multi-file specs for the integration tests: two root specs (one with its keys
// sorted, so `openapi:` comes last) sharing schemas/pet.yaml, which references
// schemas/category.yaml; plus the pieces of the "added file" and "retargeted
// $ref" scenarios. Line numbers below are 0-based, as in LSP.
import { petstore } from '../support/petstore';

export const ROOT = `openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: './schemas/pet.yaml#/Pet'
`;

/** Keys sorted: a sniff that only looks at the first key would miss this root. */
export const SORTED_ROOT = `info:
  title: Admin
  version: 1.0.0
paths:
  /admin/pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: 'schemas/pet.yaml#/Pet'
openapi: 3.0.3
`;

export const PET = `Pet:
  type: object
  required: [id]
  properties:
    id:
      type: integer
    name:
      type: string
    category:
      $ref: './category.yaml#/Category'
`;
/** The line of `properties:` in PET, where a removed property is reported. */
export const PET_PROPERTIES_LINE = 3;
export const PET_WITHOUT_NAME = PET.replace('    name:\n      type: string\n', '');

export const CATEGORY = `Category:
  type: object
  properties:
    label:
      type: string
`;
/** `label` becomes an integer: a breaking type change on line 4 (`type:`) or 3 (`label:`). */
export const CATEGORY_LABEL_INTEGER = CATEGORY.replace('    label:\n      type: string\n', '    label:\n      type: integer\n');

/** The base of the "added file" scenario: Pet inline in the root. */
export const INLINE_ROOT = petstore();
/** The same Pet, moved to a file of its own (schemas/moved.yaml). */
export const MOVED_PET = `Pet:
  type: object
  required: [id]
  properties:
    id:
      type: integer
    name:
      type: string
`;
export const MOVED_ROOT = INLINE_ROOT.replace(`'#/components/schemas/Pet'`, `'./schemas/moved.yaml#/Pet'`).replace(/components:[\s\S]*$/, '');

/** The "retargeted $ref" scenario: the root points at a.yaml in the base and at b.yaml in the revision. */
export const ROOT_TO_A = ROOT.replace(`'./schemas/pet.yaml#/Pet'`, `'./a.yaml#/Pet'`);
export const ROOT_TO_B = ROOT.replace(`'./schemas/pet.yaml#/Pet'`, `'./b.yaml#/Pet'`);
export const A = `Pet:
  type: object
  required: [id]
  properties:
    id:
      type: integer
`;
/** Incompatible with A: `id` is a string. The type change is reported on line 5 (`type:`) or 4 (`id:`). */
export const B = `Pet:
  type: object
  required: [id]
  properties:
    id:
      type: string
`;
