// Typed failures of the git layer. Each carries a one-line message that the CLI
// prints as is and the language server can show in its status item, so callers
// never have to parse git's stderr themselves.

export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** `git` is not installed or not on PATH. */
export class GitMissing extends GitError {
  constructor() {
    super('git is not installed or not on PATH');
  }
}

/** The directory is not inside a git work tree (or git refuses to use it). */
export class NotARepository extends GitError {
  constructor(
    readonly dir: string,
    /** Why, when it is more than "no .git above it" (ownership, bare repository). */
    readonly reason?: string,
  ) {
    super(reason ? `${dir}: ${reason}` : `${dir} is not inside a git repository`);
  }
}

/** A ref (branch, tag, commit, expression) that does not name a commit. */
export class UnknownRef extends GitError {
  constructor(
    readonly ref: string,
    /** Why it may be missing, e.g. a shallow clone. */
    hint?: string,
  ) {
    super(`unknown git ref "${ref}"${hint ? ` (${hint})` : ''}`);
  }
}

/** A file is in a commit's tree but its content is not in the object database (shallow/partial clone, damaged .git). */
export class MissingObject extends GitError {
  constructor(
    readonly path: string,
    readonly at: string,
  ) {
    super(
      `the content of ${path} at ${at} is missing from the repository (a partial or shallow clone, or a damaged .git); fetch it, e.g. "git fetch --unshallow"`,
    );
  }
}

/** HEAD has no commit yet (fresh `git init`): there is no base version at all. */
export class NoCommitsYet extends GitError {
  constructor(readonly ref: string) {
    super(`the repository has no commits yet, so "${ref}" does not exist`);
  }
}

/** Anything else git reported; the first line of its stderr is kept. */
export class GitFailed extends GitError {
  constructor(
    readonly args: readonly string[],
    detail: string,
  ) {
    super(`git ${args[0] ?? ''} failed: ${detail}`);
  }
}
