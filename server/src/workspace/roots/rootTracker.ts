// The bookkeeping of multi-file specs for the language server. A referenced file
// that is no spec itself (schemas/pet.yaml) belongs to the root specs that reach
// it through `$ref`s; while it is open, those roots are checked too -- from their
// buffer when open, otherwise from disk in the background -- so the findings inside
// the file can be shown on it. This decides which roots an open file belongs to,
// which roots run in the background and for how long, and which specs a changed
// file concerns. Checking and showing are the host's (lsp/checks.ts): it is told
// what to check and what to stop, and speaks no LSP here.
import { readFileInside } from '../../io/safeRead';
import { fileUriOf, fsPathOf } from '../../io/fileUris';
import { BackgroundDocs, type Loaded } from './backgroundDocs';
import type { RootIndexes } from './rootIndex';
import { RootLinks } from './rootLinks';

/** Quiet period before re-checking a spec after another file it reads changed (typing in the spec itself: lsp/typingDelay.ts). */
const READ_FILE_CHANGED_DELAY_MS = 250;

/** What the tracker needs to know of a spec the host checks. */
export interface CheckedSpec {
  /** Its last good check: the files it read through `$ref`s, and which of them (URI -> version) from the editor rather than the disk. */
  lastGood?: { refFiles: string[]; refVersions: ReadonlyMap<string, number> };
}

export interface RootTrackerHost {
  /** The specs checked now (open ones and background roots), by URI. */
  readonly checks: ReadonlyMap<string, CheckedSpec>;
  /** The editor's text of a file, undefined when it is not open. */
  openText(uri: string): string | undefined;
  /** The repository a file is in. */
  repoOf(path: string): Promise<{ root: string } | undefined>;
  /** Schedules a check of `uri` in `delayMs`; `again`: also when its own inputs are unchanged (a file it reads changed). */
  check(uri: string, delayMs: number, again?: boolean): void;
  /** A background root no open file needs any more (or whose file is gone): its check stops and its findings go. */
  stop(root: string): void;
  /** An open file's roots changed, or one stopped: its status is sent again; `moved`: the set of roots changed (and what they found in it with it). */
  rootsChanged(uri: string, moved: boolean): void;
  log(message: string): void;
}

export class RootTracker {
  /** Open referenced files <-> their root specs. */
  private readonly links = new RootLinks();
  /** Roots checked in the background, and the texts they read from disk. */
  private readonly background = new BackgroundDocs();
  /** Opened files whose roots have not yet been told (a restored unsaved buffer differs from what they read on disk). */
  private readonly justOpened = new Set<string>();

  constructor(
    private readonly index: RootIndexes,
    private readonly host: RootTrackerHost,
  ) {}

  /** A file was opened: true when it was a root checked in the background, which from now on reads the editor's buffer. */
  opened(uri: string): boolean {
    this.touchIndex(uri);
    this.justOpened.add(uri);
    return this.background.stop(uri);
  }

  /** An open file was edited: the specs that read it are checked again. */
  edited(uri: string): void {
    this.touchIndex(uri);
    const path = fsPathOf(uri);
    if (path) this.recheckReadersOf(path, uri);
  }

  /**
   * A file was closed (`text`: its last buffer). Returns true when it is a root spec that
   * open files still need: it goes on in the background, from disk (the host checks it again).
   */
  closed(uri: string, text?: string): boolean {
    this.touchIndex(uri);
    this.justOpened.delete(uri);
    const path = fsPathOf(uri);
    // Unsaved edits are gone: specs that read the buffer read the disk again.
    if (path && text !== undefined) void this.recheckIfDiskDiffers(path, uri, text);
    for (const root of this.links.drop(uri)) this.release(root);
    if (!this.host.checks.has(uri) || this.links.openPartsOf(uri).length === 0) return false;
    this.background.start(uri);
    return true;
  }

  /**
   * A file changed on disk (reported by the editor's file watcher): the root index
   * learns it again, a background root reading it is re-checked, and so is a spec
   * that references it.
   */
  fileChanged(uri: string, created: boolean): void {
    const path = fsPathOf(uri);
    if (!path) return;
    if (created) this.index.created(path);
    else this.index.touch(path);
    if (this.background.has(uri)) this.host.check(uri, 0);
    if (this.host.openText(uri) === undefined) this.recheckReadersOf(path, uri);
  }

