// The base node as hover shows it: dedented and at most MAX_SNIPPET_LINES lines, the last
// of a longer node saying how many lines are left out (the editor's "Quick Fix…" must stay
// in view under the hover).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SNIPPET_LINES, snippetOf } from '../../server/src/lsp/snippet';

/** A YAML text whose node `limit:` (indented 4) has `n` lines, and that node's offsets. */
function node(n: number): { text: string; start: number; end: number } {
  const body = Array.from({ length: n - 1 }, (_, i) => `      k${i}: ${i}\n`).join('');
  const text = `paths:\n  /pets:\n    limit:\n${body}    next: true\n`;
  const start = text.indexOf('limit:');
  return { text, start, end: text.indexOf('    next:') };
}

test('a node of up to 8 lines is shown whole, dedented', () => {
  const { text, start, end } = node(MAX_SNIPPET_LINES);
  const lines = snippetOf(text, start, end).split('\n');
  assert.equal(lines.length, MAX_SNIPPET_LINES);
  assert.equal(lines[0], 'limit:');
  assert.equal(lines[1], '  k0: 0');
  assert.equal(lines[MAX_SNIPPET_LINES - 1], `  k${MAX_SNIPPET_LINES - 2}: ${MAX_SNIPPET_LINES - 2}`);
});

test('a longer node is cut to 8 lines, the last one saying how many are left out', () => {
  for (const n of [MAX_SNIPPET_LINES + 1, 40, 500]) {
    const { text, start, end } = node(n);
    const lines = snippetOf(text, start, end).split('\n');
    assert.equal(lines.length, MAX_SNIPPET_LINES, `${n} lines`);
    assert.equal(lines[MAX_SNIPPET_LINES - 1], `… (${n - (MAX_SNIPPET_LINES - 1)} more lines)`, `${n} lines`);
  }
});

test('a long node at the end of the file, with or without a final newline, counts its lines left out the same', () => {
  const body = Array.from({ length: 99 }, (_, i) => `  k${i}: ${i}`).join('\n');
  for (const text of [`limit:\n${body}`, `limit:\n${body}\n`, `limit:\n${body}\n\n`]) {
    const lines = snippetOf(text, 0, text.length).split('\n');
    assert.equal(lines.length, MAX_SNIPPET_LINES);
    assert.equal(lines[MAX_SNIPPET_LINES - 1], `… (${100 - (MAX_SNIPPET_LINES - 1)} more lines)`, JSON.stringify(text.slice(-12)));
  }
});
