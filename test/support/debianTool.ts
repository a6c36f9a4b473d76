// Real third-party clients the integration tests drive (Neovim, pre-commit) come from Debian:
// when the command is missing and we run as root with apt-get, the test's setup installs the
// package (`apt-get update` first only when the install fails for a missing package list).
// Returns undefined when the tool is there, else why it could not be had (the test is skipped).
import { spawnSync } from 'node:child_process';

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

export function ensureDebianTool(command: string, debPackage: string): string | undefined {
  if (has(command)) return undefined;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !has('apt-get')) return `${command} is not installed (Debian package ${debPackage}; the test installs it only as root with apt-get)`;
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', debPackage], {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 300_000,
    });
  let r = install();
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore', timeout: 300_000 });
    r = install();
  }
  if (r.status !== 0 || !has(command)) return `apt-get install ${debPackage} failed: ${(r.stderr || r.stdout || '').trim().split('\n').pop()}`;
  return undefined;
}
