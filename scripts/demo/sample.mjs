// The demo's sample repository contents (scripts/demo.mjs): pure, so a test can
// check that what the demo says it shows is what Breakwater finds.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The sample: scripts/demo/bookshop.yaml is HEAD; v1.3.0 lacks DELETE /books/{bookId}. */
export function sampleVersions(
  fail = (msg) => {
    throw new Error(msg);
  },
) {
  const head = readFileSync(join(ROOT, 'scripts', 'demo', 'bookshop.yaml'), 'utf8');
  const edit = (text, pairs) =>
    pairs.reduce((t, [from, to]) => {
      if (!t.includes(from)) fail(`scripts/demo/bookshop.yaml changed: cannot find ${JSON.stringify(from.slice(0, 60))}`);
      return t.replace(from, to);
    }, text);
  const v130 = edit(head, [
    ['  version: 1.4.0', '  version: 1.3.0'],
    ["    delete:\n      operationId: deleteBook\n      summary: Remove a book\n      responses:\n        '204':\n          description: Removed\n", ''],
  ]);
  // The uncommitted edit: four changes that break clients (3 breaking, 1 possibly breaking), each with a quick fix.
  const working = edit(head, [
    // a response property deleted (possibly breaking): "Mark deprecated instead of deleting"
    ['        isbn:\n          type: string\n          example: 978-0-00-000000-0\n', ''],
    // a new required query parameter: 'Make parameter "store" optional (required: false)'
    [
      '        - name: genre\n          in: query\n',
      '        - name: store\n          in: query\n          required: true\n          schema:\n            type: string\n        - name: genre\n          in: query\n',
    ],
    // a request property became required: "Revert: make property optional again"
    [
      '      required:\n        - title\n      properties:\n        title:',
      '      required:\n        - title\n        - author\n      properties:\n        title:',
    ],
    // an enum value clients may send was removed: "Restore enum value"
    ['            enum: [fiction, poetry, science, history]\n      responses:', '            enum: [fiction, poetry, science]\n      responses:'],
  ]);
  return { v130, head, working };
}
