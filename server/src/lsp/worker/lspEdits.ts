// Engine edits (offsets) as LSP edits (line/character), in the text whose line index is given.
import type { TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { LineIndex } from '../../engine/index';
import type { TextEdit } from '../../engine/fix/index';

export function toLsp(edits: readonly TextEdit[], lines: LineIndex): LspTextEdit[] {
  return edits.map((e) => ({ range: { start: lines.position(e.start), end: lines.position(e.end) }, newText: e.newText }));
}
