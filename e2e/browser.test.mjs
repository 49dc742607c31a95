// shinchoku's pages in a real browser: Debian's Chromium, driven by playwright-core, checked by
// axe-core. `npm test` here (or `bash .ci/run`) after `cargo build -p shinchoku-cli`.
//
// The suite starts `shinchoku demo` on a free port and walks the application as a reader
// would: from the dashboard it follows every same-origin link down to each plan's tabs and a
// few pages below each plan (its indicators), without a list of pages, so a page added later is
// checked once something links to it. On every page, at 1280 px and at 390 px (a phone), it
// asks for status 200, no console error, no sideways scrolling and no serious or critical
// WCAG 2.1 AA violation that axe-core can find (JIS X 8341-3 AA); then it clicks from the
// dashboard to an indicator, switches the language, and walks the skip link by keyboard.
// Then data entry (issue 17): two editors are added with the CLI beside the demo; one signs
// in, enters a value with hostile text in its note (no script may run) and sees the grade
// change on the plan page; a second browser context saves the same year first and the first
// sees both values (409); the other department's editor is refused (403); an upload with a bad
// row names its line; the admin page adds an account. axe-core checks every one of those pages.
//
// No browser is downloaded: the suite launches the Chromium that Debian installs (CHROMIUM,
// else /usr/bin/chromium). Without it, or without the binary, the suite says it skipped; under
// CI=true that is a failure instead, so a green CI run always means the browser ran.
// Full-page screenshots of every page at both widths go to $TMPDIR/shinchoku-e2e/ (outside the
// repository), to be looked at.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const BIN = process.env.SHINCHOKU_BIN ?? path.join(root, 'target', 'debug', 'shinchoku');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.SHINCHOKU_E2E_SHOTS ?? path.join(os.tmpdir(), 'shinchoku-e2e');
const CI = process.env.CI === 'true';

/** The two widths every page is read at: a desktop browser and a phone (iPhone 12–15). */
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];
/** WCAG 2.1 A and AA, the level DESIGN.md asks for (JIS X 8341-3 AA). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Pages below one plan's collection (`/plans/{code}/indicators/…`) visited per plan. */
const ITEMS_PER_COLLECTION = 3;
/** Query-string variants of one path visited (`/?page=2`), so filters do not multiply pages. */
const VARIANTS_PER_PATH = 2;
/** A bound on the walk, should a page ever link without end. */
const MAX_PAGES = 150;

/** Chromium as this machine runs it: headless, no sandbox (CI runs as root), and none of the
 * background connections that a closed network refuses. Playwright gives every launch a new
 * empty --user-data-dir of its own and removes it afterwards. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// What is missing for the suite to run at all.
const missing = [];
if (!existsSync(CHROMIUM)) missing.push(`Chromium (${CHROMIUM}; apt-get install chromium)`);
if (!existsSync(BIN)) missing.push(`the binary (${BIN}; cargo build -p shinchoku-cli)`);
let playwright;
let axeSource;
try {
  playwright = await import('playwright-core');
  const require = createRequire(import.meta.url);
  axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch {
  missing.push('playwright-core and axe-core (npm ci in e2e/)');
}
const skip = missing.length > 0 && !CI ? `skipped: no ${missing.join(', no ')}` : false;
if (skip) console.log(`browser suite ${skip}`);

test('the browser, the binary and the npm packages are there (required under CI)', { skip }, () => {
  assert.deepEqual(missing, [], `the browser suite cannot run without ${missing.join(', ')}`);
});

let server;
let browser;
/** The e-mail the server sends (a return tells whoever owes the item), caught on 127.0.0.1. */
let mail;
/** The walk's findings, filled in by `before`. */
let walk;

before(async () => {
  if (missing.length > 0) return;
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  mail = await startMailSink();
  server = await startServer(mail.address);
  browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  walk = await crawl(browser, server.base);
  console.log(
    `walked ${walk.pages.length} pages at ${WIDTHS.map((w) => w.width).join(' and ')} px` +
      `${walk.truncated ? ` (stopped at ${MAX_PAGES})` : ''}; screenshots in ${SHOTS}`,
  );
});

after(async () => {
  mail?.close();
  await browser?.close();
  server?.child.kill('SIGTERM');
});

