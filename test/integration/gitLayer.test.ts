// The git layer against real temporary repositories: answers, typed errors, and
// proof that a hostile repository configuration runs nothing when we read it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempRepo } from '../support/tempRepo';
import { basePathOf, headInfo, mergeBase, readFileAtRef, readFilesAtCommit, readStaged, repoRoot, resolveRef } from '../../server/src/io/git';
import { GitMissing, NoCommitsYet, NotARepository, UnknownRef } from '../../server/src/io/gitErrors';
import { CommittedFiles } from '../../server/src/workspace/files/committedFiles';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function repo(files: Record<string, string> = {}): TempRepo {
  const r = new TempRepo(files);
  repos.push(r);
  return r;
}

test('repoRoot, resolveRef, headInfo, mergeBase', async () => {
  const r = repo({ 'api/openapi.yaml': 'openapi: 3.0.0\n' });
  mkdirSync(r.path('api/deep'), { recursive: true });
  assert.equal(await repoRoot(r.path('api/deep')), r.root);
  const head = r.git('rev-parse', 'HEAD');
  assert.equal(await resolveRef(r.root, 'HEAD'), head);
  assert.equal(await resolveRef(r.root, 'main'), head);
  assert.equal(await resolveRef(r.root, head.slice(0, 7)), head);
  r.git('tag', '-a', 'v1', '-m', 'annotated tags resolve to their commit');
  assert.equal(await resolveRef(r.root, 'v1'), head);
  assert.deepEqual(await headInfo(r.root), { oid: head, short: head.slice(0, 7), branch: 'main' });

  r.git('checkout', '-q', '-b', 'feature');
  const second = r.commit({ 'api/openapi.yaml': 'openapi: 3.0.1\n' }, 'second');
  r.git('checkout', '-q', 'main');
  const third = r.commit({ 'other.txt': 'x' }, 'third');
  assert.equal(await mergeBase(r.root, 'main', 'feature'), head);
  r.git('checkout', '-q', '--detach', second);
  assert.deepEqual(await headInfo(r.root), { oid: second, short: second.slice(0, 7), branch: null });
  assert.notEqual(third, second);
});

test('typed errors with one-line messages', async () => {
  const r = repo({ 'a.yaml': 'x: 1\n' });
  await assert.rejects(resolveRef(r.root, 'no-such-branch'), (e: unknown) => e instanceof UnknownRef && e.message === 'unknown git ref "no-such-branch"');
  await assert.rejects(resolveRef(r.root, '--output=/tmp/x'), UnknownRef, 'an option-looking ref is refused, not passed to git');
  const outside = realpathSync(mkdtempSync(join(tmpdir(), 'breakwater-norepo-')));
  await assert.rejects(repoRoot(outside), (e: unknown) => e instanceof NotARepository && e.message === `${outside} is not inside a git repository`);
  const fresh = repo();
  await assert.rejects(resolveRef(fresh.root, 'HEAD'), NoCommitsYet);
  await assert.rejects(resolveRef(fresh.root, 'main'), NoCommitsYet);
  await assert.rejects(resolveRef(fresh.root, 'elsewhere'), UnknownRef);
  assert.equal(await headInfo(fresh.root), undefined);
  const path = process.env.PATH;
  process.env.PATH = outside; // no git here
  try {
    await assert.rejects(repoRoot(r.root), (e: unknown) => e instanceof GitMissing && e.message === 'git is not installed or not on PATH');
  } finally {
    process.env.PATH = path;
  }
});

