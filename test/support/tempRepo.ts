// Real, throw-away git repositories in the OS temp directory for integration tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export class TempRepo {
  readonly root: string;

  constructor(files: Record<string, string> = {}, message = 'initial') {
    this.root = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-it-')));
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'test@example.com');
    this.git('config', 'user.name', 'Breakwater Test');
    this.git('config', 'commit.gpgsign', 'false');
    if (Object.keys(files).length) this.commit(files, message);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  path(rel: string): string {
    return join(this.root, rel);
  }

  uri(rel: string): string {
    return pathToFileURL(this.path(rel)).toString();
  }

  write(rel: string, text: string): void {
    mkdirSync(dirname(this.path(rel)), { recursive: true });
    writeFileSync(this.path(rel), text);
  }

  commit(files: Record<string, string>, message: string): string {
    for (const [rel, text] of Object.entries(files)) {
      this.write(rel, text);
      this.git('add', '--', rel);
    }
    this.git('commit', '-q', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