test('every page the dashboard leads to answers 200 (and a wrong address 404)', { skip }, () => {
  const broken = walk.pages.filter((p) => p.status !== p.expect);
  assert.ok(walk.pages.length > 1, 'the dashboard links to no page');
  assert.deepEqual(
    broken.map((p) => `${p.status} ${p.path} (linked from ${p.from})`),
    [],
    'links that lead to no page',
  );
});

test('the walk reaches the plans, their tabs and their indicators', { skip }, () => {
  const paths = walk.pages.map((p) => p.path);
  assert.ok(paths.some((p) => /^\/plans\/[^/]+$/.test(p)), 'no plan page was reached');
  assert.ok(
    paths.some((p) => /^\/plans\/[^/]+\/indicators\/[^/]+$/.test(p)),
    'no indicator page was reached from a plan',
  );
});

test('no page logs a console error', { skip }, () => {
  const errors = walk.pages.flatMap((p) =>
    p.widths.flatMap((w) => w.console.map((e) => `${p.path} at ${w.width} px: ${e}`)),
  );
  assert.deepEqual(errors, [], 'console errors');
});

test('no page scrolls sideways at 1280 px or at 390 px', { skip }, () => {
  const wide = walk.pages.flatMap((p) =>
    p.widths
      .filter((w) => w.overflow)
      .map(
        (w) =>
          `${p.path} at ${w.width} px: ${w.overflow.scrollWidth} px wide; ` +
          `past the edge: ${w.overflow.culprits.join('; ') || '(nothing found)'}`,
      ),
  );
  assert.deepEqual(wide, [], 'pages wider than the window');
});

test('controls and navigation links are at least 44 px each way (DADS)', { skip }, () => {
  const small = walk.pages.flatMap((p) =>
    p.widths.flatMap((w) => w.small.map((e) => `${p.path} at ${w.width} px: ${e}`)),
  );
  assert.deepEqual(small, [], 'targets smaller than 44 × 44 px');
});

test('axe-core finds no serious or critical WCAG 2.1 AA violation', { skip }, () => {
  const serious = [];
  const other = [];
  for (const p of walk.pages) {
    for (const w of p.widths) {
      for (const v of w.violations) {
        const hit = { ...v, page: `${p.path} at ${w.width} px` };
        (failing(v) ? serious : other).push(hit);
      }
    }
  }
  if (other.length > 0) {
    console.log(`axe's other findings (not failing: moderate, minor or best practice):\n${describe(other)}`);
  }
  assert.ok(serious.length === 0, `axe-core found:\n${describe(serious)}`);
});

test('a reader clicks from the dashboard to a plan and on to an indicator', { skip }, async () => {
  const context = await browser.newContext({ viewport: WIDTHS[0] });
  try {
    const page = await context.newPage();
    await page.goto(server.base);
    const toPlan = page.locator('main a[href^="/plans/"]').first();
    const plan = await follow(page, toPlan);
    assert.match(new URL(plan.url).pathname, /^\/plans\/[^/]+$/);
    assert.equal(plan.status, 200, `the plan page answered ${plan.status}`);
    const toIndicator = page.locator('main a[href*="/indicators/"]').first();
    const indicator = await follow(page, toIndicator);
    assert.match(new URL(indicator.url).pathname, /^\/plans\/[^/]+\/indicators\/[^/]+$/);
    assert.equal(indicator.status, 200, `the indicator page answered ${indicator.status}`);
    assert.ok((await page.locator('h1').count()) === 1, 'the indicator page has one h1');
  } finally {
    await context.close();
  }
});

test('the language switch shows English, and the next page stays English', { skip }, async () => {
  const context = await browser.newContext({ viewport: WIDTHS[1] });
  try {
    const page = await context.newPage();
    await page.goto(server.base);
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    await follow(page, page.locator('header a[hreflang="en"]'));
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.locator('h1').innerText()).trim(), 'Dashboard');
    await page.screenshot({ path: path.join(SHOTS, '390-en-dashboard.png'), fullPage: true });
    const english = (await runAxe(page)).filter(failing);
    const cookies = await context.cookies();
    assert.ok(
      cookies.some((c) => c.name === 'lang' && c.value === 'en'),
      'no lang=en cookie was set',
    );
    // A plain link, without ?lang=: the cookie keeps the reader's choice.
    const next = await follow(page, page.locator('main a[href^="/plans/"]').first());
    assert.ok(!new URL(next.url).search.includes('lang='), 'the link itself carried the language');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.locator('.skip').innerText()).trim(), 'Skip to the content');
    await page.screenshot({ path: path.join(SHOTS, '390-en-plan.png'), fullPage: true });
    english.push(...(await runAxe(page)).filter(failing));
    assert.ok(
      english.length === 0,
      `axe-core found, in English:\n${describe(english.map((v) => ({ ...v, page: 'an English page' })))}`,
    );
    // And back.
    await follow(page, page.locator('header a[hreflang="ja"]'));
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  } finally {
    await context.close();
  }
});