test('reading blobs: at a ref, staged, absent, not a file, symlinks', async () => {
  const r = repo({ 'api/openapi.yaml': 'openapi: 3.0.0\n', 'api/with space.yaml': 'a: 1\n' });
  symlinkSync('/etc/hostname', r.path('api/escape.yaml'));
  symlinkSync('openapi.yaml', r.path('api/alias.yaml'));
  r.git('add', '-A');
  r.git('commit', '-q', '-m', 'links');
  assert.equal(await readFileAtRef(r.root, 'HEAD', 'api/openapi.yaml'), 'openapi: 3.0.0\n');
  assert.equal(await readFileAtRef(r.root, 'HEAD', 'api/with space.yaml'), 'a: 1\n');
  assert.equal(await readFileAtRef(r.root, 'HEAD', 'api/missing.yaml'), undefined);
  assert.equal(await readFileAtRef(r.root, 'HEAD', 'api'), undefined, 'a folder is not a file');
  assert.equal(await readFileAtRef(r.root, 'HEAD', 'api/alias.yaml'), 'openapi: 3.0.0\n', 'in-tree link followed');
  assert.equal(await readFileAtRef(r.root, 'HEAD', 'api/escape.yaml'), undefined, 'link out of the tree is not followed');
  const oid = await resolveRef(r.root, 'HEAD');
  const many = await readFilesAtCommit(r.root, oid, ['api/openapi.yaml', 'nope', 'bad\nname', 'api/with space.yaml']);
  assert.deepEqual([...many.values()], ['openapi: 3.0.0\n', undefined, undefined, 'a: 1\n']);
  r.write('api/openapi.yaml', 'openapi: 3.1.0\n');
  r.git('add', 'api/openapi.yaml');
  r.write('api/openapi.yaml', 'openapi: 3.0.3\n'); // unstaged on top
  assert.equal(await readStaged(r.root, 'api/openapi.yaml'), 'openapi: 3.1.0\n');
  assert.equal(await readStaged(r.root, 'untracked.yaml'), undefined);
});

test('basePathOf follows committed and staged renames, and nothing else', async () => {
  const spec = 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths:\n  /a: {get: {responses: {"200": {description: ok}}}}\n';
  const r = repo({ 'old.yaml': spec, 'keep.yaml': 'k: 1\n' });
  const base = r.git('rev-parse', 'HEAD');
  r.git('mv', 'old.yaml', 'staged.yaml');
  assert.equal(await basePathOf(r.root, base, 'staged.yaml'), 'old.yaml');
  r.git('commit', '-q', '-m', 'rename');
  r.git('mv', 'staged.yaml', 'api.yaml');
  r.git('commit', '-q', '-m', 'rename again');
  assert.equal(await basePathOf(r.root, base, 'api.yaml'), 'old.yaml');
  r.write('brand-new.yaml', 'x: 1\n');
  r.git('add', 'brand-new.yaml');
  assert.equal(await basePathOf(r.root, base, 'brand-new.yaml'), undefined);
  assert.equal(await basePathOf(r.root, base, 'keep.yaml'), undefined);
});

test('a hostile .git/config runs nothing: fsmonitor, filters, textconv, external diff', async () => {
  const r = repo({ 'openapi.yaml': 'openapi: 3.0.0\n', '.gitattributes': '*.yaml filter=evil diff=evil\n' });
  const marker = (name: string) => r.path(`PWNED-${name}`);
  const hook = (name: string) => {
    const file = r.path(`.git/${name}.sh`);
    writeFileSync(file, `#!/bin/sh\ntouch '${marker(name)}'\ncat\n`);
    chmodSync(file, 0o755);
    return file;
  };
  r.git('config', 'core.fsmonitor', hook('fsmonitor'));
  r.git('config', 'filter.evil.clean', hook('clean'));
  r.git('config', 'filter.evil.smudge', hook('smudge'));
  r.git('config', 'diff.evil.textconv', hook('textconv'));
  r.git('config', 'diff.external', hook('external'));
  r.git('config', 'core.pager', hook('pager'));
  r.write('openapi.yaml', 'openapi: 3.0.1\n'); // a work-tree change that filters would process
  r.git('mv', 'openapi.yaml', 'moved.yaml');
  const names = ['fsmonitor', 'clean', 'smudge', 'textconv', 'external', 'pager'];
  for (const name of names) rmSync(marker(name), { force: true }); // the setup above used plain git

  const oid = await resolveRef(r.root, 'HEAD');
  await repoRoot(r.root);
  await headInfo(r.root);
  await mergeBase(r.root, 'HEAD', 'HEAD');
  assert.equal(await readFileAtRef(r.root, 'HEAD', 'openapi.yaml'), 'openapi: 3.0.0\n', 'raw blob, no textconv or smudge');
  await readStaged(r.root, 'moved.yaml');
  assert.equal(await basePathOf(r.root, oid, 'moved.yaml'), 'openapi.yaml');
  new CommittedFiles().at(r.root, oid, { file: r.path('openapi.yaml'), text: "$ref: 'openapi.yaml'\n" });
  for (const name of names) assert.equal(existsSync(marker(name)), false, `${name} ran`);

  // The same repository does run them for plain git: the markers above are live.
  r.git('status');
  assert.equal(existsSync(marker('fsmonitor')), true, 'plain git status runs the fsmonitor hook');
  rmSync(marker('fsmonitor'));
});

