#!/usr/bin/env node
// UI smoke driver: installs a packaged Breakwater (.vsix) into code-server, starts it on
// 127.0.0.1:<free port>, opens a temporary git repository in headless Chromium, opens the
// spec, and takes a screenshot at each step under test-output/e2e/ui/.
//
//   node test/e2e/ui/smoke.mjs --vsix path/to/breakwater.vsix [--out DIR]
//   (or BREAKWATER_VSIX=path/to.vsix; `node scripts/e2e.mjs --ui` packages and runs it)
//
// Checks what only the UI shows: the extension installs from its .vsix, deleting a response
// property with the keyboard draws a squiggle, hovering it shows the base node and the rule link without
// repeating the message (and Quick Fix stays in the window), the Problems panel and the status bar count
// it, the language status item shows the base (HEAD <sha>) and the counts in a popup that fits the
// window, its "Change base" link opens the base picker and a base chosen for this session writes
// no .vscode/settings.json, F8 peeks it, and
// Ctrl+. -> the preferred fix -> Ctrl+S writes the fix to disk; a killed language server is
// restarted, and the user is told once (not again on the second crash); the finding's rule link
// opens the rule's explanation in a read-only view.

import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureTooling } from '../tooling/ensure.mjs';
import { codeServerCli, launchBrowser, makeRunDir, startCodeServer, stopGroup, workbenchUrl, writeUserSettings } from '../tooling/lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(ROOT, 'package.json'));
const argv = process.argv.slice(2);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const verbose = !!process.env.BREAKWATER_E2E_VERBOSE;
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

const RULE = 'response-optional-property-removed';
const FIX_TITLE = 'Mark deprecated instead of deleting';

async function waitForValue(fn, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Start of client/src/crashPolicy.ts RESTARTED_MESSAGE (the notification after a crash). */
const RESTARTED_TEXT = 'the language server stopped unexpectedly and was restarted';

/** Pid of the one running Breakwater language server (dist/server.js of the extension installed in `extsDir`), or undefined. */
function onlyServerPid(extsDir) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args;
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (args.some((a) => a.startsWith(extsDir) && a.endsWith('/dist/server.js'))) pids.push(Number(entry));
  }
  return pids.length === 1 ? pids[0] : undefined;
}

function say(msg) {
  console.log(`[ui-smoke] ${msg}`);
}

