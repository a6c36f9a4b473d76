// Glob patterns for `--include` / `--exclude` and `include:` / `exclude:` in
// .breakwater.yaml, matched against repository-relative paths with forward slashes.
// The usual dialect: `*` and `?` within one path segment, `**` across segments,
// `{a,b}` alternatives, `[abc]` classes. A pattern without a slash matches the file
// name at any depth (`*.yaml`), as in .gitignore; one with a slash matches from the root.

export type PathMatcher = (repoPath: string) => boolean;

export function globMatcher(patterns: readonly string[]): PathMatcher {
  const res = patterns.map(globToRegExp);
  return (path) => res.some((re) => re.test(path));
}

export function globToRegExp(pattern: string): RegExp {
  let p = pattern.trim().replace(/^\.\//, '');
  if (p.endsWith('/')) p += '**'; // a folder: everything below it
  const anchored = p.includes('/');
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      // `**/` is zero or more folders; a trailing `**` is anything.
      if (p[i + 2] === '/') {
        re += '(?:[^/]*/)*';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = p.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re +=
          '(?:' +
          p
            .slice(i + 1, end)
            .split(',')
            .map(escape)
            .join('|') +
          ')';
        i = end;
      }
    } else if (c === '[') {
      const end = p.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re +=
          '[' +
          p
            .slice(i + 1, end)
            .replace(/^!/, '^')
            .replace(/\\/g, '\\\\') +
          ']';
        i = end;
      }
    } else re += escape(c);
  }
  return new RegExp(anchored ? `^${re}$` : `(?:^|/)${re}$`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