test('CommittedFiles: prefetches every level of $refs in batches, falls back for what the scan missed', async () => {
  const r = repo({
    'api/openapi.yaml': "paths:\n  /pets:\n    $ref: 'paths/pets.yaml'\n",
    'api/paths/pets.yaml': 'get:\n  responses:\n    "200":\n      $ref: "../../shared/responses.yaml#/Ok"\n',
    'shared/responses.yaml': 'Ok:\n  description: ok\n  content:\n    application/json:\n      schema: {$ref: schemas/pet.yaml}\n',
    'shared/schemas/pet.yaml': 'type: object\n',
    'api/folded.yaml': 'type: string\n',
  });
  const oid = await resolveRef(r.root, 'HEAD');
  r.write('shared/schemas/pet.yaml', 'type: array\n'); // the work tree must not leak into the base
  const loader = new CommittedFiles().at(r.root, oid, { file: r.path('api/openapi.yaml'), text: "paths:\n  /pets:\n    $ref: 'paths/pets.yaml'\n" });
  assert.equal(loader.filesRead(), 3);
  const pet = loader.loader(r.path('shared/responses.yaml'), 'schemas/pet.yaml');
  assert.equal(pet?.file, r.path('shared/schemas/pet.yaml'));
  assert.equal(pet?.root.kind === 'map' && (pet.root.entries.get('type') as { value: unknown }).value, 'object');
  assert.ok(loader.loader(r.path('api/openapi.yaml'), 'folded.yaml'), 'not prefetched: read on demand');
  assert.equal(loader.loader(r.path('api/openapi.yaml'), '../../outside.yaml'), undefined, 'outside the repository');
  assert.equal(loader.loader(r.path('api/openapi.yaml'), 'nope.yaml'), undefined);
});

test('CommittedFiles (the base reader of the server worker): every level of $refs is read ahead, also past 2,000 files (DigitalOcean has 2,900)', () => {
  // Level 1: an index with 2,050 code samples and a schema; level 2: the schema's own reference.
  const files: Record<string, string> = {
    'openapi.yaml': "paths:\n  /pets:\n    $ref: 'paths/pets.yaml'\n",
    'paths/pets.yaml':
      "get:\n  responses:\n    '200':\n      $ref: '../schemas/ok.yaml'\n" +
      Array.from({ length: 2050 }, (_, i) => `x-sample-${i}:\n  $ref: '../samples/s${i}.yaml'\n`).join(''),
    'schemas/ok.yaml': "description: ok\ncontent:\n  application/json:\n    schema: {$ref: 'pet.yaml'}\n",
    'schemas/pet.yaml': 'type: object\n',
  };
  for (let i = 0; i < 2050; i++) files[`samples/s${i}.yaml`] = `sample: ${i}\n`;
  const r = repo(files);
  const commit = r.git('rev-parse', 'HEAD');
  const loader = new CommittedFiles().at(r.root, commit, { file: r.path('openapi.yaml'), text: files['openapi.yaml'] }).loader;
  // Without git (its directory gone), only what was read ahead can be loaded.
  renameSync(r.path('.git'), r.path('.git-away'));
  try {
    const pet = loader(r.path('schemas/ok.yaml'), 'pet.yaml');
    assert.equal(pet?.root.kind === 'map' && (pet.root.entries.get('type') as { value: unknown }).value, 'object', 'level 3 was read ahead');
    assert.ok(loader(r.path('paths/pets.yaml'), '../samples/s2049.yaml'), 'the last sample was read ahead');
  } finally {
    renameSync(r.path('.git-away'), r.path('.git'));
  }
});
