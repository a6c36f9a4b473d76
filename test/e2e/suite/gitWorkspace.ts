// Temporary git repositories for e2e tests. No `vscode` import: scripts/e2e.mjs loads the
// compiled file too, to create the folders it opens in VS Code before launch.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export type FileMap = Record<string, string>;

export interface GitWorkspace {
  /** Absolute, symlink-free path of the repository root. */
  readonly root: string;
  /** Absolute path of a file in the repository. */
  path(relative: string): string;
  read(relative: string): string;
  /** Writes files (creating folders) without committing them. */
  write(files: FileMap): void;
  remove(relative: string): void;
  /** Stages everything and commits; returns the new commit id. */
  commit(message?: string): string;
  git(...args: string[]): string;
  /** Deletes the repository (skipped when BREAKWATER_E2E_KEEP is set). */
  cleanup(): void;
}

export interface MakeGitWorkspaceOptions {
  /** Files written after the commit: the uncommitted working-tree state. */
  working?: FileMap;
  /** Folder to create the repository in (default: $BREAKWATER_E2E_WORKSPACES or the OS temp dir). */
  parent?: string;
  /** Name prefix of the temporary folder. */
  name?: string;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Breakwater E2E',
  GIT_AUTHOR_EMAIL: 'e2e@breakwater.invalid',
  GIT_COMMITTER_NAME: 'Breakwater E2E',
  GIT_COMMITTER_EMAIL: 'e2e@breakwater.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

/**
 * Creates a git repository holding `committed` as its HEAD commit, then writes `working`
 * on top without committing. With an empty `committed`, the repository has no commit.
 */
export function makeGitWorkspace(committed: FileMap, options: MakeGitWorkspaceOptions = {}): GitWorkspace {
  const parent = options.parent ?? process.env.BREAKWATER_E2E_WORKSPACES ?? tmpdir();
  mkdirSync(parent, { recursive: true });
  const root = realpathSync(mkdtempSync(join(parent, `${options.name ?? 'bw-ws'}-`)));

  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
      cwd: root,
      env: { ...process.env, ...GIT_ENV, HOME: root },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();

  const ws: GitWorkspace = {
    root,
    path: (relative) => resolve(root, relative),
    read: (relative) => readFileSync(resolve(root, relative), 'utf8'),
    write(files) {
      for (const [rel, text] of Object.entries(files)) {
        const file = resolve(root, rel);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    },
    remove: (relative) => unlinkSync(resolve(root, relative)),
    commit(message = 'e2e commit') {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    git,
    cleanup() {
      if (!process.env.BREAKWATER_E2E_KEEP) rmSync(root, { recursive: true, force: true });
    },
  };

  git('init', '-q', '-b', 'main');
  if (Object.keys(committed).length > 0) {
    ws.write(committed);
    ws.commit('base version');
  }
  if (options.working) ws.write(options.working);
  return ws;
}

/** Writes a multi-root `.code-workspace` file listing `folders`; returns its path. */
export function makeCodeWorkspaceFile(folders: string[], settings: Record<string, unknown> = {}, parent?: string): string {
  const dir = realpathSync(mkdtempSync(join(parent ?? process.env.BREAKWATER_E2E_WORKSPACES ?? tmpdir(), 'bw-multi-')));
  const file = join(dir, 'e2e.code-workspace');
  writeFileSync(file, JSON.stringify({ folders: folders.map((path) => ({ path })), settings }, null, 2));
  return file;
}
