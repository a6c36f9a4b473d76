// Resolves `$ref` links lazily, one hop at a time, without ever expanding the spec.
// External files are read through an injected loader (multi-file specs); remote
// references are never fetched.
import { child, isMap, nodeAtPointer, refOfMap, type JNode } from '../parse/tree';
import type { LineIndex } from '../parse/lineIndex';

export interface RefTarget {
  node: JNode;
  /** The document (file) the target lives in. */
  file: string;
}

/** Reads another file of a multi-file spec; returns its parsed root or undefined. */
export type ExternalLoader = (fromFile: string, relativePath: string) => { root: JNode; file: string; lines: LineIndex } | undefined;

export interface RefProblem {
  message: string;
  node: JNode;
  file: string;
  /** Remote references are never followed; the others (nothing there, a cycle) an edit elsewhere can mend. */
  remote?: boolean;
}

const MAX_HOPS = 64;

export class RefResolver {
  /** Root node of each loaded document -> its file. */
  private readonly fileOfRoot = new Map<JNode, string>();
  private readonly reported = new Set<string>();
  readonly problems: RefProblem[] = [];
  /**
   * Ids of `$ref` maps followed in the middle of a chain (A -> B -> C: B). Whoever
   * followed the chain depends on them, though they lie outside its subtree; an edit
   * in one makes the incremental diff compare everything again.
   */
  readonly throughRefs = new Set<number>();

  /** Set while collectTargets runs: the targets of the `$ref`s followed meanwhile. */
  private collecting?: JNode[];

  private readonly linesOfFile = new Map<string, LineIndex>();
  /** Root node of each loaded file: quick fixes in a referenced file need its own tree. */
  private readonly rootOfFileMap = new Map<string, JNode>();

  constructor(
    mainRoot: JNode,
    readonly mainFile: string,
    mainLines: LineIndex,
    private readonly external?: ExternalLoader,
  ) {
    this.fileOfRoot.set(mainRoot, mainFile);
    this.linesOfFile.set(mainFile, mainLines);
    this.rootOfFileMap.set(mainFile, mainRoot);
  }

  /** Line index of a loaded file (the main file or one reached through a `$ref`). */
  linesOf(file: string): LineIndex | undefined {
    return this.linesOfFile.get(file);
  }

  /** Root node of a loaded file (the main file or one reached through a `$ref`). */
  rootOfFile(file: string): JNode | undefined {
    return this.rootOfFileMap.get(file);
  }

  /** Every file this resolver has read (main file first). */
  files(): string[] {
    return [...this.linesOfFile.keys()];
  }

  fileOf(node: JNode): string {
    // A single-file spec (most of them) needs no walk up to the root.
    if (this.fileOfRoot.size === 1) return this.mainFile;
    let cur: JNode = node;
    while (cur.parent) cur = cur.parent;
    return this.fileOfRoot.get(cur) ?? this.mainFile;
  }

  rootOf(node: JNode): JNode {
    let cur: JNode = node;
    while (cur.parent) cur = cur.parent;
    return cur;
  }

  /** Follows `$ref` chains from a node; returns the node itself when it is not a reference, undefined when the chain is broken or cyclic. */
  deref(node: JNode | undefined): JNode | undefined {
    let cur = node;
    for (let hops = 0; cur && hops < MAX_HOPS; hops++) {
      const ref = isMap(cur) ? refOfMap(cur) : undefined;
      if (ref === undefined) {
        if (hops > 0) this.collecting?.push(cur);
        return cur;
      }
      if (hops > 0) this.throughRefs.add(cur.id);
      cur = this.follow(cur, ref);
    }
    if (cur) this.report(node!, `$ref chain is cyclic or longer than ${MAX_HOPS} hops`);
    return undefined;
  }

  /**
   * Runs `read` and answers its result with the targets of every `$ref` it followed. A comparison
   * that reads a schema through references without comparing it as a pair (a proof that one schema
   * accepts every value of another) depends on those targets: the live diff must know them.
   */
  collectTargets<T>(read: () => T): [T, JNode[]] {
    const outer = this.collecting;
    const targets: JNode[] = [];
    this.collecting = targets;
    try {
      return [read(), targets];
    } finally {
      this.collecting = outer;
      outer?.push(...targets);
    }
  }

  /** The `$ref` string of a node, if it is a reference. */
  refOf(node: JNode | undefined): string | undefined {
    return isMap(node) ? refOfMap(node) : undefined;
  }

  /** Targets already found, per `$ref` node: the diff dereferences the same nodes many times. */
  private readonly followed = new Map<JNode, JNode | undefined>();
  /** Targets per pointer, per document root. */
  private readonly pointers = new Map<JNode, Map<string, JNode | undefined>>();

  private follow(from: JNode, ref: string): JNode | undefined {
    const known = this.followed.get(from);
    if (known !== undefined || this.followed.has(from)) return known;
    const target = this.lookup(from, ref);
    this.followed.set(from, target);
    return target;
  }

  private lookup(from: JNode, ref: string): JNode | undefined {
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    let root: JNode;
    if (filePart === '') {
      root = this.rootOf(from);
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
      this.report(from, `remote reference "${ref}" is not followed (Breakwater never fetches over the network)`, true);
      return undefined;
    } else {
      const loaded = this.external?.(this.fileOf(from), filePart);
      if (!loaded) {
        this.report(from, `cannot resolve "${ref}": file not found or outside the repository`);
        return undefined;
      }
      this.fileOfRoot.set(loaded.root, loaded.file);
      this.linesOfFile.set(loaded.file, loaded.lines);
      this.rootOfFileMap.set(loaded.file, loaded.root);
      root = loaded.root;
    }
    // Many $refs share a pointer (a common schema is referenced hundreds of times): resolve each once per document.
    let byPointer = this.pointers.get(root);
    if (!byPointer) this.pointers.set(root, (byPointer = new Map()));
    let target: JNode | undefined;
    if (byPointer.has(pointer)) target = byPointer.get(pointer);
    else byPointer.set(pointer, (target = nodeAtPointer(root, '#' + pointer)));
    if (!target) this.report(from, `cannot resolve "${ref}": nothing at that location`);
    return target;
  }

  private report(node: JNode, message: string, remote = false): void {
    const key = `${node.id}:${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push(remote ? { message, node, file: this.fileOf(node), remote } : { message, node, file: this.fileOf(node) });
  }
}

/** True when a node is a `$ref` map (possibly with sibling keywords). */
export function isRef(node: JNode | undefined): boolean {
  return isMap(node) && child(node, '$ref') !== undefined;
}