  /** Finds the root specs an open file that is no spec belongs to, and checks those not checked yet. */
  async findRootsOf(uri: string, path: string): Promise<void> {
    // A background root that stopped being a spec has no editor to show anything in.
    if (this.background.has(uri)) return;
    const repo = await this.host.repoOf(path);
    if (this.host.openText(uri) === undefined) return; // closed meanwhile
    const roots = repo ? await this.index.forRepo(repo.root).rootsOf(path) : [];
    if (this.host.openText(uri) === undefined) return;
    const { added, removed } = this.links.set(uri, roots.map(fileUriOf));
    for (const root of added) {
      if (this.host.checks.has(root) || this.host.openText(root) !== undefined) continue; // open, or already checked in the background
      this.background.start(root);
      this.host.check(root, 0);
    }
    for (const root of removed) this.release(root);
    this.host.rootsChanged(uri, added.length > 0 || removed.length > 0);
    // Roots checked before this file opened read it from disk; its buffer may differ (unsaved edits restored).
    if (this.justOpened.delete(uri)) {
      const text = this.host.openText(uri);
      // Findings a root read from disk have no editor version to match (hover and quick fixes need one): read the buffer.
      if (text !== undefined && this.readFromDisk(uri, path)) this.recheckReadersOf(path, uri);
      else if (text !== undefined) await this.recheckIfDiskDiffers(path, uri, text);
    }
  }

  inBackground(uri: string): boolean {
    return this.background.has(uri);
  }

  backgroundRoots(): string[] {
    return this.background.uris();
  }

  /** The text of a background root, read from disk again when it changed there; undefined (and released) when it is gone. */
  async backgroundDoc(uri: string, path: string): Promise<Loaded | undefined> {
    const repo = await this.host.repoOf(path);
    const loaded = repo ? await this.background.load(uri, path, repo.root) : undefined;
    if (!this.background.has(uri)) return undefined; // opened or released meanwhile
    if (!loaded) {
      this.host.log(`${path} can no longer be read; files it referenced are no longer checked against it`);
      this.release(uri, true);
    }
    return loaded;
  }

  /** The text a background root's check of `version` read from disk (undefined for open roots or another version). */
  backgroundText(uri: string, version: number): string | undefined {
    const doc = this.background.get(uri);
    return doc && doc.version === version ? doc.getText() : undefined;
  }

  /** The root specs an open file belongs to (as the root index last said). */
  rootsOf(uri: string): string[] {
    return this.links.rootsOf(uri);
  }

  /** The open files that belong to root spec `root`. */
  openPartsOf(root: string): string[] {
    return this.links.openPartsOf(root);
  }

  /** Another file changed: specs whose last check read it through a `$ref` are checked again. */
  private recheckReadersOf(path: string, uri: string): void {
    const roots = this.links.rootsOf(uri);
    for (const [spec, checked] of this.host.checks) {
      if (spec === uri) continue;
      // Its last check read the file, or the root index says it reaches the file (a root whose last check failed).
      if (!checked.lastGood?.refFiles.includes(path) && !roots.includes(spec)) continue;
      this.host.check(spec, READ_FILE_CHANGED_DELAY_MS, true);
    }
  }

  /** Whether a spec's last good check read this (now open) file from disk. */
  private readFromDisk(uri: string, path: string): boolean {
    for (const checked of this.host.checks.values()) if (checked.lastGood?.refFiles.includes(path) && !checked.lastGood.refVersions.has(uri)) return true;
    return false;
  }

  private async recheckIfDiskDiffers(path: string, uri: string, text: string): Promise<void> {
    const repo = await this.host.repoOf(path);
    const disk = repo ? await readFileInside(repo.root, path, text.length * 4 + 1024) : undefined;
    if (disk?.text !== text) this.recheckReadersOf(path, uri);
  }

  /** A background root that no open file needs any more (or, `force`, whose file is gone) stops, and takes its findings with it. */
  private release(root: string, force = false): void {
    if (!this.background.has(root)) return;
    if (!force && this.links.openPartsOf(root).length > 0) return;
    this.background.stop(root);
    this.host.stop(root);
    for (const part of this.links.openPartsOf(root)) this.host.rootsChanged(part, false);
  }

  /** The root index reads open buffers instead of the disk: an open, edit or close changes what it sees. */
  private touchIndex(uri: string): void {
    const path = fsPathOf(uri);
    if (path) this.index.touch(path);
  }
}