async function main() {
  const vsix = option('--vsix', process.env.BREAKWATER_VSIX);
  if (!vsix || !existsSync(vsix)) {
    console.error(`usage: node test/e2e/ui/smoke.mjs --vsix <file.vsix>  (got ${vsix ?? 'nothing'}; build one with npm run package)`);
    return 2;
  }
  const outDir = resolve(option('--out', join(ROOT, 'test-output', 'e2e', 'ui')));
  mkdirSync(outDir, { recursive: true });

  const tooling = await ensureTooling({ install: true });
  if (!tooling.ok) {
    console.error(`[ui-smoke] e2e tooling not ready: ${tooling.reason}`);
    return 2;
  }

  const run = makeRunDir('u-');
  writeUserSettings(run.user);
  let server, context;
  let shot = 0;
  const started = Date.now();
  try {
    // 1. install the packaged extension into this run's extensions dir
    const out = await codeServerCli(run, ['--install-extension', resolve(vsix), '--force']);
    if (verbose) console.log(out);
    const listed = await codeServerCli(run, ['--list-extensions', '--show-versions']);
    if (!listed.toLowerCase().includes(EXTENSION_ID)) throw new Error(`${EXTENSION_ID} not listed after install:\n${listed}`);
    say(
      `installed ${listed
        .trim()
        .split('\n')
        .find((l) => l.toLowerCase().startsWith(EXTENSION_ID))}`,
    );

    // 2. a fresh git repository with the committed spec (gitWorkspace.js is compiled by
    //    scripts/e2e.mjs; run it once, or `npx tsc -p test/e2e/tsconfig.json`)
    const { makeGitWorkspace } = require(join(ROOT, 'out', 'e2e', 'suite', 'gitWorkspace.js'));
    const repo = makeGitWorkspace(
      { 'openapi.yaml': readFileSync(join(ROOT, 'test', 'e2e', 'fixtures', 'petstore.yaml'), 'utf8') },
      { parent: run.root, name: 'ws' },
    );
    const folder = repo.root;

    // 3. code-server and the browser
    server = await startCodeServer(run, { onLine: verbose ? (l) => console.log(`[code-server] ${l}`) : undefined });
    say(`code-server on ${server.url}`);
    context = await launchBrowser(run);
    const page = context.pages()[0] ?? (await context.newPage());
    if (verbose) page.on('console', (m) => console.log(`[browser:${m.type()}] ${m.text()}`));
    const snap = async (name) => {
      const file = join(outDir, `${String(++shot).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file });
      say(`screenshot ${file}`);
    };

    await page.goto(workbenchUrl(server, { folder }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await snap('workbench');

    // 4. open the spec from the explorer
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'openapi.yaml' });
    await row.first().waitFor({ timeout: 30_000 });
    await row.first().click();
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'openapi' }).waitFor({ timeout: 30_000 });
    await snap('spec-open');

    // 5. delete Pet's optional `tag` (the last two lines) as a user would, with the keyboard
    const editor = page.locator('.editor-instance .monaco-editor');
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Backspace');
    await editor.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 30_000 });
    await snap('squiggle');

    // 5b. Hover on the squiggle (issue 14): the finding's message once (VS Code's part), then Breakwater's
    //     part: the base node named as the base, a few lines of it, and the link to the rule explanation;
    //     short enough that "Quick Fix…" stays inside the window.
    // Scrolled to the top so no sticky header covers the line; the mouse rests on the squiggle as a user's
    // would (Playwright's hover() refuses: the text layer above the decoration takes the pointer).
    await page.keyboard.press('Control+Home');
    const squiggle = await editor.locator('.squiggly-warning, .squiggly-error').first().boundingBox();
    if (!squiggle) throw new Error('the squiggle has no box');
    await page.mouse.move(squiggle.x + Math.min(squiggle.width / 2, 20), squiggle.y + squiggle.height / 2);
    const findingHover = page.locator('.monaco-hover', { hasText: 'was removed from schema Pet' }).first();
    await findingHover
      .getByText(/^In the base \(HEAD [0-9a-f]{7}\):$/)
      .first()
      .waitFor({ timeout: 15_000 });
    // VS Code's part: the related information names the base file and line, unmistakably the base.
    await findingHover
      .getByText(/openapi\.yaml at HEAD [0-9a-f]{7}, line \d+: the removed property/)
      .first()
      .waitFor({ timeout: 5_000 });
    const hoverText = await findingHover.innerText();
    if (verbose) console.log(hoverText);
    const shownTimes = hoverText.split('Property "tag" was removed from schema Pet').length - 1;
    if (shownTimes !== 1) throw new Error(`the hover shows the finding's message ${shownTimes} times (once expected, by VS Code):\n${hoverText}`);
    if (!/tag:\s*\n\s*type: string/.test(hoverText)) throw new Error(`the hover does not show the removed property as it was in the base:\n${hoverText}`);
    await snap('hover');
    const hoverViewport = page.viewportSize();
    for (const [what, target] of [
      ['rule explanation link', findingHover.getByText('Who breaks, and the safe alternative', { exact: true }).first()],
      ['Quick Fix action', findingHover.getByText(/^Quick Fix/).first()],
    ]) {
      await target.waitFor({ state: 'visible', timeout: 5_000 });
      const box = await target.boundingBox();
      if (!box || box.y < 0 || box.y + box.height > hoverViewport.height || box.x < 0 || box.x + box.width > hoverViewport.width)
        throw new Error(`the hover's ${what} is not inside the window: ${JSON.stringify(box)}`);
    }
    // One click from the explanation: the hover's link opens the rule's read-only view; closing it (its tab's
    // close button) leaves the workbench as the steps below expect it, with one editor.
    await findingHover.getByText('Who breaks, and the safe alternative', { exact: true }).first().click();
    await page
      .locator('.tabs-container .tab.active', { hasText: `${RULE}.md` })
      .first()
      .waitFor({ timeout: 20_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'Who breaks, and why' }).first().waitFor({ timeout: 20_000 });
    await snap('hover-link-explanation');
    await page.locator('.tabs-container .tab.active .codicon-close').first().click();
    await page
      .locator('.tabs-container .tab', { hasText: `${RULE}.md` })
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.tabs-container .tab.active', { hasText: 'openapi.yaml' }).first().waitFor({ timeout: 10_000 });
    // The cursor back at the end, where the edit left it: the status bar reads as before the hover.
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');

    // 6. the Problems panel and the status bar count
    await page.keyboard.press('Control+Shift+M');
    const markers = page.locator('.markers-panel');
    await markers.getByText(RULE).first().waitFor({ timeout: 15_000 });
    const problems = await page.locator('[id="status.problems"]').first().getAttribute('aria-label');
    if (!/Warnings: 1\b/.test(problems ?? '')) throw new Error(`status bar problems: ${problems}`);
    await snap('problems-panel');

    // 6b. Breakwater's language status item (in the `{}` language status of the status bar)
    await page.locator('[id="status.languageStatus"]').first().click();
    const hover = page.locator('.monaco-hover', { hasText: /possibly breaking/ }).first();
    await hover
      .getByText(/\b1 possibly breaking\b/)
      .first()
      .waitFor({ timeout: 15_000 });
    // ... and the base in use: the repository's HEAD commit.
    const head = repo.git('rev-parse', '--short=7', 'HEAD');
    await hover
      .getByText(new RegExp(`HEAD ${head}`))
      .first()
      .waitFor({ timeout: 15_000 });
    if (verbose) console.log(await hover.innerHTML());
    await snap('language-status');
    // The popup fits the window and its "Change base" link is visible and clickable (issue 14: a long
    // detail pushed it off the window at 1440 px).
    const viewport = page.viewportSize();
    const link = hover.getByText('Change base', { exact: true }).first();
    await link.waitFor({ state: 'visible', timeout: 5_000 });
    for (const [what, box] of [
      ['popup', await hover.boundingBox()],
      ['Change base link', await link.boundingBox()],
    ]) {
      if (!box || box.x < 0 || box.y < 0 || box.x + box.width > viewport.width || box.y + box.height > viewport.height) {
        throw new Error(`the language status ${what} is not inside the ${viewport.width}x${viewport.height} window: ${JSON.stringify(box)}`);
      }
    }
    await link.click();
    // The base picker, then where to keep the choice: "For this session" is the default and writes nothing.
    const quickInput = page.locator('.quick-input-widget');
    await quickInput.getByText('compare this spec with', { exact: false }).first().waitFor({ timeout: 15_000 });
    await snap('choose-base');
    await page.keyboard.type('Staged');
    await quickInput.locator('.monaco-list-row.focused', { hasText: 'Staged' }).first().waitFor({ timeout: 5_000 });
    await page.keyboard.press('Enter');
    await quickInput.getByText('For this session').first().waitFor({ timeout: 15_000 });
    await quickInput.getByText('Save in workspace settings').first().waitFor({ timeout: 5_000 });
    await snap('keep-base');
    await page.keyboard.press('Enter');
    await page.locator('[id="status.languageStatus"]').first().click();
    await page
      .locator('.monaco-hover', { hasText: /staged/ })
      .first()
      .waitFor({ timeout: 20_000 });
    await snap('language-status-staged');
    await page.keyboard.press('Escape');
    if (existsSync(join(folder, '.vscode', 'settings.json')))
      throw new Error(
        `choosing a base for this session wrote ${join(folder, '.vscode', 'settings.json')}: ${readFileSync(join(folder, '.vscode', 'settings.json'), 'utf8')}`,
      );

    // 7. Ctrl+. on the finding, pick the preferred quick fix with the keyboard, save
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('F8'); // next problem: moves the cursor onto the finding
    await page.locator('.marker-widget').first().waitFor({ timeout: 15_000 });
    await snap('peek-problem');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    const widget = page.locator('.action-widget');
    await widget.getByText(FIX_TITLE).first().waitFor({ timeout: 15_000 });
    await snap('quick-fix-menu');
    // Clicks are swallowed by .context-view-pointerBlock (pitfall 9): move the focus instead.
    const rows = widget.locator('.monaco-list-row');
    const titles = await rows.allInnerTexts();
    const target = titles.findIndex((t) => t.includes(FIX_TITLE));
    let focused = await rows.evaluateAll((els) => els.findIndex((e) => e.classList.contains('focused')));
    if (focused < 0) focused = 0;
    for (let k = focused; k < target; k++) await page.keyboard.press('ArrowDown');
    for (let k = focused; k > target; k--) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await editor.locator('.view-lines', { hasText: 'deprecated: true' }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Control+S');
    const specFile = join(folder, 'openapi.yaml');
    const onDisk = await waitForValue(
      () => {
        const t = readFileSync(specFile, 'utf8');
        return /\n {8}tag:\n(.*\n)? {10}deprecated: true/.test(t) ? t : undefined;
      },
      15_000,
      'the saved file to keep tag as deprecated',
    );
    if (verbose) console.log(onDisk);
    await editor.locator('.squiggly-warning, .squiggly-error').first().waitFor({ state: 'detached', timeout: 30_000 });
    await markers.getByText(RULE).first().waitFor({ state: 'detached', timeout: 15_000 });
    await snap('fixed-and-saved');

    // No notification saying the extension failed to activate or its server crashed.
    const toasts = await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
    const bad = toasts.filter((t) => /breakwater/i.test(t) && /(fail|error|crash)/i.test(t));
    if (bad.length) throw new Error(`error notification(s): ${bad.join(' | ')}`);

    // 8. The language server dies (killed like an OOM kill): the client starts it again and tells
    //    the user once per session (client/src/crashPolicy.ts). Each restarted server must check
    //    again: undoing the fix brings the finding back as a squiggle. The notification of a
    //    second crash would be shown before the client restarts the server, so by the time the
    //    third server's squiggle is drawn it would be in the DOM: none may be new.
    const restartedToasts = page.locator('.notifications-toasts .notification-list-item', { hasText: RESTARTED_TEXT });
    const pid1 = await waitForValue(() => onlyServerPid(run.exts), 15_000, 'one Breakwater language server process');
    process.kill(pid1, 'SIGKILL');
    await restartedToasts.first().waitFor({ timeout: 20_000 });
    await snap('server-restarted');
    await restartedToasts.evaluateAll((els) => els.forEach((e) => e.setAttribute('data-bw-seen', '1')));
    const pid2 = await waitForValue(
      () => {
        const p = onlyServerPid(run.exts);
        return p !== pid1 && p;
      },
      20_000,
      'a new server process after the first crash',
    );
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Z'); // undo the fix: tag deleted again
    await editor.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+Z'); // redo: fixed again
    await editor.locator('.squiggly-warning, .squiggly-error').first().waitFor({ state: 'detached', timeout: 30_000 });
    process.kill(pid2, 'SIGKILL');
    const pid3 = await waitForValue(
      () => {
        const p = onlyServerPid(run.exts);
        return p !== pid1 && p !== pid2 && p;
      },
      20_000,
      'a new server process after the second crash',
    );
    await page.keyboard.press('Control+Z');
    await editor.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 30_000 });
    const told = await restartedToasts.evaluateAll((els) => els.map((e) => e.getAttribute('data-bw-seen') === '1'));
    if (told.some((seen) => !seen))
      throw new Error(
        `the user was told of the restart again after the second crash (${told.length} restart notification(s), server pids ${pid1} -> ${pid2} -> ${pid3})`,
      );
    await snap('second-crash-restarted-quietly');

    // 9. The rule link of the finding (Problems panel) opens that rule's explanation inside VS Code:
    //    a read-only breakwater-view: document (no file, no network) with the four parts.
    await markers.getByText(RULE).first().waitFor({ timeout: 15_000 });
    await markers.locator('a', { hasText: RULE }).first().click();
    const explanation = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'Who breaks, and why' });
    await explanation.first().waitFor({ timeout: 20_000 });
    const tab = page.locator('.tabs-container .tab.active');
    const tabTitle = (await tab.first().innerText()).trim();
    if (!tabTitle.includes(`${RULE}.md`)) throw new Error(`the rule link opened "${tabTitle}", not the rule's explanation`);
    for (const text of ['What changed', 'Safe alternative', 'Mark deprecated instead of deleting']) {
      await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: text }).first().waitFor({ timeout: 5_000 });
    }
    await snap('rule-explanation');

    say(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (err) {
    console.error(`[ui-smoke] FAILED: ${err?.stack ?? err}`);
    try {
      const page = context?.pages()[0];
      if (page) await page.screenshot({ path: join(outDir, `${String(++shot).padStart(2, '0')}-failure.png`) });
    } catch {
      /* best effort */
    }
    return 1;
  } finally {
    await context?.close().catch(() => {});
    await stopGroup(server?.child);
    run.cleanup();
  }
}

const code = await main();
console.log(`ui-smoke: ${code === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);
process.exit(code);
