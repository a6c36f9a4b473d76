// Named pipes for tests: a FIFO in a repository blocks any reader forever, so
// Breakwater must never open one. Node has no mkfifo; coreutils does.
import { execFileSync } from 'node:child_process';

export function mkfifoSync(path: string): void {
  execFileSync('mkfifo', ['--', path]);
}
