// Shapes of the fix computation: plain data, no editor types. Offsets are 0-based
// into the text the edit applies to.
import type { JNode } from '../parse/tree';
import type { LineIndex } from '../parse/lineIndex';
import type { SpecVersion } from '../parse/loadSpec';
import type { TextStyle } from './textStyle';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** One side of a comparison as the fixes need it. */
export interface FixSide {
  file: string;
  text: string;
  root: JNode;
  lines: LineIndex;
  version: SpecVersion;
  style: TextStyle;
}

export interface FixOptions {
  /** Set when the team has a sunset policy: the extension and the date to write next to `deprecated`. */
  sunset?: { key: string; date: string };
}

export type FixKind =
  | 'deprecate' // re-insert the removed node, marked deprecated
  | 'restore' // re-insert the removed node as it was
  | 'make-optional' // new required parameter/property becomes optional
  | 'optional-with-default' // ... and gets a default
  | 'revert-required' // became required: back to optional
  | 'restore-value'; // enum value, type or other value back to the base

export interface Fix {
  kind: FixKind;
  title: string;
  /** Edits to the revision text; never overlapping, in any order. */
  edits: TextEdit[];
  isPreferred?: boolean;
}