test('Tab reaches the skip link first, and it moves focus to the main content', { skip }, async () => {
  for (const viewport of WIDTHS) {
    const context = await browser.newContext({ viewport });
    try {
      const page = await context.newPage();
      await page.goto(server.base);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const e = document.activeElement;
        const r = e.getBoundingClientRect();
        return {
          href: e.getAttribute('href'),
          visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth,
        };
      });
      assert.equal(first.href, '#main', 'the first Tab stop is not the skip link');
      assert.ok(first.visible, `the focused skip link is not on screen at ${viewport.width} px`);
      await page.screenshot({ path: path.join(SHOTS, `${viewport.width}-skip-link-focused.png`) });
      await page.keyboard.press('Enter');
      const focused = await page.evaluate(() => document.activeElement?.id);
      assert.equal(focused, 'main', 'the skip link did not move focus to <main id="main">');
    } finally {
      await context.close();
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Signing in and entering data (issue 17). Accounts are added with the CLI beside the running
// demo, as an administrator would: an editor of the department that owns the sample plan, an
// editor of another department. Every entry page met is checked by axe-core too.

const PLAN = 'yamaguchi-industry-2022';
const PASSWORD = '夏の朝に海を見に行く予定です';
/** Text that would run if a page did not escape it. */
const HOSTILE = `<script>window.__pwned = 1</script>"><img src=x onerror="window.__pwned = 2">' OR '1'='1`;
/** axe's serious findings on the entry and admin pages, gathered by the tests below. */
const entryFindings = [];

let accountsReady = false;
function accounts() {
  if (accountsReady) return;
  const cli = (args, input) =>
    execFileSync(BIN, [...args, '--db', server.db], { input: input ?? '', stdio: ['pipe', 'pipe', 'inherit'] });
  cli(
    ['user', 'add', 'editor1', '--role', 'editor', '--group', '商工振興課', '--email', 'editor1@example.lg.jp'],
    `${PASSWORD}\n`,
  );
  cli(['user', 'add', 'editor2', '--role', 'editor', '--group', '観光課'], `${PASSWORD}\n`);
  cli(['assign', '--plan', PLAN, '--group', '商工振興課']);
  accountsReady = true;
}

/** A new browser context signed in as `name`. */
async function signedIn(name, password = PASSWORD) {
  accounts();
  const context = await browser.newContext({ viewport: WIDTHS[0] });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`a dialog opened: ${d.message()}`);
    d.dismiss();
  });
  await page.goto(`${server.base}login?next=/entry`);
  await page.fill('#login-name', name);
  await page.fill('#login-password', password);
  await Promise.all([page.waitForLoadState('load'), page.click('main button[type="submit"]')]);
  return { context, page, errors };
}

async function axeHere(page, label) {
  for (const v of (await runAxe(page)).filter(failing)) entryFindings.push({ ...v, page: label });
}

/** Opens the form for `year` (`FY2024`) of the sample plan's first indicator. */
async function openForm(page, year) {
  const r = await page.goto(`${server.base}entry/${PLAN}/i1/${year}`);
  assert.equal(r.status(), 200, `the form for ${year}`);
}

/** The sample indicator's grade letter on the plan page. */
async function gradeOnPlan(page) {
  await page.goto(`${server.base}plans/${PLAN}`);
  const row = page.locator('main tr', { hasText: '企業誘致件数' }).first();
  return (await row.locator('.badge-letter').first().innerText()).trim();
}

test('an editor signs in, enters a value, and sees the grade change on the plan page', { skip }, async () => {
  const { context, page, errors } = await signedIn('editor1');
  try {
    assert.equal(new URL(page.url()).pathname, '/entry', 'signed in, sent to the entry list');
    await axeHere(page, '/entry');
    const before = await gradeOnPlan(page);
    await page.goto(`${server.base}entry`);
    await follow(page, page.locator('main a', { hasText: '企業誘致件数' }));
    await axeHere(page, '/entry/{plan}/{indicator}');
    await follow(page, page.locator('main a[href$="/FY2024"]'));
    await axeHere(page, '/entry/{plan}/{indicator}/{year}');
    await page.fill('#entry-value', '９９');
    await page.fill('#entry-note', HOSTILE);
    await Promise.all([page.waitForLoadState('load'), page.click('main form button[type="submit"]')]);
    assert.match(page.url(), /\?saved=FY2024$/);
    assert.ok(await page.locator('.notice.success').isVisible(), 'the page says it was saved');
    assert.ok((await page.locator('main').innerText()).includes(HOSTILE), 'the note is shown as typed');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
    const after = await gradeOnPlan(page);
    assert.notEqual(after, before, `the grade stayed ${before}`);
    // The indicator's history names the editor.
    await page.goto(`${server.base}plans/${PLAN}/indicators/i1`);
    assert.ok((await page.locator('main').innerText()).includes('editor1'), 'the history names who wrote');
    // A number that is not one is refused beside its field, in Japanese.
    await openForm(page, 'FY2025');
    await page.fill('#entry-value', '十二件ほど');
    await Promise.all([page.waitForLoadState('load'), page.click('main form button[type="submit"]')]);
    assert.equal(await page.getAttribute('#entry-value', 'aria-invalid'), 'true');
    assert.match(await page.locator('#entry-value-error').innerText(), /数値/);
    await axeHere(page, 'the form with a problem');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a conflict from a second browser shows both values', { skip }, async () => {
  const a = await signedIn('editor1');
  const b = await signedIn('admin', server.adminPassword);
  try {
    await openForm(a.page, 'FY2023');
    await openForm(b.page, 'FY2023');
    await b.page.fill('#entry-value', '31');
    await Promise.all([b.page.waitForLoadState('load'), b.page.click('main form button[type="submit"]')]);
    assert.match(b.page.url(), /\?saved=FY2023$/);
    await a.page.fill('#entry-value', '29');
    const [response] = await Promise.all([
      a.page.waitForResponse((r) => r.request().method() === 'POST'),
      a.page.click('main form button[type="submit"]'),
    ]);
    await a.page.waitForLoadState('load');
    assert.equal(response.status(), 409);
    assert.equal((await a.page.locator('#conflict .theirs').innerText()).trim(), '31');
    assert.equal((await a.page.locator('#conflict .yours').innerText()).trim(), '29');
    assert.ok((await a.page.locator('#conflict').innerText()).includes('admin'), 'who wrote theirs');
    await axeHere(a.page, 'the conflict page');
    // Saving again, knowingly, overwrites.
    await Promise.all([a.page.waitForLoadState('load'), a.page.click('main form button[type="submit"]')]);
    assert.match(a.page.url(), /\?saved=FY2023$/);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('an editor of another department is refused', { skip }, async () => {
  const { context, page } = await signedIn('editor2');
  try {
    assert.ok((await page.locator('main').innerText()).includes('入力できる指標はありません'));
    const r = await page.goto(`${server.base}entry/${PLAN}/i1/FY2024`);
    assert.equal(r.status(), 403);
    assert.ok((await page.locator('main').innerText()).includes('商工振興課'), 'the page says whose it is');
    await axeHere(page, 'the 403 page');
  } finally {
    await context.close();
  }
});

test('an upload with a bad row names its line and imports nothing', { skip }, async () => {
  const { context, page } = await signedIn('editor1');
  try {
    await page.goto(`${server.base}entry/upload`);
    await axeHere(page, '/entry/upload');
    const csv = `plan,indicator,period,value\n${PLAN},i1,FY2022,33\n${PLAN},i1,FY20X2,34\n`;
    await page.setInputFiles('#upload-file', { name: '実績.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([page.waitForLoadState('load'), page.click('main form button[type="submit"]')]);
    const rows = page.locator('#refused-rows tbody tr');
    assert.equal(await rows.count(), 1);
    assert.equal((await rows.first().locator('td').first().innerText()).trim(), '3');
    await axeHere(page, 'the upload with a refused row');
    await page.goto(`${server.base}entry/${PLAN}/i1`);
    assert.ok(!(await page.locator('main').innerText()).includes('33'), 'nothing imported');
  } finally {
    await context.close();
  }
});

test('the admin page adds an account and shows its password once', { skip }, async () => {
  const { context, page } = await signedIn('admin', server.adminPassword);
  try {
    const r = await page.goto(`${server.base}admin`);
    assert.equal(r.status(), 200);
    await axeHere(page, '/admin');
    await page.fill('#add-name', `viewer-${Date.now()}`);
    await page.fill('#add-email', 'viewer@example.lg.jp');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/admin/users"] button')]);
    assert.match((await page.locator('#new-password').innerText()).trim(), /^\S{16}$/);
    await axeHere(page, '/admin after adding');
    // Hostile text in every field of the admin page: stored as typed, shown as text.
    await page.fill('#add-name', HOSTILE);
    await page.selectOption('#add-role', 'editor');
    await page.fill('#add-group', HOSTILE);
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/admin/users"] button')]);
    await page.fill('#assign-node', '');
    await page.fill('#assign-group', HOSTILE);
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/admin/assignments"] button')]);
    await page.goto(`${server.base}admin`);
    assert.ok((await page.locator('#users').innerText()).includes(HOSTILE), 'the name is shown as typed');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
    // Give the plan back to the editors' department for the other tests.
    execFileSync(BIN, ['assign', '--plan', PLAN, '--group', '商工振興課', '--db', server.db]);
  } finally {
    await context.close();
  }
});

test('a round: the editor edits the draft and submits, the office returns it, then confirms it', { skip }, async () => {
  accounts();
  execFileSync(BIN, ['round', 'open', '--plan', PLAN, '--fy', '2024', '--due', '2025-06-30', '--stages', 'self,first', '--db', server.db]);
  const ed = await signedIn('editor1');
  const office = await signedIn('admin', server.adminPassword);
  try {
    const { page } = ed;
    await page.goto(`${server.base}rounds`);
    await axeHere(page, '/rounds');
    assert.ok((await page.locator('#owed').innerText()).includes('令和7年（2025年）6月30日'), 'the due date');
    // An item of the editor's department that needs an explanation: its draft is in the form.
    const round = `${server.base}plans/${PLAN}/rounds/2024`;
    await page.goto(round);
    await axeHere(page, 'a round');
    const row = page.locator('#round-items tr', { hasText: '中小企業のIoT導入率' });
    assert.equal(await row.count(), 1);
    await follow(page, row.locator('a'));
    await axeHere(page, 'an item with its draft');
    const draft = await page.inputValue('#round-cause');
    assert.match(draft, /実績値は/);
    // The draft as it is is refused.
    await page.fill('#round-next', '研修を開く');
    await Promise.all([page.waitForLoadState('load'), page.click('#submit-form button')]);
    assert.match(await page.locator('#round-error').innerText(), /下書き/);
    await page.fill('#round-cause', `${draft}専門人材が不足している。`);
    await Promise.all([page.waitForLoadState('load'), page.click('#submit-form button')]);
    assert.equal((await page.locator('#item-state').innerText()).trim(), '提出済');
    const item = page.url().replace(/\?.*$/, '');
    // The planning office (here the administrator) returns it with a reason.
    await office.page.goto(item);
    await office.page.fill('#round-reason', '出典を示してください');
    await Promise.all([office.page.waitForLoadState('load'), office.page.click('#return-form button')]);
    await page.goto(item);
    assert.equal((await page.locator('#item-state').innerText()).trim(), '差戻し');
    // The return was told by e-mail to whoever owes the item now: the editor, with the reason.
    const told = await mail.waitFor((m) => m.to.includes('editor1@example.lg.jp'));
    assert.ok(told.body.includes('中小企業のIoT導入率'), `the item is named: ${told.body}`);
    assert.ok(told.body.includes('出典を示してください'), `the reason is given: ${told.body}`);
    assert.ok((await page.locator('#round-notes').innerText()).includes('出典を示してください'));
    await axeHere(page, 'a returned item');
    await Promise.all([page.waitForLoadState('load'), page.click('#submit-form button')]);
    await office.page.goto(item);
    await Promise.all([office.page.waitForLoadState('load'), office.page.click('#submit-form button')]);
    assert.equal((await office.page.locator('#item-state').innerText()).trim(), '確定');
    // Confirmed: the editor's form is gone.
    await page.goto(item);
    assert.equal(await page.locator('#submit-form').count(), 0);
    // The 評価シート: linked from the round, with the review's words, accessible, and printed
    // on A4 landscape pages.
    await page.goto(round);
    await follow(page, page.locator('#sheet-link'));
    await axeHere(page, 'the evaluation sheet');
    const sheet = await page.locator('main').innerText();
    assert.ok(sheet.includes('評価シート') && sheet.includes('出典を示してください'), 'the sheet holds the round');
    assert.ok(sheet.includes('専門人材が不足している。'), 'the self-evaluation');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
    assert.ok(pages >= 1, 'the sheet prints');
    const box = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/);
    assert.ok(box && Math.round(Number(box[1])) === 842 && Math.round(Number(box[2])) === 595, `A4 landscape: ${box}`);
  } finally {
    await ed.context.close();
    await office.context.close();
  }
});

test('the published site: axe-core finds nothing serious on its pages, opened from the disk', { skip }, async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'shinchoku-site-'));
  try {
    execFileSync(BIN, ['publish', '--out', out, '--db', server.db]);
    const context = await browser.newContext({ viewport: WIDTHS[0] });
    const findings = [];
    try {
      const page = await context.newPage();
      for (const rel of [
        'index.html',
        `plans/${PLAN}/index.html`,
        `plans/${PLAN}/indicators/i1.html`,
        'en/index.html',
        `en/plans/${PLAN}/indicators/i1.html`,
      ]) {
        await page.goto(`file://${path.join(out, rel)}`);
        for (const v of (await runAxe(page)).filter(failing)) findings.push({ ...v, page: rel });
      }
      // From the index, the links lead to the plan and on to an indicator, on the disk.
      await page.goto(`file://${path.join(out, 'index.html')}`);
      await Promise.all([page.waitForLoadState('load'), page.click(`a[href="plans/${PLAN}/index.html"]`)]);
      await Promise.all([page.waitForLoadState('load'), page.click('a[href="indicators/i1.html"]')]);
      assert.match(await page.locator('h1').innerText(), /企業誘致件数/);
    } finally {
      await context.close();
    }
    assert.ok(findings.length === 0, `axe-core found:\n${describe(findings)}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('axe-core finds no serious or critical violation on the entry and admin pages', { skip }, () => {
  assert.ok(entryFindings.length === 0, `axe-core found:\n${describe(entryFindings)}`);
});

/** A plain SMTP sink on a free port of 127.0.0.1, as an office relay would take the server's
 * mail: it answers every command, keeps each message (recipients, subject, body decoded from
 * base64), and lets a test wait for one. */
function startMailSink() {
  const messages = [];
  const waiting = [];
  const sink = net.createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let data = null;
    let to = [];
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line !== '.') {
            data.push(line.startsWith('..') ? line.slice(1) : line);
            continue;
          }
          const text = data.join('\r\n');
          const split = text.indexOf('\r\n\r\n');
          const headers = text.slice(0, split);
          const body = Buffer.from(text.slice(split + 4).replace(/\s+/g, ''), 'base64').toString('utf8');
          const message = { to, headers, body };
          messages.push(message);
          for (const w of waiting.splice(0)) w();
          data = null;
          to = [];
          socket.write('250 kept\r\n');
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'DATA') {
          data = [];
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
        } else {
          if (verb === 'RCPT') to.push(line);
          socket.write('250 OK\r\n');
        }
      }
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve) => {
    sink.listen(0, '127.0.0.1', () => {
      resolve({
        address: `127.0.0.1:${sink.address().port}`,
        close: () => sink.close(),
        /** The first message `pick` accepts, within 30 s. */
        async waitFor(pick) {
          const deadline = Date.now() + 30_000;
          for (;;) {
            const found = messages.find((m) => pick({ ...m, to: m.to.join(' ') }));
            if (found) return { ...found, to: found.to.join(' ') };
            const left = deadline - Date.now();
            assert.ok(left > 0, `no such e-mail in 30 s; the sink has ${messages.length}`);
            await new Promise((r) => {
              const timer = setTimeout(r, left);
              waiting.push(() => {
                clearTimeout(timer);
                r();
              });
            });
          }
        },
      });
    });
  });
}

/** Starts `shinchoku demo` on a free port over a SQLite file of its own (so the accounts of the
 * entry tests can be added with the CLI beside it); resolves once it has printed its address
 * and its administrator's password. Its return e-mails go to `smtp`. */
function startServer(smtp) {
  // Its output comes through pipes, never the runner's own descriptors, so a server left
  // behind by a crash could not hold CI's output open; and it is stopped when node exits.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shinchoku-e2e-db-'));
  const db = `sqlite:${path.join(dir, 'demo.db')}`;
  const child = spawn(BIN, ['demo', '--bind', '127.0.0.1:0', '--quiet', '--db', db, '--smtp', smtp], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.pipe(process.stderr);
  process.once('exit', () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('demo printed no address in 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`demo exited (${code}) before serving`)));
    let base;
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const address = line.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (!base && address) base = address[0];
      const password = line.match(/パスワード: (\S+)/);
      if (base && password) {
        clearTimeout(timer);
        resolve({ child, base, db, adminPassword: password[1] });
      }
    });
  });
}

/** Clicks `link` and waits for the page it leads to: its address and status. */
async function follow(page, link) {
  assert.ok((await link.count()) > 0, `no link to follow on ${page.url()}`);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame()),
    link.first().click(),
  ]);
  await page.waitForLoadState('load');
  return { url: page.url(), status: response.status() };
}

/** Walks the application from the dashboard, breadth first, reading each page at every width. */
async function crawl(browser, base) {
  const origin = new URL(base).origin;
  const tabs = [];
  for (const viewport of WIDTHS) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const log = [];
    page.on('console', (m) => {
      if (m.type() === 'error') log.push(m.text());
    });
    page.on('pageerror', (e) => log.push(`uncaught: ${e.message}`));
    tabs.push({ viewport, page, log });
  }
  // The not-found page is part of the frame too: read like any other, answering 404.
  const missingPage = '/plans/no-such-plan';
  const queue = [
    { path: '/', from: '(start)', expect: 200 },
    { path: missingPage, from: '(an address that leads nowhere)', expect: 404 },
  ];
  const queued = new Set(['/', missingPage]);
  const perCollection = new Map();
  const perPath = new Map();
  const pages = [];
  while (queue.length > 0 && pages.length < MAX_PAGES) {
    const { path: where, from, expect } = queue.shift();
    const found = { path: where, from, expect, status: 0, widths: [] };
    let links = [];
    for (const { viewport, page, log } of tabs) {
      log.length = 0;
      let response;
      try {
        response = await page.goto(origin + where, { waitUntil: 'load' });
      } catch (e) {
        // A file to download (a CSV, a workbook) is no page to read.
        if (/Download is starting/.test(e.message)) break;
        throw e;
      }
      found.status = response?.status() ?? 0;
      const html = (response?.headers()['content-type'] ?? '').startsWith('text/html');
      if (!html || found.status !== expect) break;
      const shot = `${viewport.width}-${slug(where)}.png`;
      await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
      const overflow = await page.evaluate(measureOverflow);
      const small = await page.evaluate(smallTargets);
      // The browser reports a page's own 404 as an error; it is this page's expected answer.
      const errors = log.filter((m) => !(expect === 404 && /status of 404/.test(m)));
      const violations = await runAxe(page);
      found.widths.push({ width: viewport.width, console: errors, overflow, small, violations, shot });
      if (links.length === 0 && expect === 200) {
        links = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
      }
    }
    if (found.status === 0) continue; // a download: neither a page nor a broken link
    pages.push(found);
    for (const href of links) {
      const u = new URL(href);
      if (u.origin !== origin) continue;
      // The language switch is tested on its own; assets and the API are no pages.
      if (u.searchParams.has('lang')) continue;
      if (/^\/(static|api)\//.test(u.pathname)) continue;
      const key = u.pathname + u.search;
      if (queued.has(key)) continue;
      if (u.search) {
        const n = perPath.get(u.pathname) ?? 0;
        if (n >= VARIANTS_PER_PATH) continue;
        perPath.set(u.pathname, n + 1);
      }
      // `/plans/{code}/indicators/{id}` and deeper: a few per collection of each plan.
      const segments = u.pathname.split('/').filter(Boolean);
      if (segments.length >= 4) {
        const collection = segments.slice(0, 3).join('/');
        const n = perCollection.get(collection) ?? 0;
        if (n >= ITEMS_PER_COLLECTION) continue;
        perCollection.set(collection, n + 1);
      }
      queued.add(key);
      queue.push({ path: key, from: where, expect: 200 });
    }
  }
  for (const { page } of tabs) await page.context().close();
  return { pages, truncated: queue.length > 0 };
}

/** axe-core's findings on the page as it is now: the WCAG 2.1 A/AA rules and best practice. */
async function runAxe(page) {
  await page.evaluate(axeSource);
  const axe = await page.evaluate(
    (tags) =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    [...WCAG_TAGS, 'best-practice'],
  );
  return axe.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    tags: v.tags,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
  }));
}

/** The violations that fail the suite: serious or critical, under a WCAG 2.1 A/AA rule. */
function failing(v) {
  return v.tags.some((t) => WCAG_TAGS.includes(t)) && ['serious', 'critical'].includes(v.impact);
}

/** In the page: `null`, or how much wider than the window it is and which elements stick out. */
function measureOverflow() {
  const width = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= width) return null;
  const name = (e) =>
    e.tagName.toLowerCase() +
    (e.id ? `#${e.id}` : '') +
    [...e.classList].map((c) => `.${c}`).join('');
  const out = (e) => e.getBoundingClientRect().right > width + 0.5;
  // The outermost elements past the edge: their parents still fit.
  const culprits = [...document.body.querySelectorAll('*')]
    .filter((e) => out(e) && !(e.parentElement && out(e.parentElement)))
    .slice(0, 5)
    .map((e) => {
      const chain = [];
      for (let a = e; a && a !== document.body; a = a.parentElement) chain.unshift(name(a));
      return `${chain.join(' > ')} (to ${Math.round(e.getBoundingClientRect().right)} px)`;
    });
  return { scrollWidth, culprits };
}

/** In the page: the buttons, form fields and navigation links smaller than DADS' 44 px. Links
 * in running text and tables are exempt, as WCAG's target-size rule exempts them. */
function smallTargets() {
  const targets = [
    'button',
    'select',
    'input:is([type="text"], [type="search"], [type="number"], [type="date"], [type="submit"])',
    '.site-nav a',
    '.tabs a',
    '.pager a',
  ].join(', ');
  return [...document.querySelectorAll(targets)]
    .map((e) => [e, e.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && (r.width < 43.5 || r.height < 43.5))
    .map(([e, r]) => {
      const what = e.tagName.toLowerCase() + [...e.classList].map((c) => `.${c}`).join('');
      const text = (e.textContent || e.getAttribute('name') || '').trim().slice(0, 30);
      return `${what} "${text}" is ${Math.round(r.width)} × ${Math.round(r.height)} px`;
    });
}

/** axe's findings, by rule, with the pages and elements. */
function describe(hits) {
  const byRule = new Map();
  for (const h of hits) {
    if (!byRule.has(h.id)) byRule.set(h.id, []);
    byRule.get(h.id).push(h);
  }
  const lines = [];
  for (const [id, list] of byRule) {
    const { impact, help, helpUrl } = list[0];
    lines.push(`\n  ${id} (${impact}): ${help}\n    ${helpUrl}`);
    for (const h of list.slice(0, 8)) {
      lines.push(`    on ${h.page}:`);
      for (const n of h.nodes.slice(0, 4)) {
        lines.push(`      ${n.target}\n        ${(n.summary ?? '').replace(/\n\s*/g, ' ')}`);
      }
      if (h.nodes.length > 4) lines.push(`      … and ${h.nodes.length - 4} more elements`);
    }
    if (list.length > 8) lines.push(`    … and on ${list.length - 8} more pages`);
  }
  return lines.join('\n');
}

/** A file name for a path: `/plans/a/indicators/1?x=2` → `plans-a-indicators-1-x-2`. */
function slug(where) {
  const s = decodeURIComponent(where).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
  return s || 'dashboard';
}
