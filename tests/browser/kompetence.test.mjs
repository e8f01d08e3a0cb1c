// Browser tests for Kompetence: a real Chromium (Debian's /usr/bin/chromium) driven by
// playwright-core against a server this file starts itself with the demo data, plus an
// axe-core WCAG 2.1 A/AA check of every page state the tests visit.
//
// Run: cd tests/browser && npm ci && node --test
// Env: KOMPETENCE_BIN (server binary), DATABASE_URL (passed through to the server),
//      CHROMIUM_PATH (default /usr/bin/chromium), KOMPETENCE_KEEP=1 keeps the temp dir
//      with the database and server.log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const BIN = process.env.KOMPETENCE_BIN || '/var/tmp/kompetence-target/debug/kompetence';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PASSWORD = 'kompetence-demo';
const USERS = {
  admin: 'admin@kompetence.test',
  hr: 'hr.aabenraa@kompetence.test',
  leader: 'leder.aabenraa@kompetence.test',
  participant: 'deltager.aabenraa@kompetence.test',
  provider: 'udbyder@kompetence.test',
  teacher: 'underviser@kompetence.test', // also the examiner of the first cohort's exam
  censor: 'censor@kompetence.test',
  // A payroll consultant of Aabenraa with a participant login, not on the spring cohort in
  // the demo data; HR enrols them in the browser and withdraws them again at the end.
  enrollee: 'loenkonsulent5.aabenraa@kompetence.test',
  // Another one, enrolled without the leader's approval and then approved.
  enrollee2: 'loenkonsulent6.aabenraa@kompetence.test',
  hrBornholm: 'hr.bornholm@kompetence.test',
  // Bent Munch: the leader of the four Bornholm participants of the first cohort.
  leaderBornholm: 'leder.bornholm@kompetence.test',
  // Birgit Ipsen: graded 10 by the examiner and 12 by the censor, final grade 12.
  graded: 'deltager.bornholm@kompetence.test',
  // Jonas Funch: has handed in the exam project, not graded in the demo data.
  ungraded: 'oekonomi4.bornholm@kompetence.test',
};
const MUNICIPALITY = 'Aabenraa Kommune';
const BORNHOLM = 'Bornholms Regionskommune';
const PROVIDER = 'Professionshøjskolen Nordlys';
const MODULE = 'Procesrådgiver for ERP-brugere';
const MODULE_EN = 'Process adviser for ERP users';

// ---------------------------------------------------------------- demo dates
// The demo data's dates are relative to the day it is loaded (Copenhagen time): the first
// cohort ran last autumn (its exam at the end of January), the second starts next spring.

/** Today in Copenhagen as YYYY-MM-DD. */
function copenhagenToday() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}

/** YYYY-MM-DD plus n days. */
function addDays(iso, n) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus n months, the day clamped to the last of the month (2027-01-31 + 1 → 2027-02-28). */
function addMonths(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const last = new Date(Date.UTC(y, m + n, 0)).getUTCDate(); // day 0 of the month after: the last day
  return new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The last Sunday of a month (1–12) as YYYY-MM-DD: the summer-time changes in March and October. */
function lastSunday(year, month) {
  const d = new Date(Date.UTC(year, month, 0)); // day 0 of the next month: the last day of this one
  while (d.getUTCDay() !== 0) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** "20270328T100000" for an iCalendar DTSTART/DTEND from a date and HH:MM. */
function icalStamp(date, time) {
  return `${date.replaceAll('-', '')}T${time.replace(':', '')}00`;
}

const TODAY = copenhagenToday();
const THIS_YEAR = Number(TODAY.slice(0, 4));
const AUTUMN_YEAR = Number(TODAY.slice(5, 7)) >= 2 ? THIS_YEAR - 1 : THIS_YEAR - 2;
const SPRING_YEAR = THIS_YEAR + 1;
const AUTUMN = {
  name: `Hold 1 – efterår ${AUTUMN_YEAR}`,
  starts: `${AUTUMN_YEAR}-09-01`,
  ends: `${AUTUMN_YEAR + 1}-01-31`,
  deadline: `${AUTUMN_YEAR}-08-15`,
  firstDay: `${AUTUMN_YEAR}-09-10`,
  lastTeachingDay: `${AUTUMN_YEAR + 1}-01-14`,
  handIn: `${AUTUMN_YEAR + 1}-01-14 12:00`,
  examDay: `${AUTUMN_YEAR + 1}-01-28`,
  // The teaching days (the exam day not counted), each with attendance in the demo data.
  teachingDays: [`${AUTUMN_YEAR}-09-10`, `${AUTUMN_YEAR}-09-24`, `${AUTUMN_YEAR}-10-08`, `${AUTUMN_YEAR}-10-29`,
    `${AUTUMN_YEAR}-11-26`, `${AUTUMN_YEAR}-12-10`, `${AUTUMN_YEAR + 1}-01-14`],
  // Its seven participants in the demo data (four from Bornholm, the learning group).
  participants: ['Birgit Ipsen', 'Frederik Holt', 'Jonas Funch', 'Karsten Holm', 'Nanna Kjær', 'Sofie Brandt', 'Vibeke Riis'],
};
const SPRING = {
  name: `Hold 2 – forår ${SPRING_YEAR}`,
  starts: `${SPRING_YEAR}-03-01`,
  ends: `${SPRING_YEAR}-06-30`,
  deadline: `${SPRING_YEAR}-02-15`,
  firstDay: `${SPRING_YEAR}-03-04`,
  workshop: lastSunday(SPRING_YEAR, 3), // 10:00–14:00 on the day summer time starts
  days: [`${SPRING_YEAR}-03-04`, lastSunday(SPRING_YEAR, 3), `${SPRING_YEAR}-04-15`, `${SPRING_YEAR}-05-06`, `${SPRING_YEAR}-06-17`],
};
const COHORT_SPRING = SPRING.name;
const COHORT_AUTUMN = AUTUMN.name;
const FEED_PATH = /^\/feeds\/[0-9a-f]{64}\.ics$/;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TEST_TIMEOUT = 120_000;
// A unique suffix so the tests can run repeatedly against the same (PostgreSQL) database.
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

let server; // child process
let serverExit; // promise resolved with the exit code
let spawnError; // set when the binary could not be started
let serverLog = ''; // the last part of the server's output, for error messages
let tmpDir;
let baseURL;
let browser;

/** Every page state checked with axe: { label, url, lang, violations }. */
const axeResults = [];
/** The cohort the provider test creates (the teacher test checks it is not shown). */
let createdCohort; // { name, path }
/** Calendar feeds saved by the tests, for the external iCalendar checkers: { label: file }. */
const savedFeeds = {};

// ---------------------------------------------------------------- server and browser

async function freePort() {
  const srv = net.createServer();
  await new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', resolve);
  });
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

function logTail(lines = 30) {
  return serverLog.split('\n').slice(-lines).join('\n');
}

async function waitForHealthy(url, logFile) {
  const tries = 150; // 150 × 200 ms = at most ~30 s (plus request time)
  let last = 'no answer';
  for (let i = 0; i < tries; i++) {
    if (spawnError) throw new Error(`could not start ${BIN} (set KOMPETENCE_BIN): ${spawnError.message}`);
    if (server.exitCode !== null || server.signalCode !== null) {
      await serverExit; // lets the last output arrive
      throw new Error(`server exited (${server.exitCode ?? server.signalCode}) before it was ready (${BIN}); its output ends:\n${logTail()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (e) {
      last = e.cause?.code || e.message;
    }
    await delay(200); // poll interval between readiness checks
  }
  throw new Error(`server at ${url} not healthy after ${tries} tries (${last}); log ${logFile} ends:\n${logTail()}`);
}

before(async () => {
  tmpDir = await mkdtemp(path.join(os.tmpdir(), 'kompetence-browser-'));
  const dataDir = path.join(tmpDir, 'data');
  const logFile = path.join(tmpDir, 'server.log');
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  const log = createWriteStream(logFile);
  server = spawn(BIN, ['serve', '--demo', '--data-dir', dataDir, '--bind', `127.0.0.1:${port}`], {
    env: { ...process.env, NO_COLOR: '1' }, // DATABASE_URL, if set, is passed through
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [server.stdout, server.stderr]) {
    stream.pipe(log, { end: false }); // two streams share the file: neither may end it
    stream.on('data', (chunk) => { serverLog = (serverLog + chunk).slice(-20_000); });
  }
  serverExit = new Promise((resolve) => server.once('close', (code, sig) => resolve(code ?? sig)));
  server.once('error', (e) => { spawnError = e; });
  await waitForHealthy(baseURL, logFile);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, { timeout: 90_000 });

after(async () => {
  await browser?.close().catch(() => {});
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    const stopped = await Promise.race([serverExit, delay(10_000).then(() => 'timeout')]);
    if (stopped === 'timeout') {
      server.kill('SIGKILL');
      await serverExit;
    }
  }
  if (tmpDir) {
    if (process.env.KOMPETENCE_KEEP) console.log(`# kept ${tmpDir}`);
    else await rm(tmpDir, { recursive: true, force: true });
  }
}, { timeout: 30_000 });

// ---------------------------------------------------------------- helpers

async function newPage() {
  const context = await browser.newContext({ baseURL, locale: 'da-DK' });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

/** Runs axe with the WCAG 2.1 A/AA tags and records the result; asserted in the last test. */
async function checkA11y(page, label) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  axeResults.push({
    label,
    url: page.url().replace(baseURL, ''),
    lang: await page.getAttribute('html', 'lang'),
    violations: results.violations,
    passes: results.passes.length,
    // "needs review": rules axe could not decide (e.g. contrast over images); reported, not failed.
    incomplete: results.incomplete.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  });
}

/** Waits until the locator is visible, failing with a readable message. */
async function see(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch (e) {
    throw new Error(`expected to see ${what} on ${locator.page().url()}: ${e.message.split('\n')[0]}`);
  }
}

async function htmlLang(page) {
  return page.getAttribute('html', 'lang');
}

/** Fills the login form and presses the login button (Danish or English labels). */
async function logIn(page, email, { lang = 'da' } = {}) {
  const t = lang === 'en'
    ? { email: 'E-mail', password: 'Password', submit: 'Log in' }
    : { email: 'E-mail', password: 'Adgangskode', submit: 'Log ind' };
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: t.submit, exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function logOut(page, buttonName) {
  await page.getByRole('button', { name: buttonName, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/login');
}

/** Clicks a link and waits for the page it leads to. */
async function follow(page, link, urlMatch) {
  await link.click();
  await page.waitForURL(urlMatch);
}

function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase(),
      id: el?.id || '',
      text: (el?.textContent || '').trim(),
      className: el?.className || '',
    };
  });
}

/** Tag, type, id, text and checked state of the focused element. */
function focusedControl(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase(),
      type: el?.getAttribute('type') || '',
      id: el?.id || '',
      text: (el?.textContent || '').trim(),
      checked: Boolean(el?.checked),
    };
  });
}

/** Searches the catalogue (the page must be open) and waits for the result. */
async function searchCatalogue(page, text) {
  await page.getByRole('searchbox', { name: 'Søg' }).fill(text);
  await page.getByRole('search').getByRole('button', { name: 'Søg', exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('q') === text);
}

/**
 * Pages on with "Næste side" until the locator is there, and returns it: lists grow when
 * the tests run again on the same (PostgreSQL) database.
 */
async function findOnPages(page, locator, what) {
  for (let i = 0; i < 20 && (await locator.count()) === 0; i++) {
    const next = page.getByRole('navigation', { name: 'Sider' }).getByRole('link', { name: 'Næste side' });
    if ((await next.count()) === 0) break;
    const target = new URL(await next.getAttribute('href'), page.url()).href;
    await next.click();
    await page.waitForURL(target);
  }
  await see(locator, what);
  return locator;
}

/**
 * Fetches a calendar feed the way a calendar app would: no cookies, no session. Takes the
 * feed's path or its absolute address.
 */
async function fetchFeed(feed) {
  const res = await fetch(new URL(feed, baseURL), { signal: AbortSignal.timeout(10_000), redirect: 'manual' });
  return {
    status: res.status,
    type: res.headers.get('content-type') || '',
    cookies: res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie')].filter(Boolean),
    body: await res.text(),
  };
}

/** Asserts a feed response sets no cookie: a calendar app has no use for the CSRF cookie. */
function assertNoCsrfCookie(ics, what) {
  assert.deepEqual(ics.cookies.filter((c) => c.startsWith('kp_csrf=')), [], `${what} sets no kp_csrf cookie`);
}

/** Asserts focus is on the page's [data-focus] element (moved there by /static/app.js). */
async function assertFocusOnNotice(page, text, what) {
  const f = await page.evaluate(() => {
    const el = document.activeElement;
    return { focusTarget: Boolean(el?.hasAttribute('data-focus')), role: el?.getAttribute('role') || '', text: (el?.textContent || '').replace(/\s+/g, ' ').trim() };
  });
  assert.ok(f.focusTarget, `focus is on the [data-focus] ${what} (got ${JSON.stringify(f)})`);
  assert.ok(f.text.includes(text), `the focused ${what} says "${text}" (got "${f.text}")`);
  return f;
}

/** Switches the UI language with the header buttons and waits until the page is in it. */
async function switchLanguage(page, lang) {
  if ((await htmlLang(page)) === lang) return;
  const navigated = page.waitForNavigation({ waitUntil: 'load' });
  await page.getByRole('button', { name: lang === 'en' ? 'English' : 'Dansk', exact: true }).click();
  await navigated;
  assert.equal(await htmlLang(page), lang, `the page is in ${lang} after switching`);
}

/** The text of each cell in a table's body rows, row by row. */
async function tableRows(table) {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
}

/** The text of each cell of one table row (the first the locator matches). */
async function rowCells(row) {
  await row.first().waitFor();
  return row.first().locator('td').evaluateAll((cells) => cells.map((c) => c.textContent.replace(/\s+/g, ' ').trim()));
}

/**
 * Submits a form with a click, waits for the page it leads to (after any redirect) and
 * returns the status of the POST itself (303 for a redirect, 422 for errors).
 */
async function submit(page, button, action) {
  const navigated = page.waitForNavigation({ waitUntil: 'load' }); // set up before the click
  await button.click();
  const res = await navigated;
  let req = res.request();
  while (req.redirectedFrom()) req = req.redirectedFrom();
  assert.equal(`${req.method()} ${new URL(req.url()).pathname}`, `POST ${action}`, 'the form posts where it should');
  return (await req.response()).status();
}

function formatViolations(r) {
  const lines = [`${r.label}  (${r.url}, lang=${r.lang}): ${r.violations.length} violation(s)`];
  for (const v of r.violations) {
    lines.push(`  - ${v.id} [${v.impact}] ${v.help}`);
    lines.push(`    ${v.helpUrl}`);
    for (const n of v.nodes) {
      lines.push(`      target: ${n.target.join(' ')}`);
      lines.push(`        html: ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      if (n.failureSummary) {
        lines.push(`        ${n.failureSummary.replace(/\s*\n\s*/g, ' / ')}`);
      }
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- tests

test('HR logs in, opens the organisation and pages through the employees', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await page.goto('/login');
    assert.equal(await htmlLang(page), 'da', 'Danish is the default language');
    await see(page.getByRole('heading', { level: 1, name: 'Log ind' }), 'the login heading');
    await checkA11y(page, 'login (da)');

    // A wrong password shows an error, keeps the e-mail and stays on the login page.
    await page.getByLabel('E-mail', { exact: true }).fill(`ingen.${RUN}@kompetence.test`);
    await page.getByLabel('Adgangskode', { exact: true }).fill('forkert-adgangskode');
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
    await see(page.getByRole('alert').filter({ hasText: 'Forkert e-mail eller adgangskode' }), 'the login error');
    assert.equal(await page.getByLabel('E-mail', { exact: true }).inputValue(), `ingen.${RUN}@kompetence.test`);
    await checkA11y(page, 'login failed (da)');

    await logIn(page, USERS.hr);
    assert.equal(new URL(page.url()).pathname, '/');
    await see(page.getByRole('heading', { level: 1, name: 'Forside' }), 'the dashboard heading');
    await see(page.getByRole('button', { name: 'Log ud', exact: true }), 'the log-out button');
    const orgLink = page.getByRole('link', { name: 'Aabenraa Kommune', exact: true });
    await see(orgLink, 'a link to Aabenraa Kommune');
    await checkA11y(page, 'dashboard (HR)');

    await follow(page, orgLink, /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    await see(page.getByRole('heading', { level: 1, name: 'Aabenraa Kommune' }), 'the organisation heading');
    await see(page.getByRole('table', { name: 'Medlemmer og roller' }), 'the members table');
    await checkA11y(page, 'organisation page (HR)');

    await follow(page, page.getByRole('link', { name: 'Medarbejdere', exact: true }), `**${orgPath}/employees`);
    await see(page.getByRole('heading', { level: 1, name: 'Medarbejdere' }), 'the employees heading');
    const table = page.getByRole('table', { name: 'Medarbejdere' });
    await see(table.getByRole('cell', { name: 'Lønkonsulent', exact: true }), 'payroll consultants in the list');
    const page1Rows = await table.locator('tbody tr').count();
    assert.ok(page1Rows >= 20, `page 1 lists a full page of employees (got ${page1Rows})`);
    await see(page.getByText(/Side 1 \/ \d+/), 'the pager status "Side 1 / N"');
    const page1Names = await table.locator('tbody tr td:first-child').allTextContents();
    await checkA11y(page, 'employees list page 1 (HR)');

    await follow(page, page.getByRole('navigation', { name: 'Sider' }).getByRole('link', { name: 'Næste side' }), /page=2/);
    await see(page.getByText(/Side 2 \/ 2/), 'the pager status "Side 2 / 2"');
    await see(page.getByRole('link', { name: 'Forrige side' }), 'a link back to page 1');
    await see(table.getByRole('cell', { name: 'Lønkonsulent', exact: true }), 'payroll consultants on page 2');
    const page2Names = await table.locator('tbody tr td:first-child').allTextContents();
    assert.ok(page2Names.length > 0, 'page 2 lists employees');
    assert.deepEqual(page2Names.filter((n) => page1Names.includes(n)), [], 'page 2 shows other employees than page 1');
    await checkA11y(page, 'employees list page 2 (HR)');

    // Open one employee.
    await follow(page, table.getByRole('link').first(), /\/employees\/\d+$/);
    await see(page.getByRole('heading', { level: 1 }), 'the employee heading');
    assert.ok((await page.getByLabel('Navn', { exact: true }).inputValue()).length > 0, 'the name is filled in');
    await checkA11y(page, 'employee detail (HR)');

    await follow(page, page.getByRole('link', { name: 'Medarbejdere', exact: true }), `**${orgPath}/employees`);
    await page.goto(`${orgPath}/tokens`);
    await see(page.getByRole('heading', { level: 1, name: 'API-nøgler' }), 'the API keys heading');
    await checkA11y(page, 'API keys (HR)');

    // A page that does not exist and one the role may not see.
    const notFound = await page.goto(`${orgPath}/employees/987654321`);
    assert.equal(notFound.status(), 404);
    await see(page.getByRole('alert').filter({ hasText: 'Siden findes ikke' }), 'the not-found message');
    await see(page.getByRole('link', { name: 'Gå til forsiden' }), 'a link to the front page');
    await checkA11y(page, 'error 404 (HR)');

    const forbidden = await page.goto('/admin/orgs');
    assert.equal(forbidden.status(), 403);
    await see(page.getByRole('alert'), 'the forbidden message');
    await checkA11y(page, 'error 403 (HR on /admin/orgs)');

    const statement = await page.goto('/was');
    assert.equal(statement.status(), 200);
    await see(page.getByRole('heading', { level: 1, name: 'Tilgængelighedserklæring' }), 'the accessibility statement');
    await checkA11y(page, 'accessibility statement (da, logged in)');
  } finally {
    await context.close();
  }
});

test('language switch to English persists for the user across log-out and log-in', { timeout: TEST_TIMEOUT }, async () => {
  // Uses the leader so that a failure half-way cannot leave the other tests' users in English.
  const { context, page } = await newPage();
  try {
    await page.goto('/login');
    await logIn(page, USERS.leader);
    assert.equal(await htmlLang(page), 'da');
    const danish = page.getByRole('button', { name: 'Dansk', exact: true });
    const english = page.getByRole('button', { name: 'English', exact: true });
    assert.equal(await danish.getAttribute('aria-pressed'), 'true');

    await english.click();
    await see(page.getByRole('button', { name: 'Log out', exact: true }), 'the English "Log out" button');
    assert.equal(await htmlLang(page), 'en');
    assert.equal(new URL(page.url()).pathname, '/', 'stays on the same page');
    assert.equal(await english.getAttribute('aria-pressed'), 'true');
    await see(page.getByRole('heading', { level: 1, name: 'Home' }), 'the English dashboard heading');
    await checkA11y(page, 'dashboard (leader, en)');

    await follow(page, page.getByRole('link', { name: 'Aabenraa Kommune', exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    assert.equal(await htmlLang(page), 'en');
    await checkA11y(page, 'organisation page (leader, en)');
    await follow(page, page.getByRole('link', { name: 'Employees', exact: true }), `**${orgPath}/employees`);
    await see(page.getByRole('heading', { level: 1, name: 'Employees' }), 'the English employees heading');
    await checkA11y(page, 'employees list (leader, en)');
    const missing = await page.goto('/does-not-exist');
    assert.equal(missing.status(), 404);
    await see(page.getByRole('alert').filter({ hasText: 'does not exist' }), 'the English not-found message');
    await checkA11y(page, 'error 404 (en)');
    await page.goto('/was');
    await checkA11y(page, 'accessibility statement (en)');

    await logOut(page, 'Log out');
    assert.equal(await htmlLang(page), 'en', 'the login page stays English (language cookie)');
    await see(page.getByRole('heading', { level: 1, name: 'Log in' }), 'the English login heading');
    await checkA11y(page, 'login (en)');
    await logIn(page, USERS.leader, { lang: 'en' });
    assert.equal(await htmlLang(page), 'en');
    await see(page.getByRole('button', { name: 'Log out', exact: true }), 'the English "Log out" button after logging in again');

    // A fresh browser (no language cookie) gets Danish until the user logs in: the choice is
    // remembered on the user, not only in the browser.
    const fresh = await newPage();
    try {
      await fresh.page.goto('/login');
      assert.equal(await htmlLang(fresh.page), 'da');
      await logIn(fresh.page, USERS.leader);
      assert.equal(await htmlLang(fresh.page), 'en', 'the language is remembered for the user');
      await see(fresh.page.getByRole('button', { name: 'Log out', exact: true }), '"Log out" in the fresh browser');
    } finally {
      await fresh.context.close();
    }

    await page.getByRole('button', { name: 'Dansk', exact: true }).click();
    await see(page.getByRole('button', { name: 'Log ud', exact: true }), 'the Danish "Log ud" button again');
    assert.equal(await htmlLang(page), 'da');
  } finally {
    await context.close();
  }
});

test('HR adds an employee: a bad e-mail is explained and the typed values are kept', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  const name = `Birthe Browsertest ${RUN}`;
  const email = `birthe.${RUN}@aabenraa.dk`;
  try {
    await logIn(page, USERS.hr);
    await follow(page, page.getByRole('link', { name: 'Aabenraa Kommune', exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    await follow(page, page.getByRole('link', { name: 'Medarbejdere', exact: true }), `**${orgPath}/employees`);

    const form = page.getByRole('form', { name: 'Ny medarbejder' });
    await see(form, 'the "Ny medarbejder" form');
    await form.getByLabel('Navn', { exact: true }).fill(name);
    // "anne@aabenraa" passes the browser's own type=email check but lacks a dot in the domain.
    await form.getByLabel('E-mail', { exact: true }).fill('birthe@aabenraa');
    await form.getByLabel('Stilling', { exact: true }).fill('Lønkonsulent');
    await form.getByLabel('Afdeling', { exact: true }).fill('Løn og Personale');
    await form.getByLabel('Team', { exact: true }).fill('Team Syd');
    await form.getByLabel('Leders e-mail', { exact: true }).fill('teamleder1.aabenraa@kompetence.test');
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`${orgPath}/employees`));
    await form.getByRole('button', { name: 'Gem', exact: true }).click();
    const res = await posted;
    assert.equal(res.status(), 422);
    await page.waitForLoadState();

    const summary = page.getByRole('alert');
    await see(summary.filter({ hasText: 'Formularen blev ikke gemt' }), 'the error summary');
    await see(summary.getByRole('link', { name: 'Det er ikke en gyldig e-mailadresse.' }), 'the e-mail error in the summary');
    const form2 = page.getByRole('form', { name: 'Ny medarbejder' });
    const emailField = form2.getByLabel('E-mail', { exact: true });
    assert.equal(await form2.getByLabel('Navn', { exact: true }).inputValue(), name, 'the name is kept');
    assert.equal(await emailField.inputValue(), 'birthe@aabenraa', 'the bad e-mail is kept for correcting');
    assert.equal(await form2.getByLabel('Team', { exact: true }).inputValue(), 'Team Syd', 'the team is kept');
    assert.equal(await emailField.getAttribute('aria-invalid'), 'true');
    // The field's description is the error text a screen reader reads with it.
    const describedBy = await emailField.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the e-mail field points at its error message');
    assert.match(await page.locator(`#${describedBy}`).innerText(), /ikke en gyldig e-mailadresse/);
    await checkA11y(page, 'employees form with errors (422, HR)');

    // The summary link takes the user to the field.
    await summary.getByRole('link', { name: 'Det er ikke en gyldig e-mailadresse.' }).click();
    assert.equal((await focused(page)).id, 'f-email', 'the summary link moves focus to the e-mail field');

    await emailField.fill(email);
    await form2.getByRole('button', { name: 'Gem', exact: true }).click();
    await page.waitForURL(/\/employees\/\d+\?saved=1$/);
    await see(page.getByRole('status').filter({ hasText: 'Gemt' }), 'the "Gemt" notice');
    await see(page.getByRole('heading', { level: 1, name }), 'the new employee\'s page');
    assert.equal(await page.getByLabel('E-mail', { exact: true }).inputValue(), email);
    await checkA11y(page, 'employee saved (HR)');

    await follow(page, page.getByRole('link', { name: 'Medarbejdere', exact: true }), `**${orgPath}/employees`);
    await page.getByRole('searchbox', { name: 'Søg' }).fill(RUN);
    await page.getByRole('search').getByRole('button', { name: 'Søg', exact: true }).click();
    await page.waitForURL(/[?&]q=/);
    const rows = page.getByRole('table', { name: 'Medarbejdere' }).locator('tbody tr');
    await see(rows.getByRole('link', { name, exact: true }), 'the new employee in the search result');
    assert.equal(await rows.count(), 1, 'the search finds exactly the new employee');
    await see(rows.getByRole('cell', { name: email, exact: true }), 'the new e-mail in the search result');
    await checkA11y(page, 'employees search result (HR)');
  } finally {
    await context.close();
  }
});

test('keyboard only: skip link first, then log in with Tab, typing and Enter', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await page.goto('/login');
    await page.keyboard.press('Tab');
    let f = await focused(page);
    assert.equal(f.tag, 'a', 'the first Tab lands on a link');
    assert.equal(f.text, 'Spring til indhold', 'the first Tab lands on the skip link');
    // The focused skip link is on screen, not parked off-screen.
    const box = await page.locator('a.skip').boundingBox();
    const viewport = page.viewportSize();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width, `the focused skip link is visible (box ${JSON.stringify(box)})`);

    await page.keyboard.press('Enter');
    f = await focused(page);
    assert.equal(f.id, 'main', 'the skip link moves focus to the main content');

    await page.keyboard.press('Tab');
    f = await focused(page);
    assert.equal(f.id, 'f-email', 'Tab after skipping goes to the e-mail field');
    await page.keyboard.type(USERS.hr);
    await page.keyboard.press('Tab');
    f = await focused(page);
    assert.equal(f.id, 'f-password', 'Tab goes on to the password field');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/');
    await see(page.getByRole('heading', { level: 1, name: 'Forside' }), 'the dashboard after a keyboard-only login');

    // The logged-in pages start with the skip link too.
    await page.keyboard.press('Tab');
    f = await focused(page);
    assert.equal(f.text, 'Spring til indhold', 'the dashboard also starts with the skip link');
  } finally {
    await context.close();
  }
});

test('platform admin sees organisations, users and an organisation\'s members', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.admin);
    await see(page.getByRole('heading', { level: 2, name: 'Platformsadministration' }), 'the platform administration section');
    await checkA11y(page, 'dashboard (platform admin)');

    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await follow(page, nav.getByRole('link', { name: 'Organisationer', exact: true }), '**/admin/orgs');
    await see(page.getByRole('heading', { level: 1, name: 'Organisationer' }), 'the organisations heading');
    const orgs = page.getByRole('table', { name: 'Organisationer' });
    for (const org of ['Aabenraa Kommune', 'Professionshøjskolen Nordlys']) {
      await see(orgs.getByRole('link', { name: org, exact: true }), `the organisation ${org}`);
    }
    await see(page.getByRole('form', { name: 'Ny organisation' }), 'the new-organisation form');
    await see(page.getByRole('group', { name: 'Type' }).getByRole('radio', { name: 'Kommune' }), 'the organisation type radio buttons');
    await checkA11y(page, 'admin organisations');

    await follow(page, orgs.getByRole('link', { name: 'Aabenraa Kommune', exact: true }), /\/admin\/orgs\/\d+$/);
    await see(page.getByRole('heading', { level: 1, name: 'Aabenraa Kommune' }), 'the organisation heading');
    const members = page.getByRole('table', { name: 'Medlemmer og roller' });
    const hrRow = members.getByRole('row').filter({ hasText: USERS.hr });
    await see(hrRow.getByRole('cell', { name: 'HR / uddannelsesansvarlig' }), 'the HR member with the HR role');
    await see(page.getByRole('form', { name: 'Giv en rolle' }).getByLabel('Rolle'), 'the grant-role form');
    await checkA11y(page, 'admin organisation detail');

    await follow(page, nav.getByRole('link', { name: 'Brugere', exact: true }), '**/admin/users');
    await see(page.getByRole('heading', { level: 1, name: 'Brugere' }), 'the users heading');
    const users = page.getByRole('table', { name: 'Brugere' });
    await see(users.getByRole('cell', { name: USERS.hr, exact: true }), 'the HR user in the list');
    await checkA11y(page, 'admin users page 1');
    await page.getByRole('searchbox', { name: 'Søg' }).fill('udbyder');
    await page.getByRole('search').getByRole('button', { name: 'Søg', exact: true }).click();
    await page.waitForURL(/[?&]q=udbyder/);
    await see(users.getByRole('cell', { name: USERS.provider, exact: true }), 'the provider admin in the search result');
    await checkA11y(page, 'admin users search result');
  } finally {
    await context.close();
  }
});

test('participant and provider see their own organisation', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.participant);
    await see(page.getByText('Dine roller: Deltager'), 'the participant role on the dashboard');
    await checkA11y(page, 'dashboard (participant)');
    await follow(page, page.getByRole('link', { name: 'Aabenraa Kommune', exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    assert.equal(await page.getByRole('link', { name: 'Medarbejdere', exact: true }).count(), 0, 'a participant has no employee list link');
    await checkA11y(page, 'organisation page (participant)');
    const denied = await page.goto(`${orgPath}/employees`);
    assert.ok([403, 404].includes(denied.status()), `a participant may not open the employee list (got ${denied.status()})`);
    await logOut(page, 'Log ud');

    await logIn(page, USERS.provider);
    await follow(page, page.getByRole('link', { name: 'Professionshøjskolen Nordlys', exact: true }), /\/o\/\d+$/);
    await see(page.getByRole('table', { name: 'Medlemmer og roller' }).getByRole('cell', { name: USERS.provider }), 'the provider admin among the members');
    await checkA11y(page, 'organisation page (provider)');

    // Creating an API key shows the secret once.
    await follow(page, page.getByRole('link', { name: 'API-nøgler', exact: true }), /\/tokens$/);
    const form = page.getByRole('form', { name: 'Ny API-nøgle' });
    await form.getByLabel('Navn på nøgle').fill(`browsertest-${RUN}`);
    await form.getByRole('button', { name: 'Opret nøgle' }).click();
    await page.waitForLoadState();
    await see(page.getByRole('status').locator('code'), 'the new API key');
    assert.ok((await page.getByRole('status').locator('code').innerText()).trim().length >= 20, 'the key is shown');
    await see(page.getByRole('table', { name: 'API-nøgler' }).getByRole('cell', { name: `browsertest-${RUN}` }), 'the key in the list');
    await checkA11y(page, 'API key created (provider)');
  } finally {
    await context.close();
  }
});

test('HR enrols an employee from the catalogue; the participant sees the days in Mit forløb and the calendar feed', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  let enrolmentPath; // for withdrawing the enrolment again, also when a later step fails
  try {
    await logIn(page, USERS.hr);
    await follow(page, page.getByRole('link', { name: MUNICIPALITY, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    for (const name of ['Katalog', 'Tilmeldinger', 'Medarbejdere']) {
      await see(page.getByRole('main').getByRole('link', { name, exact: true }), `the "${name}" link on the organisation page`);
    }

    // The catalogue lists the open cohorts of every provider.
    await follow(page, page.getByRole('link', { name: 'Katalog', exact: true }), `**${orgPath}/catalogue`);
    await see(page.getByRole('heading', { level: 1, name: 'Katalog' }), 'the catalogue heading');
    const catalogue = page.getByRole('table', { name: 'Katalog' });
    const headers = await catalogue.locator('thead th').allInnerTexts();
    assert.deepEqual(headers, ['Modul', 'Hold', 'Uddannelsesudbyder', 'Periode', 'ECTS', 'Tilmeldingsfrist', 'Ledige pladser']);
    // Sorted by start: cohorts the provider test made on earlier runs against the same
    // database start before the spring cohort and may push it onto a later page.
    await findOnPages(page, catalogue.getByRole('link', { name: COHORT_SPRING, exact: true }), `"${COHORT_SPRING}" in the catalogue`);
    await checkA11y(page, 'catalogue (HR)');
    await searchCatalogue(page, `forår ${SPRING_YEAR}`);
    const spring = catalogue.getByRole('row').filter({ has: page.getByRole('link', { name: COHORT_SPRING, exact: true }) });
    await see(spring, `the row of "${COHORT_SPRING}"`);
    const springRow = await rowCells(spring);
    assert.deepEqual(springRow, [MODULE, COHORT_SPRING, PROVIDER, `${SPRING.starts} – ${SPRING.ends}`, '10', SPRING.deadline, springRow[6]],
      'the spring cohort\'s module, provider, period, ECTS and sign-up deadline (open: not marked "lukket")');
    const found = (await tableRows(catalogue)).map((cells) => cells[1]);
    assert.ok(found.every((name) => name.includes(`forår ${SPRING_YEAR}`)), `the search finds only matching cohorts (got ${JSON.stringify(found)})`);
    await checkA11y(page, 'catalogue search result (HR)');
    // A cohort that has ended is no longer offered.
    await searchCatalogue(page, COHORT_AUTUMN);
    assert.equal(await catalogue.getByRole('link', { name: COHORT_AUTUMN, exact: true }).count(), 0, `"${COHORT_AUTUMN}" (ended) is not in the catalogue`);
    await searchCatalogue(page, COHORT_SPRING);

    await follow(page, spring.getByRole('link', { name: COHORT_SPRING, exact: true }), /\/catalogue\/\d+$/);
    const cohortPath = new URL(page.url()).pathname;
    await see(page.getByRole('heading', { level: 1, name: `${MODULE} – ${COHORT_SPRING}` }), 'the cohort heading');
    const dayItems = await page.getByRole('main').getByRole('listitem').allInnerTexts();
    for (const day of [
      `${SPRING.firstDay} 09:00–15:30: Undervisningsdag – Rollen som rådgiver`,
      `${SPRING.workshop} 10:00–14:00: Workshop – Cases fra egen kommune`,
      `${SPRING_YEAR}-06-17 09:00–12:00: Eksamen – Mundtlig prøve`,
    ]) {
      assert.ok(dayItems.includes(day), `the teaching day "${day}" is listed (got ${JSON.stringify(dayItems)})`);
    }
    assert.ok(!dayItems.some((d) => /Workshop[:\s–-]+Workshop/.test(d)), 'the workshop title does not repeat "Workshop"');
    await checkA11y(page, 'catalogue cohort (HR)');

    // Enrol as a user would: click into the field, type, Tab past the (checked) approval box
    // to the button and press Enter.
    const form = page.getByRole('form', { name: 'Tilmeld en medarbejder' });
    const emailField = form.getByLabel('Medarbejderens e-mail', { exact: true });
    const approve = form.getByRole('checkbox', { name: /^Godkendt af leder nu/ });
    assert.equal(await approve.isChecked(), true, '"Godkendt af leder nu" is checked by default');
    await emailField.click();
    await page.keyboard.type(USERS.enrollee);
    await page.keyboard.press('Tab');
    let f = await focusedControl(page);
    assert.deepEqual([f.tag, f.type, f.checked], ['input', 'checkbox', true], 'Tab goes from the e-mail to the checked approval box');
    await page.keyboard.press('Tab');
    f = await focusedControl(page);
    assert.deepEqual([f.tag, f.text], ['button', 'Tilmeld'], 'Tab goes on to the "Tilmeld" button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/catalogue\/\d+\?enrolled=\d+$/);
    const enrolmentId = new URL(page.url()).searchParams.get('enrolled');
    enrolmentPath = `${orgPath}/enrolments/${enrolmentId}`;
    await see(page.getByRole('status').filter({ hasText: 'Tilmeldingen er registreret: Optaget.' }), 'the "Optaget" confirmation');
    const ours = page.locator(`main li:has(a[href="${enrolmentPath}"])`);
    await see(ours, 'the new enrolment under "Vores tilmeldinger til holdet"');
    assert.match(await ours.innerText(), /: Optaget$/, 'the new enrolment is listed as "Optaget"');
    const employeeName = (await ours.getByRole('link').innerText()).trim();
    assert.ok(employeeName.length > 0, 'the enrolment names the employee');
    await checkA11y(page, 'catalogue cohort enrolled (HR)');

    // The same person once more: 422, the error at the field, the e-mail kept.
    await emailField.fill(USERS.enrollee);
    const status = await submit(page, form.getByRole('button', { name: 'Tilmeld', exact: true }), `${cohortPath}/enrol`);
    assert.equal(status, 422, 'enrolling the same employee twice is refused with 422');
    const summary = page.getByRole('alert');
    await see(summary.filter({ hasText: 'Formularen blev ikke gemt' }), 'the error summary');
    const already = summary.getByRole('link', { name: 'Medarbejderen er allerede tilmeldt holdet.' });
    await see(already, 'the "allerede tilmeldt" error in the summary');
    assert.equal(await emailField.inputValue(), USERS.enrollee, 'the e-mail is kept');
    assert.equal(await emailField.getAttribute('aria-invalid'), 'true');
    const describedBy = await emailField.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the e-mail field points at its error message');
    assert.match(await page.locator(`#${describedBy}`).innerText(), /allerede tilmeldt/);
    assert.equal(await approve.isChecked(), true, 'the ticked approval box is still ticked after the 422');
    await assertFocusOnNotice(page, 'Formularen blev ikke gemt', 'error summary');
    await checkA11y(page, 'catalogue cohort double enrolment (422, HR)');
    await already.click();
    assert.equal((await focused(page)).id, 'f-employee_email', 'the summary link moves focus to the e-mail field');

    // The enrolment's own page: state, history and the withdraw button.
    await follow(page, page.locator(`main a[href="${enrolmentPath}"]`), `**${enrolmentPath}`);
    await see(page.getByRole('heading', { level: 1, name: `${employeeName} – ${COHORT_SPRING}` }), 'the enrolment heading');
    await see(page.getByText(`${employeeName} (${USERS.enrollee})`), 'the employee and e-mail');
    const history = page.getByRole('table', { name: 'Historik' });
    await see(history.getByRole('cell', { name: 'Godkendt → Optaget' }), 'the history up to "Optaget"');
    await see(page.getByRole('button', { name: 'Afmeld', exact: true }), 'the "Afmeld" button');
    assert.equal(await page.getByRole('button', { name: 'Godkend', exact: true }).count(), 0, 'an enrolled employee needs no approval');
    await checkA11y(page, 'enrolment detail (HR)');

    // The list of the municipality's enrolments, all and filtered by state.
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Tilmeldinger', exact: true }), `**${orgPath}/enrolments`);
    await see(page.getByRole('heading', { level: 1, name: 'Tilmeldinger' }), 'the enrolments heading');
    const list = page.getByRole('table', { name: 'Tilmeldinger' });
    const row = list.getByRole('row').filter({ has: page.locator(`a[href="${enrolmentPath}"]`) });
    await see(row.getByRole('cell', { name: 'Optaget', exact: true }), 'the new enrolment in the list');
    assert.deepEqual((await rowCells(row)).slice(1, 4), [`${MODULE} – ${COHORT_SPRING}`, PROVIDER, `${SPRING.starts} – ${SPRING.ends}`],
      'the list names the module and cohort, the provider and the period from start to end');
    await see(list.getByRole('cell', { name: 'Gennemført', exact: true }), 'completed enrolments from the demo data');
    await checkA11y(page, 'enrolments list (HR)');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Optaget' });
    await follow(page, page.getByRole('button', { name: 'Filtrér', exact: true }), /[?&]state=enrolled/);
    assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), 'enrolled', 'the filter keeps its choice');
    const states = (await tableRows(list)).map((cells) => cells[4]);
    assert.ok(states.length > 0 && states.every((s) => s === 'Optaget'), `only "Optaget" rows after filtering (got ${JSON.stringify(states)})`);
    await see(row, 'the new enrolment in the filtered list');
    await checkA11y(page, 'enrolments list filtered (HR)');
    await logOut(page, 'Log ud');

    // The employee logs in and finds the cohort and its days under "Mit forløb".
    await logIn(page, USERS.enrollee);
    await follow(page, page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mit forløb', exact: true }), '**/me/schedule');
    await see(page.getByRole('heading', { level: 1, name: 'Mit forløb' }), 'the "Mit forløb" heading');
    await see(page.getByRole('listitem').filter({ hasText: `${MODULE} – ${COHORT_SPRING} (${PROVIDER}` }), 'the cohort under "Mine hold"');
    const days = page.getByRole('table', { name: 'Kommende dage' });
    const rows = await tableRows(days);
    const first = rows.find((cells) => cells[0] === SPRING.firstDay);
    const workshop = rows.find((cells) => cells[0] === SPRING.workshop);
    assert.ok(first, `the first teaching day ${SPRING.firstDay} is listed (got ${JSON.stringify(rows.map((r) => r[0]))})`);
    assert.equal(first[1], '09:00–15:30');
    assert.equal(first[3], `${MODULE} – ${COHORT_SPRING}`);
    assert.ok(workshop, `the workshop ${SPRING.workshop} is listed`);
    assert.equal(workshop[1], '10:00–14:00');
    assert.equal(workshop[2], 'Workshop: Cases fra egen kommune');
    await checkA11y(page, 'my schedule (participant)');

    // The private calendar feed: public (no session), text/calendar, with the new days. The
    // page shows its absolute address (for pasting into a calendar program) and a webcal:
    // link that opens the calendar program.
    const code = page.getByRole('main').locator('code');
    const feed = (await code.innerText()).trim();
    assert.ok(feed.startsWith(`${baseURL}/`), `the feed address is absolute, on this server (got ${feed})`);
    assert.match(new URL(feed).pathname, FEED_PATH, 'the feed address is /feeds/<64 hex>.ics');
    assert.equal(await page.getByRole('link', { name: 'Hent kalender (.ics)' }).getAttribute('href'), feed);
    assert.equal(await page.getByRole('link', { name: 'Abonnér i kalenderprogrammet' }).getAttribute('href'),
      feed.replace(/^http:/, 'webcal:'), 'the subscribe link is the same address as webcal://');
    const ics = await fetchFeed(feed);
    assert.equal(ics.status, 200, 'the feed answers without a session');
    assert.match(ics.type, /^text\/calendar/, 'the feed is text/calendar');
    assertNoCsrfCookie(ics, 'the participant feed');
    assert.ok(ics.body.startsWith('BEGIN:VCALENDAR\r\n'), 'the feed is a VCALENDAR with CRLF line ends');
    for (const line of [
      `DTSTART;TZID=Europe/Copenhagen:${icalStamp(SPRING.firstDay, '09:00')}`,
      `DTEND;TZID=Europe/Copenhagen:${icalStamp(SPRING.firstDay, '15:30')}`,
      `DTSTART;TZID=Europe/Copenhagen:${icalStamp(SPRING.workshop, '10:00')}`,
      'BEGIN:VTIMEZONE',
    ]) {
      assert.ok(ics.body.includes(`${line}\r\n`), `the feed has the line ${line}`);
    }
    savedFeeds.participant = path.join(tmpDir, 'participant.ics');
    await writeFile(savedFeeds.participant, ics.body);

    // Renewing the address: a new one works, the old one is gone.
    assert.equal(await submit(page, page.getByRole('button', { name: 'Forny adressen', exact: true }), '/me/feed'), 303);
    const renewed = (await code.innerText()).trim();
    assert.match(new URL(renewed).pathname, FEED_PATH);
    assert.notEqual(renewed, feed, 'renewing gives a new address');
    assert.equal((await fetchFeed(feed)).status, 404, 'the old address answers 404');
    const again = await fetchFeed(renewed);
    assert.equal(again.status, 200, 'the new address works');
    assert.ok(again.body.includes(`DTSTART;TZID=Europe/Copenhagen:${icalStamp(SPRING.firstDay, '09:00')}\r\n`), 'the new address has the same days');
    await checkA11y(page, 'my schedule feed renewed (participant)');
    await logOut(page, 'Log ud');

    // HR withdraws the enrolment again (so the test can run again on the same database).
    await logIn(page, USERS.hr);
    await page.goto(enrolmentPath);
    assert.equal(await submit(page, page.getByRole('button', { name: 'Afmeld', exact: true }), `${enrolmentPath}/withdraw`), 303);
    await see(page.getByRole('status').filter({ hasText: 'Tilmeldingen er opdateret: Afmeldt.' }), 'the withdrawal confirmation');
    await assertFocusOnNotice(page, 'Tilmeldingen er opdateret: Afmeldt.', 'confirmation');
    await see(page.getByRole('table', { name: 'Historik' }).getByRole('cell', { name: 'Optaget → Afmeldt' }), 'the withdrawal in the history');
    enrolmentPath = undefined;
    assert.equal(await page.getByRole('button', { name: 'Afmeld', exact: true }).count(), 0, 'a withdrawn enrolment cannot be withdrawn again');
    await checkA11y(page, 'enrolment withdrawn (HR)');
  } finally {
    if (enrolmentPath) {
      // Clean up after a failure half-way: withdraw through the page, as HR.
      await page.context().clearCookies().catch(() => {});
      await logIn(page, USERS.hr).then(() => page.goto(enrolmentPath))
        .then(() => page.getByRole('button', { name: 'Afmeld', exact: true }).click({ timeout: 5000 }))
        .catch(() => {});
    }
    await context.close();
  }
});

test('HR enrols without the leader\'s approval, then approves the request', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  let enrolmentPath;
  try {
    await logIn(page, USERS.hr);
    await follow(page, page.getByRole('link', { name: MUNICIPALITY, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    await follow(page, page.getByRole('link', { name: 'Katalog', exact: true }), `**${orgPath}/catalogue`);
    await searchCatalogue(page, COHORT_SPRING);
    await follow(page, page.getByRole('link', { name: COHORT_SPRING, exact: true }), /\/catalogue\/\d+$/);

    const form = page.getByRole('form', { name: 'Tilmeld en medarbejder' });
    await form.getByLabel('Medarbejderens e-mail', { exact: true }).fill(USERS.enrollee2);
    // Unticking with the keyboard: Space on the focused checkbox.
    const approve = form.getByRole('checkbox', { name: /^Godkendt af leder nu/ });
    await approve.focus();
    await page.keyboard.press('Space');
    assert.equal(await approve.isChecked(), false, 'Space unticks "Godkendt af leder nu"');
    await form.getByRole('button', { name: 'Tilmeld', exact: true }).click();
    await page.waitForURL(/\?enrolled=\d+$/);
    enrolmentPath = `${orgPath}/enrolments/${new URL(page.url()).searchParams.get('enrolled')}`;
    await see(page.getByRole('status').filter({ hasText: 'Tilmeldingen er registreret: Anmodet.' }), 'the "Anmodet" confirmation');

    await follow(page, page.locator(`main a[href="${enrolmentPath}"]`), `**${enrolmentPath}`);
    await see(page.getByRole('definition').filter({ hasText: /^Anmodet$/ }), 'the state "Anmodet"');
    await see(page.getByRole('button', { name: 'Godkend', exact: true }), 'the "Godkend" button');
    await see(page.getByRole('button', { name: 'Afmeld', exact: true }), 'the "Afmeld" button');
    await checkA11y(page, 'enrolment detail requested (HR)');

    assert.equal(await submit(page, page.getByRole('button', { name: 'Godkend', exact: true }), `${enrolmentPath}/approve`), 303);
    await see(page.getByRole('definition').filter({ hasText: /^Optaget$/ }), 'the state "Optaget" after approving');
    await see(page.getByRole('status').filter({ hasText: 'Tilmeldingen er opdateret: Optaget.' }), 'the approval confirmation');
    await assertFocusOnNotice(page, 'Tilmeldingen er opdateret: Optaget.', 'confirmation');
    await checkA11y(page, 'enrolment approved (HR)');
    const history = page.getByRole('table', { name: 'Historik' });
    await see(history.getByRole('cell', { name: 'Anmodet → Godkendt' }), 'the approval in the history');
    assert.equal(await page.getByRole('button', { name: 'Godkend', exact: true }).count(), 0, 'no second approval');

    assert.equal(await submit(page, page.getByRole('button', { name: 'Afmeld', exact: true }), `${enrolmentPath}/withdraw`), 303);
    await see(page.getByRole('definition').filter({ hasText: /^Afmeldt$/ }), 'the state "Afmeldt" after withdrawing');
    await assertFocusOnNotice(page, 'Tilmeldingen er opdateret: Afmeldt.', 'confirmation');
    enrolmentPath = undefined;
  } finally {
    if (enrolmentPath) {
      await page.goto(enrolmentPath).then(() => page.getByRole('button', { name: 'Afmeld', exact: true }).click({ timeout: 5000 })).catch(() => {});
    }
    await context.close();
  }
});

test('a closed cohort shows a notice instead of the enrol form; HR of Bornholm in English', { timeout: TEST_TIMEOUT }, async () => {
  // The first cohort's sign-up deadline has passed. Bornholm's HR reaches its catalogue page
  // from their enrolments on it (it has ended, so the catalogue list no longer offers it).
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.hrBornholm);
    await switchLanguage(page, 'da'); // in case an earlier run stopped while in English
    await follow(page, page.getByRole('link', { name: BORNHOLM, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Tilmeldinger', exact: true }), `**${orgPath}/enrolments`);
    const list = page.getByRole('table', { name: 'Tilmeldinger' });
    const birgit = list.getByRole('row').filter({ has: page.getByRole('link', { name: 'Birgit Ipsen', exact: true }) });
    assert.deepEqual(await rowCells(birgit), ['Birgit Ipsen', `${MODULE} – ${COHORT_AUTUMN}`, PROVIDER, `${AUTUMN.starts} – ${AUTUMN.ends}`, 'Gennemført']);
    await follow(page, birgit.getByRole('link', { name: 'Birgit Ipsen', exact: true }), /\/enrolments\/\d+$/);
    const enrolmentPath = new URL(page.url()).pathname;
    await follow(page, page.getByRole('main').getByRole('link', { name: `${MODULE} – ${COHORT_AUTUMN}`, exact: true }), /\/catalogue\/\d+$/);
    const closedPath = new URL(page.url()).pathname;
    await see(page.getByRole('heading', { level: 1, name: `${MODULE} – ${COHORT_AUTUMN}` }), 'the closed cohort\'s heading');
    await see(page.getByRole('definition').filter({ hasText: new RegExp(`^${AUTUMN.deadline}$`) }), 'the sign-up deadline');
    await see(page.getByRole('heading', { level: 2, name: 'Tilmeld en medarbejder' }), 'the sign-up section');
    await see(page.getByRole('main').getByText('Tilmeldingsfristen er overskredet.', { exact: true }), 'the closed notice');
    assert.equal(await page.getByRole('form', { name: 'Tilmeld en medarbejder' }).count(), 0, 'no enrol form on a closed cohort');
    assert.equal(await page.getByRole('main').locator(`form[action$="/enrol"]`).count(), 0, 'nothing on the page posts an enrolment');
    assert.equal(await page.getByRole('button', { name: 'Tilmeld', exact: true }).count(), 0, 'no "Tilmeld" button');
    await checkA11y(page, 'catalogue cohort closed (HR)');

    // A form opened before the deadline and sent after it: simulated with the open spring
    // cohort's form pointed at the closed cohort. Refused with 422; the error is about the
    // cohort, not a field, so the summary shows it as text, not as a link to nowhere.
    await follow(page, page.getByRole('link', { name: 'Katalog', exact: true }), `**${orgPath}/catalogue`);
    await searchCatalogue(page, COHORT_SPRING);
    await follow(page, page.getByRole('link', { name: COHORT_SPRING, exact: true }), /\/catalogue\/\d+$/);
    const stale = page.getByRole('form', { name: 'Tilmeld en medarbejder' });
    await stale.evaluate((f, action) => f.setAttribute('action', action), `${closedPath}/enrol`);
    // Jonas Funch is on the closed cohort already: even a missing deadline check changes nothing.
    await stale.getByLabel('Medarbejderens e-mail', { exact: true }).fill(USERS.ungraded);
    assert.equal(await submit(page, stale.getByRole('button', { name: 'Tilmeld', exact: true }), `${closedPath}/enrol`), 422);
    const summary = page.getByRole('alert');
    await see(summary.filter({ hasText: 'Formularen blev ikke gemt' }), 'the error summary');
    const items = await summary.getByRole('listitem').allInnerTexts();
    assert.deepEqual(items.map((t) => t.trim()), ['Tilmeldingsfristen er overskredet.'], 'the summary names the deadline');
    assert.equal(await summary.getByRole('link').count(), 0, 'the deadline error is plain text, not a link to a field that is not there');
    await assertFocusOnNotice(page, 'Tilmeldingsfristen er overskredet.', 'error summary');
    assert.equal(await page.getByRole('form', { name: 'Tilmeld en medarbejder' }).count(), 0, 'still no enrol form');
    await checkA11y(page, 'catalogue cohort after deadline (422, HR)');

    // In English, the enrolments show the module's English title.
    await page.goto(`${orgPath}/enrolments`);
    await switchLanguage(page, 'en');
    const listEn = page.getByRole('table', { name: 'Enrolments' });
    const birgitEn = listEn.getByRole('row').filter({ has: page.getByRole('link', { name: 'Birgit Ipsen', exact: true }) });
    assert.deepEqual(await rowCells(birgitEn), ['Birgit Ipsen', `${MODULE_EN} – ${COHORT_AUTUMN}`, PROVIDER, `${AUTUMN.starts} – ${AUTUMN.ends}`, 'Completed']);
    await checkA11y(page, 'enrolments list (HR, en)');
    await follow(page, birgitEn.getByRole('link', { name: 'Birgit Ipsen', exact: true }), `**${enrolmentPath}`);
    await see(page.getByRole('main').getByRole('link', { name: `${MODULE_EN} – ${COHORT_AUTUMN}`, exact: true }), 'the English module title on the enrolment');
    await checkA11y(page, 'enrolment detail (HR, en)');
    await switchLanguage(page, 'da');
  } finally {
    // Leave Bornholm's HR in Danish for the next run, also after a failure.
    if ((await htmlLang(page).catch(() => 'da')) === 'en') await switchLanguage(page, 'da').catch(() => {});
    await context.close();
  }
});

test('a refused enrolment keeps "Godkendt af leder nu" unticked when HR had unticked it', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.hr);
    await follow(page, page.getByRole('link', { name: MUNICIPALITY, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    await follow(page, page.getByRole('link', { name: 'Katalog', exact: true }), `**${orgPath}/catalogue`);
    await searchCatalogue(page, COHORT_SPRING);
    await follow(page, page.getByRole('link', { name: COHORT_SPRING, exact: true }), /\/catalogue\/\d+$/);
    const cohortPath = new URL(page.url()).pathname;
    const form = page.getByRole('form', { name: 'Tilmeld en medarbejder' });
    await form.getByLabel('Medarbejderens e-mail', { exact: true }).fill(`ingen.${RUN}@kompetence.test`);
    await form.getByRole('checkbox', { name: /^Godkendt af leder nu/ }).uncheck();
    assert.equal(await submit(page, form.getByRole('button', { name: 'Tilmeld', exact: true }), `${cohortPath}/enrol`), 422);
    await see(page.getByRole('alert').getByRole('link', { name: /ingen medarbejder med den e-mail/ }), 'the unknown e-mail error');
    assert.equal(await form.getByRole('checkbox', { name: /^Godkendt af leder nu/ }).isChecked(), false,
      'the approval box stays unticked, so correcting the e-mail does not approve on the leader\'s behalf');
    assert.equal(await form.getByLabel('Medarbejderens e-mail', { exact: true }).inputValue(), `ingen.${RUN}@kompetence.test`, 'the e-mail is kept');
    await checkA11y(page, 'catalogue cohort unknown e-mail, approval unticked (422, HR)');
  } finally {
    await context.close();
  }
});

test('provider admin: programmes, modules, and a new cohort with teaching days across the summer-time changes', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.provider);
    await follow(page, page.getByRole('link', { name: PROVIDER, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    const main = page.getByRole('main');
    for (const name of ['Uddannelser', 'Moduler', 'Hold']) {
      await see(main.getByRole('link', { name, exact: true }), `the "${name}" link on the organisation page`);
    }

    // Programmes, and the programme's modules.
    await follow(page, main.getByRole('link', { name: 'Uddannelser', exact: true }), `**${orgPath}/programmes`);
    await see(page.getByRole('heading', { level: 1, name: 'Uddannelser' }), 'the programmes heading');
    const programme = 'Akademiuddannelse i offentlig administration – procesrådgivning';
    await see(page.getByRole('table', { name: 'Uddannelser' }).getByRole('link', { name: programme }), 'the demo programme');
    await see(page.getByRole('form', { name: 'Ny uddannelse' }), 'the new-programme form');
    await checkA11y(page, 'programmes list (provider)');
    await follow(page, page.getByRole('link', { name: programme }), /\/programmes\/\d+$/);
    await see(page.getByRole('heading', { level: 1, name: programme }), 'the programme heading');
    await see(page.getByText(/\d+ ECTS i alt/), 'the programme\'s total ECTS');
    const programmeModules = page.getByRole('table', { name: 'Moduler' });
    await see(programmeModules.getByRole('cell', { name: 'PRA-1', exact: true }), 'the module PRA-1 in the programme');
    await see(page.getByRole('form', { name: 'Tilføj modul' }), 'the add-module form');
    await checkA11y(page, 'programme page (provider)');
    // Degree progress of a demo participant: the first cohort's module passed with 12.
    const progressBase = new URL(page.url()).pathname;
    await page.goto(`${progressBase}/progress?email=${encodeURIComponent('deltager.bornholm@kompetence.test')}`);
    await see(page.getByRole('heading', { level: 2, name: 'Birgit Ipsen' }), 'the participant\'s progress');
    await see(page.getByText(/10 ECTS bestået/), 'the credits passed');
    await checkA11y(page, 'degree progress (provider)');
    await page.goto(progressBase);

    // Adding a module the programme has already: 422, the error tied to the select.
    const programmePath = new URL(page.url()).pathname;
    const addModule = page.getByRole('form', { name: 'Tilføj modul' });
    await addModule.getByLabel('Modul', { exact: true }).selectOption({ label: `PRA-1 ${MODULE} (10 ECTS)` });
    assert.equal(await submit(page, addModule.getByRole('button', { name: 'Tilføj', exact: true }), `${programmePath}/modules`), 422);
    const moduleSelect = addModule.getByLabel('Modul', { exact: true });
    assert.equal(await moduleSelect.getAttribute('aria-invalid'), 'true', 'the select with the error is marked invalid');
    const selectError = await moduleSelect.getAttribute('aria-describedby');
    assert.ok(selectError, 'the select points at its error message');
    assert.equal((await page.locator(`#${selectError}`).innerText()).trim(), 'Modulet indgår allerede i uddannelsen.');
    const moduleLink = page.getByRole('alert').getByRole('link', { name: 'Modulet indgår allerede i uddannelsen.' });
    await see(moduleLink, 'the error in the summary');
    await checkA11y(page, 'programme add-module form with errors (422, provider)');
    await moduleLink.click();
    assert.equal((await focused(page)).id, await moduleSelect.getAttribute('id'), 'the summary link moves focus to the select');

    // The module: learning outcomes, workload, local specialisations.
    await follow(page, programmeModules.getByRole('link', { name: MODULE }), /\/modules\/\d+$/);
    await see(page.getByRole('heading', { level: 1, name: `PRA-1 ${MODULE}` }), 'the module heading');
    await see(page.getByRole('heading', { level: 2, name: 'Læringsmål' }), 'the learning outcomes');
    for (const name of ['Viden', 'Færdigheder', 'Kompetencer']) {
      await see(page.getByRole('heading', { level: 3, name, exact: true }), `the "${name}" outcomes`);
    }
    // 10 ECTS at 27 hours each.
    await see(page.getByRole('definition').filter({ hasText: /^270 timer$/ }), 'the workload in hours');
    const spec = page.getByRole('form', { name: 'Ny tilpasning til en kommune' });
    await see(spec.getByLabel('Kommune', { exact: true }), 'the specialisation form\'s municipality');
    await see(page.getByRole('form', { name: 'Ret modul' }).getByRole('group', { name: 'Læringsmål' }), 'the outcomes group in the edit form');
    await checkA11y(page, 'module page (provider)');
    // Grade statistics of the module: the first cohort's graded exam, as a table and a chart.
    const modulePath = new URL(page.url()).pathname;
    await follow(page, main.getByRole('link', { name: 'Karakterstatistik', exact: true }), /\/statistics$/);
    await see(page.getByRole('heading', { level: 2, name: /^Alle hold/ }), 'the overall distribution');
    await see(page.getByRole('img', { name: /^Karakterfordeling – Alle hold/ }), 'the chart with its text alternative');
    await checkA11y(page, 'grade statistics (provider)');
    await page.goto(modulePath);
    await follow(page, main.getByRole('link', { name: 'Moduler', exact: true }), `**${orgPath}/modules`);
    await see(page.getByRole('table', { name: 'Moduler' }).getByRole('link', { name: MODULE }), 'the module in the list');
    await checkA11y(page, 'modules list (provider)');

    // Cohorts: an existing one with participants from several municipalities.
    await page.goto(orgPath);
    await follow(page, main.getByRole('link', { name: 'Hold', exact: true }), `**${orgPath}/cohorts`);
    const cohorts = page.getByRole('table', { name: 'Hold' });
    // Newest start first: the spring cohort leads the list.
    await see(cohorts.getByRole('link', { name: COHORT_SPRING, exact: true }), `"${COHORT_SPRING}" in the cohort list`);
    await checkA11y(page, 'cohorts list (provider)');
    await follow(page, await findOnPages(page, cohorts.getByRole('link', { name: COHORT_AUTUMN, exact: true }), `"${COHORT_AUTUMN}"`), /\/cohorts\/\d+$/);
    await see(page.getByRole('heading', { level: 1, name: COHORT_AUTUMN }), 'the cohort heading');
    const participants = page.getByRole('table', { name: 'Deltagere' });
    const someone = (await tableRows(participants))[0];
    assert.ok(someone && /kommune$/i.test(someone[1]), `a participant with a municipality (got ${JSON.stringify(someone)})`);
    assert.ok(['Optaget', 'Gennemført', 'På venteliste', 'Godkendt', 'Anmodet'].some((s) => someone[2].startsWith(s)), `a participant with a state (got ${someone[2]})`);
    await see(page.getByRole('table', { name: 'Undervisningsdage' }).getByRole('cell', { name: AUTUMN.firstDay, exact: true }), 'the cohort\'s teaching days');
    for (const name of ['Ny undervisningsdag', 'Tilknyt underviser', 'Ret hold']) {
      await see(page.getByRole('form', { name }), `the "${name}" form`);
    }
    await see(page.getByRole('definition').filter({ hasText: 'Torben Underviser' }), 'the teacher of the cohort');
    await see(page.getByRole('definition').getByRole('link', { name: 'Opsætning af eksamen', exact: true }), 'the link to the exam set-up');
    await checkA11y(page, 'cohort page (provider)');

    // A new cohort with days on both summer-time changes of 2026/27: fixed dates, as the
    // external checkers of tests/ical know those days' UTC instants (--expect-dst). It runs
    // until at least next summer, so it stays in the catalogue, and its sign-up deadline was
    // yesterday: the catalogue test below finds it marked closed.
    const name = `Sommertidshold ${RUN}`;
    const autumnChange = '2026-10-25';
    const springChange = '2027-03-28';
    assert.equal(lastSunday(2026, 10), autumnChange);
    assert.equal(lastSunday(2027, 3), springChange);
    const deadline = addDays(TODAY, -1);
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Hold', exact: true }), `**${orgPath}/cohorts`);
    const create = page.getByRole('form', { name: 'Nyt hold' });
    await create.getByLabel('Modul', { exact: true }).selectOption({ label: `PRA-1 ${MODULE}` });
    await create.getByLabel('Navn', { exact: true }).fill(name);
    await create.getByLabel('Sted', { exact: true }).fill('Campus Sønderborg');
    await create.getByLabel('Antal pladser', { exact: true }).fill('12');
    await create.getByLabel('Tilmeldingsfrist', { exact: true }).fill(deadline);
    await create.getByLabel('Startdato', { exact: true }).fill('2026-09-01');
    await create.getByLabel('Slutdato', { exact: true }).fill(`${Math.max(2027, THIS_YEAR + 1)}-06-30`);
    await follow(page, create.getByRole('button', { name: 'Gem', exact: true }), /\/cohorts\/\d+$/);
    const cohortPath = new URL(page.url()).pathname;
    createdCohort = { name, path: cohortPath, deadline };
    await see(page.getByRole('heading', { level: 1, name }), 'the new cohort\'s page');

    const dayForm = page.getByRole('form', { name: 'Ny undervisningsdag' });
    const addDay = async (date, from, to, kind, title) => {
      await dayForm.getByLabel('Dato', { exact: true }).fill(date);
      await dayForm.getByLabel('Starttid', { exact: true }).fill(from);
      await dayForm.getByLabel('Sluttid', { exact: true }).fill(to);
      await dayForm.getByLabel('Type', { exact: true }).selectOption({ label: kind });
      await dayForm.getByLabel('Titel', { exact: true }).fill(title);
      await dayForm.getByLabel('Lokale', { exact: true }).fill('Lokale 2.01');
      return submit(page, dayForm.getByRole('button', { name: 'Tilføj', exact: true }), `${cohortPath}/days`);
    };
    // The last Sundays of October (summer time ends that night) and March (it starts).
    assert.equal(await addDay(autumnChange, '09:00', '15:00', 'Undervisningsdag', 'Vintertid'), 303);
    assert.equal(await addDay(springChange, '09:00', '15:00', 'Workshop', 'Sommertid'), 303);
    const dayRows = await tableRows(page.getByRole('table', { name: 'Undervisningsdage' }));
    assert.deepEqual(dayRows.map((r) => r.slice(0, 4)), [
      [autumnChange, '09:00–15:00', 'Undervisningsdag', 'Vintertid'],
      [springChange, '09:00–15:00', 'Workshop', 'Sommertid'],
    ]);

    // A day that ends before it starts: 422, explained at the field, the values kept.
    const backwards = addDays(springChange, 1);
    assert.equal(await addDay(backwards, '15:00', '09:00', 'Undervisningsdag', 'Baglæns'), 422);
    const summary = page.getByRole('alert');
    const error = summary.getByRole('link', { name: 'Dagen skal slutte, efter den begynder.' });
    await see(error, 'the end-before-start error in the summary');
    const ends = dayForm.getByLabel('Sluttid', { exact: true });
    assert.equal(await ends.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator(`#${await ends.getAttribute('aria-describedby')}`).innerText(), /slutte, efter den begynder/);
    assert.equal(await dayForm.getByLabel('Dato', { exact: true }).inputValue(), backwards, 'the date is kept');
    assert.equal(await dayForm.getByLabel('Starttid', { exact: true }).inputValue(), '15:00', 'the start is kept');
    assert.equal(await dayForm.getByLabel('Titel', { exact: true }).inputValue(), 'Baglæns', 'the title is kept');
    assert.equal((await tableRows(page.getByRole('table', { name: 'Undervisningsdage' }))).length, 2, 'no day was added');
    await checkA11y(page, 'cohort add-day form with errors (422, provider)');
    await error.click();
    assert.equal((await focused(page)).id, 'f-ends_at', 'the summary link moves focus to "Sluttid"');

    // The cohort's calendar feed.
    const feedLink = page.getByRole('link', { name: 'Abonnér på holdets undervisningsdage (.ics)' });
    const feed = await feedLink.getAttribute('href');
    assert.match(new URL(feed, page.url()).pathname, FEED_PATH);
    const ics = await fetchFeed(feed);
    assert.equal(ics.status, 200);
    assert.match(ics.type, /^text\/calendar/);
    assertNoCsrfCookie(ics, 'the cohort feed');
    for (const line of [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'TZID:Europe/Copenhagen',
      `DTSTART;TZID=Europe/Copenhagen:${icalStamp(autumnChange, '09:00')}`, `DTEND;TZID=Europe/Copenhagen:${icalStamp(autumnChange, '15:00')}`,
      `DTSTART;TZID=Europe/Copenhagen:${icalStamp(springChange, '09:00')}`, `DTEND;TZID=Europe/Copenhagen:${icalStamp(springChange, '15:00')}`,
    ]) {
      assert.ok(ics.body.includes(`${line}\r\n`), `the cohort feed has the line ${line}`);
    }
    assert.equal((ics.body.match(/^BEGIN:VEVENT\r$/gm) || []).length, 2, 'one event per teaching day');
    savedFeeds.cohort = path.join(tmpDir, 'cohort.ics');
    await writeFile(savedFeeds.cohort, ics.body);
  } finally {
    await context.close();
  }
});

test('teacher sees only the cohorts they teach, without the admin forms, and their days in Mit forløb', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.teacher);
    await follow(page, page.getByRole('link', { name: PROVIDER, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    const main = page.getByRole('main');
    for (const name of ['Uddannelser', 'Moduler']) {
      assert.equal(await main.getByRole('link', { name, exact: true }).count(), 0, `a teacher has no "${name}" link`);
    }
    await see(main.getByRole('link', { name: 'Eksamener', exact: true }), 'the "Eksamener" link for the examiner');
    await follow(page, main.getByRole('link', { name: 'Hold', exact: true }), `**${orgPath}/cohorts`);
    const cohorts = page.getByRole('table', { name: 'Hold' });
    const names = await cohorts.locator('tbody a').allInnerTexts();
    assert.deepEqual([...names].sort(), [COHORT_AUTUMN, COHORT_SPRING].sort(), 'the teacher\'s cohorts, and only those');
    assert.equal(await page.getByRole('form', { name: 'Nyt hold' }).count(), 0, 'no new-cohort form for a teacher');
    await checkA11y(page, 'cohorts list (teacher)');
    if (createdCohort) {
      const other = await page.goto(createdCohort.path);
      assert.ok([403, 404].includes(other.status()), `a cohort the teacher does not teach is closed to them (got ${other.status()})`);
    }
    const modules = await page.goto(`${orgPath}/modules`);
    assert.ok([403, 404].includes(modules.status()), `a teacher may not open the modules (got ${modules.status()})`);
    await page.goto(`${orgPath}/cohorts`);

    await follow(page, cohorts.getByRole('link', { name: COHORT_SPRING, exact: true }), /\/cohorts\/\d+$/);
    await see(page.getByRole('heading', { level: 1, name: COHORT_SPRING }), 'the cohort heading');
    await see(page.getByRole('table', { name: 'Undervisningsdage' }).getByRole('cell', { name: SPRING.firstDay, exact: true }), 'the teaching days');
    await see(page.getByRole('table', { name: 'Deltagere' }), 'the participants');
    assert.equal(await main.locator('form').count(), 0, 'the teacher\'s cohort page has no forms');
    assert.equal(await page.getByRole('button', { name: /Marker som gennemført/ }).count(), 0, 'no "Marker som gennemført" for a teacher');
    assert.equal(await main.getByRole('link', { name: 'Opsætning af eksamen' }).count(), 0, 'no exam set-up link for a teacher');
    await checkA11y(page, 'cohort page (teacher)');

    await follow(page, page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mit forløb', exact: true }), '**/me/schedule');
    for (const c of [COHORT_AUTUMN, COHORT_SPRING]) {
      await see(page.getByRole('listitem').filter({ hasText: `${MODULE} – ${c}` }), `"${c}" under "Mine hold"`);
    }
    const dates = (await tableRows(page.getByRole('table', { name: 'Kommende dage' }))).map((r) => r[0]);
    // The autumn cohort is over; the spring cohort's days are all to come.
    assert.deepEqual(dates, SPRING.days, 'the teacher\'s coming days are the spring cohort\'s');
    assert.deepEqual(dates, [...dates].sort(), 'the days are in date order');
    assert.ok(dates.every((d) => d >= TODAY), 'only coming days are listed');
    await checkA11y(page, 'my schedule (teacher)');
  } finally {
    await context.close();
  }
});

test('external iCalendar checkers (tests/ical) accept the feeds the server sent', { timeout: TEST_TIMEOUT }, async (t) => {
  const icalDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'ical');
  const runs = [
    ['node', [path.join(icalDir, 'check.mjs')], existsSync(path.join(icalDir, 'node_modules', 'ical.js')), 'cd tests/ical && npm ci'],
    ['python3', [path.join(icalDir, 'check.py')], spawnSync('python3', ['-c', 'import icalendar']).status === 0, 'pip install icalendar'],
  ];
  for (const [label, file] of Object.entries(savedFeeds)) {
    for (const [cmd, args, available, install] of runs) {
      const name = `${path.basename(args[0])} on the ${label} feed`;
      if (!available) {
        await t.test(name, { skip: `not installed (${install})` }, () => {});
        continue;
      }
      await t.test(name, () => {
        const extra = label === 'cohort' ? ['--expect-dst'] : [];
        const r = spawnSync(cmd, [...args, file, ...extra], { encoding: 'utf8', timeout: 60_000 });
        assert.equal(r.status, 0, `${cmd} ${args[0]} ${file} failed:\n${r.stdout}${r.stderr}`);
        assert.match(r.stdout, /^\d+ passed, 0 failed/m);
      });
    }
  }
  assert.ok(savedFeeds.cohort && savedFeeds.participant, 'the tests before saved both feeds');
});

test('leader sees their own staff', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.leader);
    await follow(page, page.getByRole('link', { name: 'Aabenraa Kommune', exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    await follow(page, page.getByRole('link', { name: /^(Medarbejdere|Employees)$/ }), `**${orgPath}/employees`);
    const table = page.getByRole('table', { name: /^(Medarbejdere|Employees)$/ });
    await table.waitFor();
    // Lars Lindberg leads the four team leaders in the demo data.
    const names = await table.locator('tbody tr td:first-child').allTextContents();
    assert.ok(names.includes('Anne Jensen'), `the leader's staff list includes Anne Jensen (got ${JSON.stringify(names)})`);
    await checkA11y(page, 'employees list (leader)');
  } finally {
    await context.close();
  }
});

test('the catalogue marks a cohort past its sign-up deadline "(lukket)", and its page has no enrol form', { timeout: TEST_TIMEOUT }, async () => {
  assert.ok(createdCohort, 'the provider test made a cohort whose sign-up deadline was yesterday');
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.hr);
    await follow(page, page.getByRole('link', { name: MUNICIPALITY, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    await follow(page, page.getByRole('link', { name: 'Katalog', exact: true }), `**${orgPath}/catalogue`);
    await searchCatalogue(page, createdCohort.name);
    const catalogue = page.getByRole('table', { name: 'Katalog' });
    const rows = await tableRows(catalogue);
    assert.equal(rows.length, 1, `the search finds the new cohort (got ${JSON.stringify(rows)})`);
    assert.equal(rows[0][1], createdCohort.name);
    assert.equal(rows[0][5], `${createdCohort.deadline} (lukket)`, 'the "Tilmeldingsfrist" column marks the cohort closed');
    await checkA11y(page, 'catalogue with a closed cohort (HR)');
    await follow(page, catalogue.getByRole('link', { name: createdCohort.name, exact: true }), /\/catalogue\/\d+$/);
    await see(page.getByRole('main').getByText('Tilmeldingsfristen er overskredet.', { exact: true }), 'the closed notice');
    assert.equal(await page.getByRole('form', { name: 'Tilmeld en medarbejder' }).count(), 0, 'no enrol form');
  } finally {
    await context.close();
  }
});

/** From the dashboard: the provider's page, "Eksamener" and the first cohort's exam. */
async function openExam(page, who) {
  await follow(page, page.getByRole('link', { name: PROVIDER, exact: true }), /\/o\/\d+$/);
  const orgPath = new URL(page.url()).pathname;
  await follow(page, page.getByRole('main').getByRole('link', { name: 'Eksamener', exact: true }), `**${orgPath}/exams`);
  await see(page.getByRole('heading', { level: 1, name: 'Eksamener' }), 'the exams heading');
  const row = page.getByRole('table', { name: 'Eksamener' }).getByRole('row')
    .filter({ has: page.getByRole('link', { name: COHORT_AUTUMN, exact: true }) });
  await see(row, `the exam of "${COHORT_AUTUMN}"`);
  assert.deepEqual(await rowCells(row), [`PRA-1 ${MODULE}`, COHORT_AUTUMN, 'Skriftligt projekt', AUTUMN.handIn, AUTUMN.examDay]);
  await checkA11y(page, `exams list (${who})`);
  await follow(page, row.getByRole('link', { name: COHORT_AUTUMN, exact: true }), /\/exams\/\d+$/);
  await see(page.getByRole('heading', { level: 1, name: `Eksamen – PRA-1 ${COHORT_AUTUMN}` }), 'the grading page heading');
  return { orgPath, examPath: new URL(page.url()).pathname };
}

/** The card of one exam attempt on the grading page (a region named by its heading). */
function attemptCard(page, name, municipality = BORNHOLM, attempt = 1) {
  return page.getByRole('region', { name: `${name} (${municipality}) · Forsøg ${attempt}`, exact: true });
}

/** The grades given on an attempt card, as shown: "Eksaminator Torben Underviser (hele prøven): 10". */
async function gradesOn(card) {
  return (await card.getByRole('listitem').allInnerTexts()).map((t) => t.trim());
}

/**
 * The page offers no way to grade twice: no form on a card where the grader (by role:
 * "Eksaminator" or "Censor") has given their grade, nor on a card with a final grade.
 */
async function assertNoSecondGrading(page, role) {
  const cards = await page.getByRole('main').locator('section').all();
  assert.ok(cards.length >= 8, `one card per attempt (got ${cards.length})`);
  for (const card of cards) {
    const heading = (await card.getByRole('heading', { level: 2 }).innerText()).trim();
    const given = (await gradesOn(card)).some((g) => g.startsWith(`${role} `));
    const final = (await card.locator('p').first().innerText()).includes('Endelig karakter');
    if (given || final) {
      assert.equal(await card.locator('form').count(), 0, `no grading form on "${heading}" (${given ? `the ${role.toLowerCase()} has graded` : 'final grade given'})`);
    }
  }
}

/** From the provider's page (as its admin): "Hold", the first cohort, "Opsætning af eksamen". */
async function openExamSetup(page, orgPath) {
  await page.goto(orgPath);
  await follow(page, page.getByRole('main').getByRole('link', { name: 'Hold', exact: true }), `**${orgPath}/cohorts`);
  const cohorts = page.getByRole('table', { name: 'Hold' });
  await follow(page, await findOnPages(page, cohorts.getByRole('link', { name: COHORT_AUTUMN, exact: true }), `"${COHORT_AUTUMN}"`), /\/cohorts\/\d+$/);
  const cohortPath = new URL(page.url()).pathname;
  await follow(page, page.getByRole('link', { name: 'Opsætning af eksamen', exact: true }), `**${cohortPath}/exam`);
  await see(page.getByRole('heading', { level: 1, name: `Eksamen – ${COHORT_AUTUMN}` }), 'the exam set-up heading');
  return cohortPath;
}

const EXAMINER_7 = 'Eksaminator Torben Underviser (hele prøven): 7';
const CENSOR_10 = 'Censor Cecilie Censor (hele prøven): 10';

test('provider admin: the exams, and the exam set-up of the first cohort with its attempts', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.provider);
    const { orgPath } = await openExam(page, 'admin');
    // The admin sees the grading page but does not grade.
    await see(page.getByText(/^Du bedømmer ikke denne eksamen\./), 'the "not a grader" note');
    assert.equal(await page.getByRole('main').locator('form').count(), 0, 'no grading forms for the admin');
    const cohortPath = await openExamSetup(page, orgPath);
    const facts = await page.getByRole('main').locator('dl.facts').evaluate((dl) =>
      [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()]));
    assert.deepEqual(facts, [
      ['Prøveform', 'Skriftligt projekt'], ['Afleveringsfrist', AUTUMN.handIn], ['Eksamensdato', AUTUMN.examDay], ['Censor', 'Cecilie Censor'],
    ]);
    const attempts = page.getByRole('table', { name: 'Deltagere og forsøg' });
    const rows = (await tableRows(attempts)).map((r) => r.slice(0, 5));
    const find = (name, no) => rows.find((r) => r[0] === name && r[2] === String(no));
    assert.deepEqual(find('Birgit Ipsen', 1), ['Birgit Ipsen', BORNHOLM, '1', 'Bedømt', '12']);
    assert.deepEqual(find('Frederik Holt', 1), ['Frederik Holt', 'Viborg Kommune', '1', 'Bedømt', '00'], 'the failed first attempt');
    assert.deepEqual(find('Frederik Holt', 2), ['Frederik Holt', 'Viborg Kommune', '2', 'Bedømt', '02'], 'the passed re-exam');
    const jonas = find('Jonas Funch', 1);
    const jonasRow = attempts.getByRole('row').filter({ hasText: 'Jonas Funch' });
    if (jonas[3] === 'Afleveret') {
      // Fresh demo data: handed in, not graded; the admin could mark them absent.
      assert.equal(jonas[4], '', 'no grade yet');
      await see(jonasRow.getByRole('button', { name: 'Udeblevet Jonas Funch', exact: true }), 'the "Udeblevet" button for the ungraded attempt');
    } else {
      assert.deepEqual(jonas.slice(3), ['Bedømt', '10'], 'graded by an earlier run of the tests');
      assert.equal(await jonasRow.getByRole('button', { name: /^Udeblevet/ }).count(), 0, 'no "Udeblevet" once graded');
    }
    // Frederik Holt's failed first attempt already has a passed re-exam: no button is offered.
    assert.equal(await attempts.getByRole('button', { name: /^Tilmeld reeksamen/ }).count(), 0, 'no re-exam needed in the demo');
    const setup = page.getByRole('form', { name: 'Opsætning af eksamen' });
    assert.equal(await setup.getByLabel('Prøveform', { exact: true }).inputValue(), 'written_project');
    assert.equal(await setup.getByLabel('Afleveringsdato', { exact: true }).inputValue(), AUTUMN.lastTeachingDay);
    await checkA11y(page, 'exam set-up page (admin)');

    // Grades have been given: the set-up cannot change. 422, the error at "Prøveform".
    await setup.getByLabel(/^Eksaminatorer/).fill(USERS.teacher);
    await setup.getByLabel('Censors e-mail', { exact: true }).fill(USERS.censor);
    assert.equal(await submit(page, setup.getByRole('button', { name: 'Gem', exact: true }), `${cohortPath}/exam`), 422);
    const locked = page.getByRole('alert').getByRole('link', { name: 'Eksamen kan ikke ændres, når der er givet karakterer.' });
    await see(locked, 'the "locked" error in the summary');
    const formSelect = setup.getByLabel('Prøveform', { exact: true });
    assert.equal(await formSelect.getAttribute('aria-invalid'), 'true', 'the select with the error is marked invalid');
    const describedBy = await formSelect.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the select points at its error message');
    assert.match(await page.locator(`#${describedBy}`).innerText(), /kan ikke ændres/);
    assert.equal(await setup.getByLabel(/^Eksaminatorer/).inputValue(), USERS.teacher, 'the typed examiner is kept');
    await checkA11y(page, 'exam set-up locked (422, admin)');
    await locked.click();
    assert.equal((await focused(page)).id, 'f-form', 'the summary link moves focus to "Prøveform"');
  } finally {
    await context.close();
  }
});

test('exam: the examiner and the censor grade a hand-in; the participant sees only the final grade, and the transcript', { timeout: 180_000 }, async () => {
  const { context, page } = await newPage();
  try {
    // The examiner (the teacher). On a reused database an earlier run may have graded.
    await logIn(page, USERS.teacher);
    const { examPath } = await openExam(page, 'teacher');
    await see(page.getByText(/^Eksaminator · Afleveringsfrist: /), 'the examiner role on the grading page');
    const birgit = attemptCard(page, 'Birgit Ipsen');
    assert.deepEqual(await gradesOn(birgit), ['Eksaminator Torben Underviser (hele prøven): 10', 'Censor Cecilie Censor (hele prøven): 12']);
    assert.equal((await birgit.locator('p').first().innerText()).trim(), 'Bedømt · Endelig karakter: 12', 'the censor\'s 12 decides (average 11)');
    const jonas = attemptCard(page, 'Jonas Funch');
    await see(jonas, 'Jonas Funch\'s attempt');
    // The hand-in, folded away in a <details> until opened.
    const handIn = jonas.locator('details');
    assert.equal(await handIn.evaluate((d) => d.open), false, 'the hand-in starts folded');
    await handIn.getByText('Eksamensopgave', { exact: true }).click();
    await see(handIn.getByText(/^Eksamensprojekt: Jonas Funch som procesrådgiver/), 'the hand-in text');
    await checkA11y(page, 'grading page (examiner)');
    if (!(await gradesOn(jonas)).some((g) => g.startsWith('Eksaminator '))) {
      assert.equal((await jonas.locator('p').first().innerText()).trim(), 'Afleveret');
      const select = jonas.getByLabel('Din karakter (hele prøven)', { exact: true });
      assert.deepEqual(await select.locator('option').allInnerTexts(), ['Vælg karakter', '12', '10', '7', '4', '02', '00', '−3'], 'a required choice, then the 7-point scale, best first');
      await select.selectOption({ label: '7' });
      const action = await jonas.locator('form').getAttribute('action');
      assert.equal(await submit(page, jonas.getByRole('button', { name: 'Giv karakter Jonas Funch', exact: true }), action), 303);
      assert.equal(new URL(page.url()).pathname, examPath, 'back on the grading page');
      assert.deepEqual(await gradesOn(jonas), [EXAMINER_7]);
      assert.equal((await jonas.locator('p').first().innerText()).trim(), 'Afleveret', 'no final grade before the censor\'s');
      await checkA11y(page, 'grading page (examiner, own grade given)');
    }
    assert.ok((await gradesOn(jonas)).includes(EXAMINER_7), `the examiner's 7 (got ${JSON.stringify(await gradesOn(jonas))})`);
    assert.equal(await jonas.getByRole('combobox').count(), 0, 'the examiner cannot grade Jonas Funch again');
    await assertNoSecondGrading(page, 'Eksaminator');
    await logOut(page, 'Log ud');

    // The censor: 7 and 10 average 8.5, exactly between 7 and 10; the censor's higher grade decides.
    await logIn(page, USERS.censor);
    assert.equal((await openExam(page, 'censor')).examPath, examPath, 'the censor opens the same exam');
    await see(page.getByText(/^Censor · Afleveringsfrist: /), 'the censor role on the grading page');
    await checkA11y(page, 'grading page (censor)');
    if (!(await gradesOn(jonas)).some((g) => g.startsWith('Censor '))) {
      const select = jonas.getByLabel('Din karakter (hele prøven)', { exact: true });
      await select.selectOption({ label: '10' });
      const action = await jonas.locator('form').getAttribute('action');
      assert.equal(await submit(page, jonas.getByRole('button', { name: 'Giv karakter Jonas Funch', exact: true }), action), 303);
    }
    assert.deepEqual(await gradesOn(jonas), [EXAMINER_7, CENSOR_10]);
    assert.equal((await jonas.locator('p').first().innerText()).trim(), 'Bedømt · Endelig karakter: 10', 'the final grade is the censor\'s 10');
    assert.equal(await jonas.locator('form').count(), 0, 'no grading form once both have graded');
    await assertNoSecondGrading(page, 'Censor');
    await checkA11y(page, 'grading page (final grade given)');
    await logOut(page, 'Log ud');

    // Jonas: the final grade only, not the examiner's or the censor's own.
    await logIn(page, USERS.ungraded);
    await follow(page, page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mit forløb', exact: true }), '**/me/schedule');
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Mine eksamener', exact: true }), '**/me/exams');
    await see(page.getByRole('heading', { level: 1, name: 'Mine eksamener' }), 'the "Mine eksamener" heading');
    const exam = page.getByRole('region', { name: `${MODULE} – ${COHORT_AUTUMN}`, exact: true });
    await see(exam, 'the exam of the first cohort');
    const text = (await exam.innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(`Skriftligt projekt · Afleveringsfrist: ${AUTUMN.handIn} · Eksamensdato: ${AUTUMN.examDay}`), `the exam's form and dates (got ${text})`);
    assert.ok(text.includes('Status: Bedømt (Forsøg 1)'), `the state (got ${text})`);
    await see(exam.getByRole('status').filter({ hasText: /^Endelig karakter: 10$/ }), '"Endelig karakter: 10"');
    assert.doesNotMatch(text, /Eksaminator|Censor|Torben|Cecilie|hele prøven|\b7\b/, 'neither the examiner\'s nor the censor\'s own grade is shown');
    assert.equal(await exam.getByRole('textbox').count(), 0, 'no hand-in field after the deadline');
    await checkA11y(page, 'my exams (participant, graded)');
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Karakterudskrift', exact: true }), '**/me/transcript');
    await assertTranscript(page, 'Jonas Funch', '10', 'B');
    await checkA11y(page, 'transcript (participant)');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------- certificates and /verify

/** A certificate number as printed: KB-XXXX-XXXX-XXXX (hex). */
const CERT_NUMBER = /^KB-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/;
/** Jonas Funch's credential (compact JWS) from the certificate journey; the keyboard test pastes it. */
let jonasCredential;

/**
 * From the dashboard, as the provider admin: "Hold", the first cohort and its
 * "Kursusbeviser" link. Returns the organisation's and the certificates page's paths.
 */
async function openCertificates(page) {
  await follow(page, page.getByRole('link', { name: PROVIDER, exact: true }), /\/o\/\d+$/);
  const orgPath = new URL(page.url()).pathname;
  await follow(page, page.getByRole('main').getByRole('link', { name: 'Hold', exact: true }), `**${orgPath}/cohorts`);
  const cohorts = page.getByRole('table', { name: 'Hold' });
  await follow(page, await findOnPages(page, cohorts.getByRole('link', { name: COHORT_AUTUMN, exact: true }), `"${COHORT_AUTUMN}"`), /\/cohorts\/\d+$/);
  const cohortPath = new URL(page.url()).pathname;
  await follow(page, page.getByRole('definition').getByRole('link', { name: 'Kursusbeviser', exact: true }), `**${cohortPath}/certificates`);
  await see(page.getByRole('heading', { level: 1, name: `Kursusbeviser – ${COHORT_AUTUMN}` }), 'the certificates heading');
  return { orgPath, certificatesPath: `${cohortPath}/certificates` };
}

/** A participant's row in the "Beståede deltagere" table of the Kursusbeviser page. */
function certificateRow(page, name) {
  return page.getByRole('table', { name: 'Beståede deltagere' }).getByRole('row')
    .filter({ has: page.getByRole('cell', { name, exact: true }) });
}

/** The number in a row's "Bevis" cell ("KB-…" followed by the PDF links), or its text ("Ikke udstedt") when there is none. */
async function rowCertificate(row) {
  const cell = (await rowCells(row))[3];
  const first = cell.split(' ')[0];
  return CERT_NUMBER.test(first) ? first : cell;
}

/** The dt → dd pairs of the first description list inside the locator. */
async function definitions(locator) {
  return locator.locator('dl').first().evaluate((dl) => Object.fromEntries([...dl.querySelectorAll('dt')]
    .map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.replace(/\s+/g, ' ').trim()])));
}

/** On Mine beviser: the section (a region named by the module) of the certificate with this number. */
function myCertificate(page, number) {
  return page.getByRole('region', { name: MODULE, exact: true }).filter({ hasText: number });
}

/** Fetches a PDF with the page's session and asserts it is one: 200, application/pdf, "%PDF-". */
async function assertPdf(page, href, what) {
  const res = await page.request.get(href);
  assert.equal(res.status(), 200, `${what} answers 200`);
  assert.match(res.headers()['content-type'] || '', /^application\/pdf/, `${what} is application/pdf`);
  const bytes = await res.body();
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', `${what} starts with %PDF-`);
  assert.ok(bytes.length > 10_000, `${what} has content (${bytes.length} bytes)`);
}

/** Clicks a download link and returns the download's suggested file name and bytes. */
async function download(page, link) {
  const started = page.waitForEvent('download'); // set up before the click
  await link.click();
  const d = await started;
  assert.equal(await d.failure(), null, `the download of ${d.suggestedFilename()} completes`);
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

/** Fetches a certificate's credential (the JWT) from Mine beviser with the participant's session. */
async function fetchCredential(page, number) {
  const href = await myCertificate(page, number).getByRole('link', { name: 'Digitalt bevis (JWT)', exact: true }).getAttribute('href');
  const res = await page.request.get(href);
  assert.equal(res.status(), 200, `the credential of ${number} answers 200`);
  assert.match(res.headers()['content-type'] || '', /^application\/jwt/);
  return (await res.text()).trim();
}

/**
 * On /verify (opened if need be): pastes the text into "Beviset (indsæt teksten)" (emptied
 * when none is given), chooses the file, if any, and presses "Kontrollér". Returns the
 * status of the POST.
 */
async function verifyCredential(page, { paste = '', file } = {}) {
  if (new URL(page.url()).pathname !== '/verify') await page.goto('/verify');
  const form = page.getByRole('main').locator('form[action="/verify"]');
  await form.getByLabel('Beviset (indsæt teksten)', { exact: true }).fill(paste);
  if (file) await form.getByLabel('… eller upload filen', { exact: true }).setInputFiles(file);
  return submit(page, form.getByRole('button', { name: 'Kontrollér', exact: true }), '/verify');
}

/** The verdict on /verify: its heading, the facts of its list (Indehaver, Modul, …) and its text. */
async function verdictOn(page) {
  const verdict = page.getByRole('main').getByRole('status');
  await see(verdict, 'the verdict');
  assert.equal(await verdict.count(), 1, 'one verdict');
  const heading = (await verdict.getByRole('heading', { level: 2 }).innerText()).trim();
  assert.equal(await page.getByRole('status', { name: heading, exact: true }).count(), 1, 'the verdict is named by its heading');
  const facts = (await verdict.locator('dl').count()) > 0 ? await definitions(verdict) : {};
  return { heading, facts, text: (await verdict.innerText()).replace(/\s+/g, ' ').trim() };
}

/** The start of the credential id (urn:uuid:…) a certificate number is made from. */
function credentialIdPrefix(number) {
  const hex = number.slice(3).replaceAll('-', '').toLowerCase();
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-`;
}

const VALID = 'Gyldigt bevis';
const REVOKED = 'Beviset er tilbagekaldt';
const TAMPERED = 'Ugyldigt: beviset er ændret eller signaturen passer ikke';

test('certificates: the provider admin issues Jonas Funch\'s certificate; he downloads the PDF and the credential, which /verify accepts pasted and uploaded and rejects tampered', { timeout: 180_000 }, async () => {
  // Follows the grading test: Jonas Funch passed with 10 there.
  const { context, page } = await newPage();
  const visitor = await newPage(); // anyone, without a login
  try {
    await logIn(page, USERS.provider);
    const { orgPath, certificatesPath } = await openCertificates(page);
    const table = page.getByRole('table', { name: 'Beståede deltagere' });
    assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Deltager', 'Karakter', 'ECTS', 'Bevis', 'Handlinger']);
    // The demo data issued Birgit Ipsen's certificate.
    const birgit = await rowCells(certificateRow(page, 'Birgit Ipsen'));
    assert.deepEqual(birgit.slice(0, 3), ['Birgit Ipsen', '12', '10']);
    assert.match(birgit[3].split(' ')[0], CERT_NUMBER, 'Birgit Ipsen has a certificate from the demo data');
    const jonas = certificateRow(page, 'Jonas Funch');
    await see(jonas, 'Jonas Funch among the passed (graded 10 by the test before)');
    assert.deepEqual((await rowCells(jonas)).slice(0, 3), ['Jonas Funch', '10', '10']);
    // Fresh demo data: not issued yet. On a reused database an earlier run issued one.
    const previous = await rowCertificate(jonas);
    const reissue = CERT_NUMBER.test(previous);
    if (!reissue) assert.equal(previous, 'Ikke udstedt');
    await checkA11y(page, 'certificates page (provider)');

    const issue = jonas.getByRole('button', { name: `${reissue ? 'Udsted nyt bevis' : 'Udsted bevis'} Jonas Funch`, exact: true });
    assert.equal(await submit(page, issue, certificatesPath), 303, 'issuing redirects');
    assert.equal(new URL(page.url()).pathname, certificatesPath, 'back on the Kursusbeviser page');
    const number = await rowCertificate(jonas);
    assert.match(number, CERT_NUMBER, 'the new certificate\'s number');
    if (reissue) assert.notEqual(number, previous, 'a re-issued certificate has a new number');
    await see(jonas.getByRole('button', { name: 'Udsted nyt bevis Jonas Funch', exact: true }), '"Udsted nyt bevis" once issued');
    await see(jonas.getByRole('textbox', { name: 'Begrundelse Jonas Funch', exact: true }), 'the revoke form\'s reason');
    await see(jonas.getByRole('button', { name: 'Tilbagekald Jonas Funch', exact: true }), 'the "Tilbagekald" button');
    await checkA11y(page, 'certificates page issued (provider)');
    // The provider admin's own copies of the diploma.
    for (const [name, query] of [['PDF (dansk)', ''], ['PDF (engelsk)', '?lang=en']]) {
      const href = await jonas.getByRole('link', { name: `${name} Jonas Funch`, exact: true }).getAttribute('href');
      assert.match(href, new RegExp(`^${orgPath}/certificates/\\d+/diploma\\.pdf${query.replace('?', '\\?')}$`), `"${name}" links to the diploma`);
      await assertPdf(page, href, `the provider's "${name}"`);
    }
    await logOut(page, 'Log ud');

    // Jonas: Mit forløb → Mine beviser.
    await logIn(page, USERS.ungraded);
    await follow(page, page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mit forløb', exact: true }), '**/me/schedule');
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Mine beviser', exact: true }), '**/me/certificates');
    await see(page.getByRole('heading', { level: 1, name: 'Mine beviser' }), 'the "Mine beviser" heading');
    const cert = myCertificate(page, number);
    await see(cert, `the certificate ${number}`);
    assert.deepEqual(await definitions(cert), {
      Bevisnummer: number, Udsteder: PROVIDER, Karakter: '10 (B), 10 ECTS', Udstedt: TODAY,
    });
    for (const name of ['PDF (dansk)', 'PDF (engelsk)', 'Digitalt bevis (JWT)', 'Digitalt bevis (JSON)']) {
      await see(cert.getByRole('link', { name, exact: true }), `the "${name}" link`);
    }
    await see(page.getByRole('contentinfo').getByRole('link', { name: 'Kontrollér et bevis', exact: true }), 'the footer link to /verify');
    await checkA11y(page, 'my certificates (participant)');

    // The Danish diploma, downloaded as the browser does it, and both languages by address.
    const pdf = await download(page, cert.getByRole('link', { name: 'PDF (dansk)', exact: true }));
    assert.equal(pdf.name, `kursusbevis-${number}-da.pdf`);
    assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the downloaded diploma is a PDF');
    const pdfDa = await cert.getByRole('link', { name: 'PDF (dansk)', exact: true }).getAttribute('href');
    assert.match(pdfDa, /^\/me\/certificates\/\d+\/diploma\.pdf$/);
    await assertPdf(page, pdfDa, 'the Danish diploma');
    const pdfEn = await cert.getByRole('link', { name: 'PDF (engelsk)', exact: true }).getAttribute('href');
    assert.equal(pdfEn, `${pdfDa}?lang=en`);
    await assertPdf(page, pdfEn, 'the English diploma');

    // The credential: a compact JWS (RS256) of an Open Badges credential for Jonas Funch.
    const jwtFile = await download(page, cert.getByRole('link', { name: 'Digitalt bevis (JWT)', exact: true }));
    assert.equal(jwtFile.name, `kursusbevis-${number}.jwt`);
    const jwt = jwtFile.bytes.toString('utf8').trim();
    assert.match(jwt, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'three base64url parts');
    assert.match(await cert.getByRole('link', { name: 'Digitalt bevis (JWT)', exact: true }).getAttribute('href'), /^\/me\/certificates\/\d+\/credential\.jwt$/);
    const [header, payload] = jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    assert.equal(header.alg, 'RS256');
    assert.ok(payload.type.includes('OpenBadgeCredential'), `an OpenBadgeCredential (got ${JSON.stringify(payload.type)})`);
    assert.equal(payload.name, `${number}: ${MODULE}`);
    assert.equal(payload.credentialSubject.identifier[0].identityHash, 'Jonas Funch');
    assert.equal(payload.credentialSubject.result[0].value, '10');
    const json = await page.request.get(await cert.getByRole('link', { name: 'Digitalt bevis (JSON)', exact: true }).getAttribute('href'));
    assert.match(json.headers()['content-type'] || '', /^application\/json/);
    const jsonBody = await json.text();
    assert.equal(JSON.parse(jsonBody).credential, jwt, 'the JSON file carries the same credential');
    jonasCredential = jwt;

    // Mine eksamener and the transcript link here; the transcript comes as a PDF too.
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Karakterudskrift', exact: true }), '**/me/transcript');
    await see(page.getByRole('main').getByRole('link', { name: 'Mine beviser', exact: true }), '"Mine beviser" on the transcript');
    const transcriptPdf = page.getByRole('main').getByRole('link', { name: 'Hent karakterudskrift som PDF', exact: true });
    assert.equal(await transcriptPdf.getAttribute('href'), '/me/transcript.pdf?lang=da');
    await assertPdf(page, '/me/transcript.pdf?lang=da', 'the transcript PDF');
    // His own degree progress: the programme his graded module belongs to.
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Min uddannelse', exact: true }), '**/me/progress');
    await see(page.getByRole('heading', { level: 1, name: 'Min uddannelse' }), 'the progress heading');
    assert.ok(await page.getByRole('main').getByRole('heading', { level: 2 }).count() >= 1, 'a programme is listed');
    await checkA11y(page, 'own degree progress (participant)');
    await page.goto('/me/exams');
    await see(page.getByRole('main').getByRole('link', { name: 'Mine beviser', exact: true }), '"Mine beviser" on Mine eksamener');

    // Anyone (no login) checks the credential: from the footer of any page to /verify.
    const anon = visitor.page;
    await anon.goto('/login');
    await follow(anon, anon.getByRole('contentinfo').getByRole('link', { name: 'Kontrollér et bevis', exact: true }), '**/verify');
    await see(anon.getByRole('heading', { level: 1, name: 'Kontrollér et bevis' }), 'the verify heading');
    assert.equal(await anon.getByRole('main').getByRole('status').count(), 0, 'no verdict before anything is sent');
    await checkA11y(anon, 'verify (empty)');

    assert.equal(await verifyCredential(anon, { paste: jwt }), 200);
    const valid = await verdictOn(anon);
    assert.equal(valid.heading, VALID);
    const { 'Bevis-id': credentialId, 'Gyldigt fra': validFrom, ...facts } = valid.facts;
    assert.deepEqual(facts, { Indehaver: 'Jonas Funch', Modul: MODULE, Karakter: '10', ECTS: '10', Udsteder: PROVIDER });
    assert.ok(credentialId.startsWith(credentialIdPrefix(number)), `the credential id belongs to ${number} (got ${credentialId})`);
    assert.match(validFrom, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    await checkA11y(anon, 'verify valid (pasted)');

    // One character changed in the payload: the signature no longer matches.
    const [h, p, s] = jwt.split('.');
    const i = Math.floor(p.length / 2);
    const tampered = `${h}.${p.slice(0, i)}${p[i] === 'A' ? 'B' : 'A'}${p.slice(i + 1)}.${s}`;
    assert.equal(await verifyCredential(anon, { paste: tampered }), 200);
    const bad = await verdictOn(anon);
    assert.equal(bad.heading, TAMPERED);
    assert.deepEqual(bad.facts, {}, 'nothing from a tampered credential is presented as fact');
    assert.ok(!bad.text.includes('Jonas Funch'), 'the holder is not named');
    await checkA11y(anon, 'verify tampered');

    // Signed (so it claims) with a key from elsewhere.
    const foreign = Buffer.from(JSON.stringify({ ...header, kid: 'https://andetsted.example/.well-known/jwks.json#ukendt' })).toString('base64url');
    assert.equal(await verifyCredential(anon, { paste: `${foreign}.${p}.${s}` }), 200);
    const unknown = await verdictOn(anon);
    assert.ok(unknown.heading.startsWith('Ukendt udsteder: '), `the unknown-issuer verdict (got ${unknown.heading})`);
    assert.deepEqual(unknown.facts, {});
    await checkA11y(anon, 'verify unknown issuer');

    // The downloaded file itself, uploaded; and the JSON file.
    await anon.goto('/verify');
    assert.equal(await verifyCredential(anon, { file: { name: jwtFile.name, mimeType: 'application/jwt', buffer: jwtFile.bytes } }), 200);
    const uploaded = await verdictOn(anon);
    assert.equal(uploaded.heading, VALID);
    assert.equal(uploaded.facts.Indehaver, 'Jonas Funch');
    await checkA11y(anon, 'verify valid (uploaded)');
    assert.equal(await verifyCredential(anon, { file: { name: `kursusbevis-${number}.json`, mimeType: 'application/json', buffer: Buffer.from(jsonBody) } }), 200);
    assert.equal((await verdictOn(anon)).heading, VALID, 'the JSON file verifies too');

    // Nothing pasted, no file: 422, the error tied to the field.
    await anon.goto('/verify');
    assert.equal(await verifyCredential(anon), 422);
    await see(anon.getByRole('alert').filter({ hasText: 'Indsæt et bevis eller vælg en fil.' }), 'the "empty" error');
    const field = anon.getByLabel('Beviset (indsæt teksten)', { exact: true });
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal((await anon.locator(`#${await field.getAttribute('aria-describedby')}`).innerText()).trim(), 'Indsæt et bevis eller vælg en fil.',
      'the field points at its error');
    assert.equal(await anon.getByRole('main').getByRole('status').count(), 0, 'no verdict');
    await checkA11y(anon, 'verify with an error (422, empty)');
  } finally {
    await visitor.context.close();
    await context.close();
  }
});

test('certificates: a re-issue and a revocation with a reason make /verify report the old credentials revoked; Mine beviser marks them', { timeout: 180_000 }, async () => {
  // Birgit Ipsen's certificate from the demo data; she is left with a valid one at the end.
  const admin = await newPage();
  const birgit = await newPage();
  const visitor = await newPage();
  let certificatesPath;
  let withoutCertificate = false; // revoked and not re-issued yet
  const row = certificateRow(admin.page, 'Birgit Ipsen');
  try {
    await logIn(admin.page, USERS.provider);
    ({ certificatesPath } = await openCertificates(admin.page));
    if ((await rowCertificate(row)) === 'Ikke udstedt') {
      // Left so by an interrupted run on a reused database.
      assert.equal(await submit(admin.page, row.getByRole('button', { name: 'Udsted bevis Birgit Ipsen', exact: true }), certificatesPath), 303);
    }
    const first = await rowCertificate(row);
    assert.match(first, CERT_NUMBER);

    await logIn(birgit.page, USERS.graded);
    await birgit.page.goto('/me/certificates');
    const jwt1 = await fetchCredential(birgit.page, first);

    // "Udsted nyt bevis": a new certificate, the old one revoked as replaced.
    assert.equal(await submit(admin.page, row.getByRole('button', { name: 'Udsted nyt bevis Birgit Ipsen', exact: true }), certificatesPath), 303);
    const second = await rowCertificate(row);
    assert.match(second, CERT_NUMBER);
    assert.notEqual(second, first, 'the re-issued certificate has a new number');
    const anon = visitor.page;
    assert.equal(await verifyCredential(anon, { paste: jwt1 }), 200);
    const replaced = await verdictOn(anon);
    assert.equal(replaced.heading, REVOKED);
    assert.equal(replaced.facts.Indehaver, 'Birgit Ipsen');
    assert.match(replaced.text, /Tilbagekaldt \d{4}-\d{2}-\d{2} \d{2}:\d{2} – Erstattet af nyt bevis/, `the date and the reason (got ${replaced.text})`);

    await birgit.page.reload();
    const jwt2 = await fetchCredential(birgit.page, second);
    assert.equal(await verifyCredential(anon, { paste: jwt2 }), 200);
    assert.equal((await verdictOn(anon)).heading, VALID, 'the new credential is valid');

    // "Tilbagekald" with a reason.
    const reason = `Karakteren blev registreret forkert (browsertest ${RUN})`;
    await row.getByRole('textbox', { name: 'Begrundelse Birgit Ipsen', exact: true }).fill(reason);
    const action = await row.locator('form[action$="/revoke"]').getAttribute('action');
    assert.match(action, /^\/o\/\d+\/certificates\/\d+\/revoke$/);
    withoutCertificate = true;
    assert.equal(await submit(admin.page, row.getByRole('button', { name: 'Tilbagekald Birgit Ipsen', exact: true }), action), 303);
    assert.equal(new URL(admin.page.url()).pathname, certificatesPath, 'back on the Kursusbeviser page');
    assert.equal(await rowCertificate(row), 'Ikke udstedt');
    await see(row.getByRole('button', { name: 'Udsted bevis Birgit Ipsen', exact: true }), '"Udsted bevis" after revoking');
    assert.equal(await row.getByRole('button', { name: 'Tilbagekald Birgit Ipsen', exact: true }).count(), 0, 'nothing left to revoke');
    await checkA11y(admin.page, 'certificates page after revoking (provider)');

    assert.equal(await verifyCredential(anon, { paste: jwt2 }), 200);
    const revoked = await verdictOn(anon);
    assert.equal(revoked.heading, REVOKED);
    assert.equal(revoked.facts.Indehaver, 'Birgit Ipsen');
    assert.ok(revoked.text.includes(` – ${reason}`), `the verdict gives the reason (got ${revoked.text})`);
    assert.match(revoked.text, /Tilbagekaldt \d{4}-\d{2}-\d{2} \d{2}:\d{2} – /, 'and the time of revocation');
    await checkA11y(anon, 'verify revoked');

    // Birgit sees both marked revoked, with the reason, and without downloads.
    await birgit.page.reload();
    for (const [number, why] of [[first, 'Erstattet af nyt bevis'], [second, reason]]) {
      const cert = myCertificate(birgit.page, number);
      const status = (await definitions(cert)).Status || '';
      assert.match(status, /^Tilbagekaldt \d{4}-\d{2}-\d{2} \d{2}:\d{2} – /, `${number} is marked revoked (got "${status}")`);
      assert.ok(status.includes(why), `${number}'s reason (got "${status}")`);
      assert.equal(await cert.getByRole('link').count(), 0, `no downloads of the revoked ${number}`);
    }
    await checkA11y(birgit.page, 'my certificates with revoked ones (participant)');

    // A new certificate again, as in the demo data.
    assert.equal(await submit(admin.page, row.getByRole('button', { name: 'Udsted bevis Birgit Ipsen', exact: true }), certificatesPath), 303);
    const third = await rowCertificate(row);
    assert.match(third, CERT_NUMBER);
    withoutCertificate = false;
    await birgit.page.reload();
    await see(myCertificate(birgit.page, third).getByRole('link', { name: 'Digitalt bevis (JWT)', exact: true }), 'the new certificate\'s downloads');
  } finally {
    if (withoutCertificate && certificatesPath) {
      // Leave Birgit Ipsen with a certificate, also after a failure half-way.
      await admin.page.goto(certificatesPath)
        .then(() => row.getByRole('button', { name: 'Udsted bevis Birgit Ipsen', exact: true }).click({ timeout: 5000 }))
        .then(() => admin.page.waitForLoadState())
        .catch(() => {});
    }
    for (const c of [visitor, birgit, admin]) await c.context.close();
  }
});

test('keyboard only: the verify form is filled and sent with Tab, typing and Enter', { timeout: TEST_TIMEOUT }, async () => {
  assert.ok(jonasCredential, 'the certificate journey before saved Jonas Funch\'s credential');
  const { context, page } = await newPage();
  /** Skip link, Enter, Tab: the credential field. */
  const toField = async () => {
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, 'Spring til indhold', 'the first Tab lands on the skip link');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).id, 'main', 'the skip link moves focus to the main content');
    await page.keyboard.press('Tab');
    assert.equal((await focusedControl(page)).id, 'f-credential', 'the next Tab lands on "Beviset (indsæt teksten)"');
  };
  /** Tab past the file input to "Kontrollér" and press Enter; returns the POST's status. */
  const send = async () => {
    await page.keyboard.press('Tab');
    let f = await focusedControl(page);
    assert.deepEqual([f.tag, f.type, f.id], ['input', 'file', 'f-file'], 'Tab goes on to the file input');
    await page.keyboard.press('Tab');
    f = await focusedControl(page);
    assert.deepEqual([f.tag, f.text], ['button', 'Kontrollér'], 'and then to "Kontrollér"');
    const navigated = page.waitForNavigation({ waitUntil: 'load' });
    await page.keyboard.press('Enter');
    const res = await navigated;
    assert.equal(`${res.request().method()} ${new URL(res.url()).pathname}`, 'POST /verify', 'Enter sends the form');
    return res.status();
  };
  try {
    await page.goto('/verify');
    await toField();
    await page.keyboard.type('ikke et bevis');
    assert.equal(await send(), 200);
    assert.equal((await verdictOn(page)).heading, 'Det indsatte er ikke et digitalt bevis');
    await checkA11y(page, 'verify not a credential (keyboard)');

    await page.goto('/verify');
    await toField();
    await page.keyboard.insertText(jonasCredential); // what pasting (Ctrl+V) does
    assert.equal(await page.getByLabel('Beviset (indsæt teksten)', { exact: true }).inputValue(), jonasCredential);
    assert.equal(await send(), 200);
    const valid = await verdictOn(page);
    assert.equal(valid.heading, VALID);
    assert.equal(valid.facts.Indehaver, 'Jonas Funch');
  } finally {
    await context.close();
  }
});

test('revoking with a blank reason shows the Kursusbeviser page again with the error at "Begrundelse"', {
  timeout: TEST_TIMEOUT,
  todo: 'server bug, half fixed: a reason of only spaces passes the browser\'s `required` check; POST /o/{org}/certificates/{id}/revoke '
    + 'now answers 422 with the Kursusbeviser page and its error summary, but the summary\'s "Skriv en begrundelse for tilbagekaldelsen '
    + '(højst 500 tegn)." is plain text, not a link to the field input#reason-{id}, and the field has no aria-invalid / aria-describedby',
}, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.provider);
    await openCertificates(page);
    const row = certificateRow(page, 'Birgit Ipsen');
    const number = await rowCertificate(row);
    assert.match(number, CERT_NUMBER, 'Birgit Ipsen has a certificate');
    const reason = row.getByRole('textbox', { name: 'Begrundelse Birgit Ipsen', exact: true });
    const reasonId = await reason.getAttribute('id');
    await reason.fill('   ');
    const action = await row.locator('form[action$="/revoke"]').getAttribute('action');
    assert.equal(await submit(page, row.getByRole('button', { name: 'Tilbagekald Birgit Ipsen', exact: true }), action), 422);
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), `Kursusbeviser – ${COHORT_AUTUMN}`,
      `the Kursusbeviser page again (got "${(await page.getByRole('main').innerText()).replace(/\s+/g, ' ').slice(0, 200)}" at ${page.url()})`);
    assert.equal(await page.getByRole('alert').locator(`a[href="#${reasonId}"]`).count(), 1, 'the error summary links to "Begrundelse"');
    assert.equal(await row.getByRole('textbox', { name: 'Begrundelse Birgit Ipsen', exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await rowCertificate(row), number, 'nothing was revoked');
  } finally {
    await context.close();
  }
});

test('the verify page moves focus to its error and its verdict, as the other pages do with error summaries and confirmations', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { context, page } = await newPage();
  try {
    assert.equal(await verifyCredential(page), 422);
    await assertFocusOnNotice(page, 'Indsæt et bevis eller vælg en fil.', 'error');
    assert.equal(await verifyCredential(page, { paste: 'ikke et bevis' }), 200);
    await assertFocusOnNotice(page, 'Det indsatte er ikke et digitalt bevis', 'verdict');
  } finally {
    await context.close();
  }
});

/** The transcript of a participant with the one demo module passed. */
async function assertTranscript(page, name, grade, letter, { lang = 'da' } = {}) {
  const t = lang === 'en'
    ? { title: 'Transcript of records', module: MODULE_EN, head: ['Code', 'Module', 'Education provider', 'Period', 'Grade', 'ECTS grade', 'ECTS'], total: 'ECTS credits in all', average: 'Weighted grade point average' }
    : { title: 'Karakterudskrift', module: MODULE, head: ['Kode', 'Modul', 'Uddannelsesudbyder', 'Periode', 'Karakter', 'ECTS-karakter', 'ECTS'], total: 'ECTS-point i alt', average: 'Vægtet karaktergennemsnit' };
  await see(page.getByRole('heading', { level: 1, name: t.title }), 'the transcript heading');
  await see(page.getByRole('main').getByText(name, { exact: true }), 'the participant\'s name');
  const table = page.getByRole('table', { name: t.title });
  assert.deepEqual(await table.locator('thead th').allInnerTexts(), t.head);
  assert.deepEqual(await tableRows(table), [['PRA-1', t.module, PROVIDER, `${AUTUMN.starts} – ${AUTUMN.ends}`, grade, letter, '10']]);
  const foot = await table.locator('tfoot tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
  assert.deepEqual(foot[0], [t.total, '10']);
  assert.equal(foot[1][0], t.average);
  // One module: the weighted average is its grade (with one decimal).
  assert.match(foot[1][1], new RegExp(`^${grade}[,.]0$`), `the average (got ${foot[1][1]})`);
}

test('participant with a grade: Mine eksamener and the transcript, in Danish and English', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.graded);
    await switchLanguage(page, 'da'); // in case an earlier run stopped while in English
    await page.goto('/me/exams');
    const exam = page.getByRole('region', { name: `${MODULE} – ${COHORT_AUTUMN}`, exact: true });
    await see(exam.getByRole('status').filter({ hasText: /^Endelig karakter: 12$/ }), '"Endelig karakter: 12"');
    assert.doesNotMatch(await exam.innerText(), /Eksaminator|Censor|\b10\b/, 'not the examiner\'s 10');
    await checkA11y(page, 'my exams (participant with grade)');
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Karakterudskrift', exact: true }), '**/me/transcript');
    await assertTranscript(page, 'Birgit Ipsen', '12', 'A');
    await checkA11y(page, 'transcript (participant with grade)');
    await switchLanguage(page, 'en');
    await assertTranscript(page, 'Birgit Ipsen', '12', 'A', { lang: 'en' });
    await checkA11y(page, 'transcript (participant with grade, en)');
    await switchLanguage(page, 'da');
  } finally {
    if ((await htmlLang(page).catch(() => 'da')) === 'en') await switchLanguage(page, 'da').catch(() => {});
    await context.close();
  }
});

// ---------------------------------------------------------------- exam set-up and transcript details

test('the exam set-up offers "Tilmeld reeksamen" only where a re-exam can be registered', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.provider);
    await follow(page, page.getByRole('link', { name: PROVIDER, exact: true }), /\/o\/\d+$/);
    await openExamSetup(page, new URL(page.url()).pathname);
    const attempts = page.getByRole('table', { name: 'Deltagere og forsøg' });
    // Birgit Ipsen passed with 12; Frederik Holt failed attempt 1 and passed the re-exam.
    const birgit = attempts.getByRole('row').filter({ hasText: 'Birgit Ipsen' });
    assert.equal(await birgit.getByRole('button', { name: /^Tilmeld reeksamen/ }).count(), 0, 'no re-exam after a passed grade');
    const frederik = attempts.getByRole('row').filter({ hasText: 'Frederik Holt' });
    assert.equal(await frederik.getByRole('button', { name: /^Tilmeld reeksamen/ }).count(), 0, 'no re-exam once the re-exam is passed');
  } finally {
    await context.close();
  }
});

test('the exam set-up form of an existing exam shows its examiners and censor', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.provider);
    await follow(page, page.getByRole('link', { name: PROVIDER, exact: true }), /\/o\/\d+$/);
    await openExamSetup(page, new URL(page.url()).pathname);
    const setup = page.getByRole('form', { name: 'Opsætning af eksamen' });
    assert.equal(await setup.getByLabel(/^Eksaminatorer/).inputValue(), USERS.teacher);
    assert.equal(await setup.getByLabel('Censors e-mail', { exact: true }).inputValue(), USERS.censor);
  } finally {
    await context.close();
  }
});

test('the English transcript writes the grade average with a decimal point', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.graded);
    await page.goto('/me/transcript');
    await switchLanguage(page, 'en');
    const average = page.getByRole('table', { name: 'Transcript of records' }).locator('tfoot tr').last().locator('td');
    assert.equal((await average.innerText()).trim(), '12.0');
  } finally {
    if ((await htmlLang(page).catch(() => 'da')) === 'en') await switchLanguage(page, 'da').catch(() => {});
    await context.close();
  }
});

// ---------------------------------------------------------------- learning between teaching days

/** The home assignment the journey test sets: { title, path }. */
let journeyAssignment;
/** The action the journey test plans and carries out (Birgit Ipsen's, shared with her leader): its texts and path. */
let journeyAction;
const ATTENDANCE_STATES = ['Til stede', 'Fraværende', 'Meldt afbud'];
const DEMO_ACTION = 'Lederne bruger selv ERP-rapporterne';

/**
 * As the teacher, from the dashboard: the provider, "Hold" and the first cohort's page.
 * Returns the organisation's and the cohort's paths.
 */
async function openAutumnCohortAsTeacher(page) {
  await follow(page, page.getByRole('link', { name: PROVIDER, exact: true }), /\/o\/\d+$/);
  const orgPath = new URL(page.url()).pathname;
  await follow(page, page.getByRole('main').getByRole('link', { name: 'Hold', exact: true }), `**${orgPath}/cohorts`);
  const cohorts = page.getByRole('table', { name: 'Hold' });
  await follow(page, await findOnPages(page, cohorts.getByRole('link', { name: COHORT_AUTUMN, exact: true }), `"${COHORT_AUTUMN}"`), /\/cohorts\/\d+$/);
  await see(page.getByRole('heading', { level: 1, name: COHORT_AUTUMN }), 'the first cohort\'s heading');
  return { orgPath, cohortPath: new URL(page.url()).pathname };
}

/** As a participant, from any page: "Mit forløb" in the main menu, then one of its links. */
async function openFromMyCourse(page, linkName, pathname) {
  await follow(page, page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mit forløb', exact: true }), '**/me/schedule');
  await follow(page, page.getByRole('main').getByRole('link', { name: linkName, exact: true }), (u) => u.pathname === pathname);
}

/** The "Status: …" line of an assignment's section on /me/assignments. */
async function myAssignmentStatus(section) {
  return (await section.locator('p').filter({ hasText: /^Status:/ }).innerText()).replace(/\s+/g, ' ').trim();
}

/** Like submit(), but sends the form with a key press on the focused element; returns the POST's status. */
async function submitByKey(page, key, action) {
  const navigated = page.waitForNavigation({ waitUntil: 'load' }); // set up before the key press
  await page.keyboard.press(key);
  const res = await navigated;
  let req = res.request();
  while (req.redirectedFrom()) req = req.redirectedFrom();
  assert.equal(`${req.method()} ${new URL(req.url()).pathname}`, `POST ${action}`, 'the form posts where it should');
  return (await req.response()).status();
}

/** On an attendance sheet: a participant's radio button for a state ("Birgit Ipsen Meldt afbud"). */
function attendanceRadio(page, name, state) {
  return page.getByRole('table', { name: 'Fremmøde' }).getByRole('radio', { name: `${name} ${state}`, exact: true });
}

/** On an attendance sheet: each participant of the first cohort → the state ticked for them (null: none). */
async function attendanceOnSheet(page) {
  const out = {};
  for (const name of AUTUMN.participants) {
    out[name] = null;
    for (const s of ATTENDANCE_STATES) if (await attendanceRadio(page, name, s).isChecked()) out[name] = s;
  }
  return out;
}

test('learning between teaching days: the teacher sets a home assignment; the participant hands it in and plans, carries out and reflects on an action; the teacher gives feedback on both, which the participant sees', { timeout: 240_000 }, async () => {
  const teacher = await newPage();
  const participant = await newPage();
  const t = teacher.page;
  const p = participant.page;
  // Unique texts, so the test can run again on the same database.
  const due = addMonths(TODAY, 1);
  const title = `Interview en kollega om månedsrapporten ${RUN}`;
  const handIn = `Jeg interviewede en kollega i Løn (${RUN}). Hun bruger kun to af rapportens tolv kolonner.`;
  const feedback = `Godt interview. Tag de to kolonner med til næste undervisningsdag. (${RUN})`;
  const action = {
    title: `Månedsrapporten gennemgås på lederens skærm ${RUN}`,
    what: 'Gennemgå månedsrapporten med afdelingslederen på hendes egen skærm.',
    why: 'Jeg vil lære, hvilke tal lederen faktisk bruger, og gøre rapporten kortere.',
    withWhom: 'Afdelingslederen i Teknik & Miljø',
    when: addDays(TODAY, 14),
    observations: 'Lederen fandt selv budgetafvigelsen, da hun fik lov at styre.',
    reflection: 'Det virker bedre at lade lederen klikke selv. Næste gang forbereder jeg tre spørgsmål.',
    comment: `Jeg tager det op i læringsgruppen på næste undervisningsdag. (${RUN})`,
    feedback: `Flot, at du lod lederen styre. Hvad vil du måle næste gang? (${RUN})`,
  };
  try {
    // ---- The teacher: the first cohort's assignments, and a new one due in a month.
    await logIn(t, USERS.teacher);
    const { orgPath, cohortPath } = await openAutumnCohortAsTeacher(t);
    await follow(t, t.getByRole('definition').getByRole('link', { name: 'Opgaver', exact: true }), `**${cohortPath}/assignments`);
    await see(t.getByRole('heading', { level: 1, name: `Opgaver – ${COHORT_AUTUMN}` }), 'the assignments heading');
    const assignments = t.getByRole('table', { name: 'Opgaver' });
    assert.deepEqual(await assignments.locator('thead th').allInnerTexts(), ['Titel', 'Afleveringsfrist', 'Obligatorisk']);
    const listed = await tableRows(assignments);
    for (const row of [
      ['Aktion: kortlæg en arbejdsgang i ERP-systemet', `${AUTUMN_YEAR}-10-06 12:00`, 'Ja'],
      ['Refleksion efter facilitering af ledere', `${AUTUMN_YEAR}-10-27 12:00`, 'Nej'],
    ]) {
      assert.ok(listed.some((r) => JSON.stringify(r) === JSON.stringify(row)), `the demo assignment "${row[0]}" (got ${JSON.stringify(listed)})`);
    }
    await checkA11y(t, 'assignments page (teacher)');

    const form = t.getByRole('form', { name: 'Ny hjemmeopgave' });
    await form.getByLabel('Titel', { exact: true }).fill(title);
    await form.getByLabel('Beskrivelse', { exact: true }).fill('Spørg en kollega, hvilke tal i månedsrapporten de bruger, og hvorfor. Højst en side.');
    const dueDate = form.getByLabel('Frist (dato)', { exact: true });
    assert.equal(await dueDate.getAttribute('type'), 'date');
    await dueDate.fill(due);
    const dueTime = form.getByLabel('Frist (klokkeslæt)', { exact: true });
    assert.equal(await dueTime.getAttribute('type'), 'time');
    assert.equal(await dueTime.inputValue(), '09:00', 'the time is 09:00 until changed');
    await dueTime.fill('16:00');
    // Left not compulsory on purpose: a compulsory assignment that only Birgit Ipsen hands in would
    // keep the other participants of the first cohort from its exam (the access rule).
    const compulsory = form.getByRole('checkbox', { name: 'Obligatorisk (skal godkendes før eksamen)', exact: true });
    assert.equal(await compulsory.isChecked(), false);
    await form.getByRole('checkbox', { name: /^Luk for aflevering efter fristen/ }).check();
    assert.equal(await submit(t, form.getByRole('button', { name: 'Gem', exact: true }), `${cohortPath}/assignments`), 303);
    assert.match(new URL(t.url()).pathname, new RegExp(`^${orgPath}/assignments/\\d+$`), 'on the new assignment\'s page');
    const assignmentPath = new URL(t.url()).pathname;
    journeyAssignment = { title, path: assignmentPath };
    await see(t.getByRole('heading', { level: 1, name: title, exact: true }), 'the new assignment\'s heading');
    await see(t.getByRole('main').getByText(`Afleveringsfrist: ${due} 16:00 · lukker ved fristen`, { exact: true }), 'the deadline, closing at it');
    const handIns = t.getByRole('main').locator('section');
    assert.deepEqual((await handIns.locator('h3').allInnerTexts()).sort(), [...AUTUMN.participants].sort(), 'a section per participant');
    assert.deepEqual(await handIns.locator('p').allInnerTexts(), AUTUMN.participants.map(() => 'Ikke afleveret'), 'nothing handed in yet');
    assert.equal(await handIns.locator('form').count(), 0, 'no feedback form before a hand-in');
    await checkA11y(t, 'assignment page, nothing handed in (teacher)');

    // ---- The participant: the assignment under "Opgaver og fremmøde"; an empty hand-in, then the text.
    await logIn(p, USERS.graded);
    await switchLanguage(p, 'da'); // in case an earlier run stopped while in English
    await openFromMyCourse(p, 'Opgaver og fremmøde', '/me/assignments');
    await see(p.getByRole('heading', { level: 1, name: 'Opgaver og fremmøde' }), 'the "Opgaver og fremmøde" heading');
    const mine = p.getByRole('region', { name: title, exact: true });
    await see(mine, 'the new assignment');
    assert.equal(await myAssignmentStatus(mine), 'Status: Ikke afleveret');
    assert.ok((await mine.innerText()).includes(`${MODULE} – ${COHORT_AUTUMN} · Afleveringsfrist: ${due} 16:00`), 'the module, cohort and deadline');
    const demo = p.getByRole('region', { name: 'Aktion: kortlæg en arbejdsgang i ERP-systemet', exact: true });
    assert.match(await myAssignmentStatus(demo), /^Status: Godkendt · Afleveret \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'the demo assignment is approved');
    await see(demo.getByRole('heading', { level: 3, name: 'Feedback', exact: true }), 'the "Feedback" heading of the demo assignment');
    await see(demo.getByText('Fin kortlægning. Tag forslaget med til din leder – og mål effekten.', { exact: true }), 'the demo feedback');
    assert.equal(await demo.getByRole('textbox').count(), 0, 'no new version of an approved hand-in');
    await checkA11y(p, 'my assignments (participant)');

    const answer = mine.getByRole('textbox', { name: `Din besvarelse ${title}`, exact: true });
    const handInButton = mine.getByRole('button', { name: `Aflevér ${title}`, exact: true });
    const handInPath = await mine.locator('form').getAttribute('action');
    await answer.fill('   '); // only spaces: empty once trimmed
    assert.equal(await submit(p, handInButton, handInPath), 422);
    const handInError = mine.getByRole('alert');
    await see(handInError.filter({ hasText: 'Afleveringen er tom.' }), 'the error "Afleveringen er tom."');
    assert.equal(await answer.getAttribute('aria-invalid'), 'true', 'the field is marked invalid');
    assert.equal(await answer.getAttribute('aria-describedby'), await handInError.getAttribute('id'), 'the field points at its error');
    assert.equal(await answer.inputValue(), '   ', 'what was typed is kept');
    assert.equal(await myAssignmentStatus(mine), 'Status: Ikke afleveret', 'nothing was handed in');
    await checkA11y(p, 'my assignments hand-in with an error (422, participant)');

    await answer.fill(handIn);
    assert.equal(await submit(p, handInButton, handInPath), 303);
    assert.equal(new URL(p.url()).pathname, '/me/assignments');
    assert.match(await myAssignmentStatus(mine), /^Status: Afleveret, afventer feedback · Afleveret \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    assert.equal(await answer.inputValue(), handIn, 'the hand-in stays in the field for a new version');
    await see(mine.getByRole('button', { name: `Aflevér ny version ${title}`, exact: true }), '"Aflevér ny version"');

    // ---- The participant plans an action: first without the plan, then with it.
    await openFromMyCourse(p, 'Aktioner', '/me/actions');
    await see(p.getByRole('heading', { level: 1, name: 'Mine aktioner' }), 'the "Mine aktioner" heading');
    const actions = p.getByRole('table', { name: 'Aktioner' });
    assert.deepEqual(await actions.locator('thead th').allInnerTexts(), ['Titel', 'Deltager', 'Hold', 'Hvornår', 'Status']);
    const actionRow = (name) => actions.getByRole('row').filter({ has: p.getByRole('link', { name, exact: true }) });
    assert.deepEqual(await rowCells(actionRow(DEMO_ACTION)), [DEMO_ACTION, 'Mig', COHORT_AUTUMN, `${AUTUMN_YEAR}-10-15`, 'Reflekteret']);
    await checkA11y(p, 'my actions (participant)');

    const plan = p.getByRole('form', { name: 'Planlæg en ny aktion' });
    await plan.getByLabel('Hold', { exact: true }).selectOption({ label: `${MODULE} – ${COHORT_AUTUMN}` });
    await plan.getByLabel('Titel', { exact: true }).fill(action.title);
    await plan.getByLabel('Hvornår', { exact: true }).fill(action.when);
    assert.equal(await submit(p, plan.getByRole('button', { name: 'Gem planen', exact: true }), '/me/actions'), 422);
    await assertFocusOnNotice(p, 'Formularen blev ikke gemt', 'error summary');
    const summary = p.getByRole('alert');
    const planError = 'Udfyld planen: hvad, hvorfor og med hvem.';
    assert.deepEqual(await summary.getByRole('link').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent.trim()])),
      [['#f-what', planError], ['#f-why', planError], ['#f-with_whom', planError]], 'the summary links each missing part of the plan');
    assert.equal(await plan.getByLabel('Titel', { exact: true }).inputValue(), action.title, 'the title is kept');
    assert.equal(await plan.getByLabel('Hvornår', { exact: true }).inputValue(), action.when, 'the date is kept');
    for (const label of ['Hvad vil du gøre?', 'Hvorfor? Hvad vil du lære eller ændre?', 'Med hvem?']) {
      assert.equal(await plan.getByLabel(label, { exact: true }).getAttribute('aria-invalid'), 'true', `"${label}" is marked invalid`);
    }
    await checkA11y(p, 'my actions plan with errors (422, participant)');

    await summary.getByRole('link').first().click();
    assert.equal((await focused(p)).id, 'f-what', 'the summary link moves focus to "Hvad vil du gøre?"');
    await p.keyboard.type(action.what);
    await plan.getByLabel('Hvorfor? Hvad vil du lære eller ændre?', { exact: true }).fill(action.why);
    await plan.getByLabel('Med hvem?', { exact: true }).fill(action.withWhom);
    await plan.getByRole('checkbox', { name: /^Del med min læringsgruppe/ }).check();
    assert.equal(await submit(p, plan.getByRole('button', { name: 'Gem planen', exact: true }), '/me/actions'), 303);
    assert.match(new URL(p.url()).pathname, /^\/me\/actions\/\d+$/, 'on the new action\'s page');
    const actionPath = new URL(p.url()).pathname;
    await see(p.getByRole('heading', { level: 1, name: action.title, exact: true }), 'the action\'s heading');
    await see(p.getByRole('main').getByText(`Birgit Ipsen · ${COHORT_AUTUMN} · Hvornår: ${action.when}`, { exact: true }), 'the owner, cohort and date');
    const planPart = p.getByRole('group', { name: 'Plan', exact: true });
    const carriedOut = p.getByRole('group', { name: 'Gennemførelse', exact: true });
    const sharing = p.getByRole('group', { name: 'Deling', exact: true });
    assert.equal(await planPart.getByLabel('Titel', { exact: true }).inputValue(), action.title);
    assert.equal(await planPart.getByLabel('Hvad vil du gøre?', { exact: true }).inputValue(), action.what);
    assert.equal(await planPart.getByLabel('Hvorfor? Hvad vil du lære eller ændre?', { exact: true }).inputValue(), action.why);
    assert.equal(await planPart.getByLabel('Med hvem?', { exact: true }).inputValue(), action.withWhom);
    assert.equal(await planPart.getByLabel('Hvornår', { exact: true }).inputValue(), action.when);
    const shareGroup = sharing.getByRole('checkbox', { name: /^Del med min læringsgruppe/ });
    const shareLeader = sharing.getByRole('checkbox', { name: /^Min leder må se hele aktionen/ });
    assert.equal(await shareGroup.isChecked(), true, 'shared with the learning group');
    assert.equal(await shareLeader.isChecked(), false, 'not (yet) shared with the leader');
    assert.equal(await p.getByRole('region', { name: 'Underviserens feedback' }).count(), 0, 'no teacher feedback yet');
    await see(p.getByRole('heading', { level: 2, name: 'Kommentarer', exact: true }), 'the "Kommentarer" heading');
    assert.deepEqual(await p.locator('ul.comments > li').allInnerTexts(), ['Ingen kommentarer endnu.']);
    await checkA11y(p, 'action page (owner)');

    // Carried out: what happened and the reflection, and now the leader may see it all.
    await carriedOut.getByLabel('Hvad skete der? (observationer)', { exact: true }).fill(action.observations);
    await carriedOut.getByLabel('Refleksion', { exact: true }).fill(action.reflection);
    await shareLeader.check();
    assert.equal(await submit(p, p.getByRole('main').getByRole('button', { name: 'Gem', exact: true }), actionPath), 303);
    assert.equal(new URL(p.url()).pathname, actionPath, 'back on the action\'s page');
    assert.equal(await carriedOut.getByLabel('Hvad skete der? (observationer)', { exact: true }).inputValue(), action.observations);
    assert.equal(await carriedOut.getByLabel('Refleksion', { exact: true }).inputValue(), action.reflection);
    assert.equal(await shareLeader.isChecked(), true, 'now shared with the leader');
    assert.equal(await shareGroup.isChecked(), true, 'still shared with the learning group');
    await p.getByLabel('Skriv en kommentar', { exact: true }).fill(action.comment);
    assert.equal(await submit(p, p.getByRole('button', { name: 'Send kommentar', exact: true }), `${actionPath}/comments`), 303);
    const comments = await p.locator('ul.comments > li').allInnerTexts();
    assert.equal(comments.length, 1, `one comment (got ${JSON.stringify(comments)})`);
    assert.match(comments[0], new RegExp(`^Birgit Ipsen \\(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\): ${action.comment.replace(/[().?]/g, '\\$&')}$`));
    journeyAction = { ...action, path: actionPath };
    await follow(p, p.getByRole('main').getByRole('link', { name: 'Aktioner', exact: true }), '**/me/actions');
    assert.deepEqual(await rowCells(actionRow(action.title)), [action.title, 'Mig', COHORT_AUTUMN, action.when, 'Reflekteret']);

    // ---- The teacher: the hand-in, feedback without a verdict (refused), then approved.
    await follow(t, t.getByRole('main').getByRole('link', { name: 'Opgaver', exact: true }), `**${cohortPath}/assignments`);
    assert.deepEqual(await rowCells(assignments.getByRole('row').filter({ has: t.getByRole('link', { name: title, exact: true }) })),
      [title, `${due} 16:00`, 'Nej']);
    await follow(t, assignments.getByRole('link', { name: title, exact: true }), `**${assignmentPath}`);
    const birgit = t.getByRole('region', { name: 'Birgit Ipsen', exact: true });
    const handInState = () => birgit.locator('p').first().innerText().then((s) => s.trim());
    assert.match(await handInState(), /^Afleveret \d{4}-\d{2}-\d{2} \d{2}:\d{2} · Afleveret, afventer feedback$/);
    assert.equal((await birgit.locator('blockquote').innerText()).trim(), handIn, 'the hand-in text');
    for (const name of AUTUMN.participants.filter((n) => n !== 'Birgit Ipsen')) {
      assert.equal((await t.getByRole('region', { name, exact: true }).innerText()).replace(/\s+/g, ' ').trim(), `${name} Ikke afleveret`);
    }
    await checkA11y(t, 'assignment page (teacher)');

    const feedbackField = birgit.getByRole('textbox', { name: 'Feedback Birgit Ipsen', exact: true });
    const verdict = birgit.getByRole('group', { name: 'Vurdering Birgit Ipsen', exact: true });
    const saveFeedback = birgit.getByRole('button', { name: 'Gem feedback Birgit Ipsen', exact: true });
    const feedbackPath = await birgit.locator('form').getAttribute('action');
    await feedbackField.fill(feedback);
    assert.equal(await submit(t, saveFeedback, feedbackPath), 422);
    await assertFocusOnNotice(t, 'Vælg godkendt eller ikke godkendt.', 'error');
    await see(birgit.getByRole('alert').filter({ hasText: 'Vælg godkendt eller ikke godkendt.' }), 'the error in Birgit Ipsen\'s section');
    assert.equal(await feedbackField.inputValue(), feedback, 'the feedback is kept');
    assert.match(await handInState(), / · Afleveret, afventer feedback$/, 'no verdict was saved');
    await checkA11y(t, 'assignment page feedback with an error (422, teacher)');
    await verdict.getByRole('radio', { name: 'Godkendt', exact: true }).check();
    assert.equal(await submit(t, saveFeedback, feedbackPath), 303);
    assert.equal(new URL(t.url()).pathname, assignmentPath, 'back on the assignment\'s page');
    assert.match(await handInState(), / · Godkendt$/);
    assert.equal(await feedbackField.inputValue(), feedback);
    assert.equal(await verdict.getByRole('radio', { name: 'Godkendt', exact: true }).isChecked(), true);

    // ---- The teacher: the cohort's actions and learning groups; feedback on the new action.
    await follow(t, t.getByRole('main').getByRole('link', { name: 'Opgaver', exact: true }), `**${cohortPath}/assignments`);
    await follow(t, t.getByRole('main').getByRole('link', { name: 'Tilbage', exact: true }), `**${cohortPath}`);
    await follow(t, t.getByRole('definition').getByRole('link', { name: 'Aktioner · Læringsgrupper', exact: true }), `**${cohortPath}/actions`);
    await see(t.getByRole('heading', { level: 1, name: `Aktioner – ${COHORT_AUTUMN}` }), 'the Aktioner heading');
    const demoAction = t.getByRole('region', { name: `${DEMO_ACTION} – Birgit Ipsen`, exact: true });
    assert.equal(await demoAction.getByRole('textbox', { name: /^Underviserens feedback/ }).inputValue(),
      'Godt eksempel på rollen som rådgiver. Hvordan kan I gøre rapportdagen til en vane?', 'the demo action\'s feedback');
    // Scoped to the action's section: the field's name carries only the participant (see the todo test below).
    const newAction = t.getByRole('region', { name: `${action.title} – Birgit Ipsen`, exact: true });
    assert.deepEqual(await definitions(newAction), {
      Hvornår: action.when,
      'Hvad vil du gøre?': action.what,
      'Hvorfor? Hvad vil du lære eller ændre?': action.why,
      'Med hvem?': action.withWhom,
      'Hvad skete der? (observationer)': action.observations,
      Refleksion: action.reflection,
    });
    await see(newAction.getByRole('heading', { level: 3, name: 'Kommentarer', exact: true }), 'the comments on the action');
    assert.deepEqual(await newAction.getByRole('listitem').allInnerTexts(), [`Birgit Ipsen: ${action.comment}`]);
    assert.equal((await t.getByRole('main').getByRole('listitem').filter({ hasText: /^Læringsgruppe Bornholm:/ }).innerText()).trim(),
      'Læringsgruppe Bornholm: Birgit Ipsen, Jonas Funch, Karsten Holm, Vibeke Riis', 'the demo learning group');
    const groupForm = t.getByRole('form', { name: 'Ny læringsgruppe' });
    const members = groupForm.getByRole('group', { name: 'Deltagere', exact: true }).getByRole('checkbox');
    assert.deepEqual((await members.evaluateAll((cs) => cs.map((c) => c.labels[0].textContent.trim()))).sort(), [...AUTUMN.participants].sort(),
      'a checkbox per participant');
    await checkA11y(t, 'cohort actions page (teacher)');

    const actionFeedback = newAction.getByRole('textbox', { name: /^Underviserens feedback/ });
    assert.equal(await actionFeedback.inputValue(), '', 'no feedback yet');
    await actionFeedback.fill(action.feedback);
    const actionFeedbackPath = await newAction.locator('form').getAttribute('action');
    assert.equal(await submit(t, newAction.getByRole('button', { name: /^Gem feedback/ }), actionFeedbackPath), 303);
    assert.equal(new URL(t.url()).pathname, `${cohortPath}/actions`, 'back on the Aktioner page');
    assert.equal(await actionFeedback.inputValue(), action.feedback);

    // A learning group needs participants: refused, nothing made (the typed name: see the todo test below).
    await groupForm.getByLabel('Navn', { exact: true }).fill(`Gruppe uden deltagere ${RUN}`);
    assert.equal(await submit(t, groupForm.getByRole('button', { name: 'Gem', exact: true }), `${cohortPath}/groups`), 422);
    await assertFocusOnNotice(t, 'Vælg mindst én deltager.', 'error summary');
    assert.equal(await t.getByRole('main').getByText(`Gruppe uden deltagere ${RUN}`).count(), 0, 'no group was made');
    await checkA11y(t, 'cohort actions group form with errors (422, teacher)');

    // ---- The participant: "Godkendt" with the feedback, and the teacher's feedback on the action.
    await openFromMyCourse(p, 'Opgaver og fremmøde', '/me/assignments');
    assert.match(await myAssignmentStatus(mine), /^Status: Godkendt · Afleveret \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await see(mine.getByRole('heading', { level: 3, name: 'Feedback', exact: true }), 'the "Feedback" heading');
    await see(mine.getByText(feedback, { exact: true }), 'the teacher\'s feedback');
    assert.equal((await mine.locator('blockquote').innerText()).trim(), handIn, 'the approved hand-in, shown as text');
    assert.equal(await mine.getByRole('textbox').count(), 0, 'no new version of an approved hand-in');
    await checkA11y(p, 'my assignments with feedback (participant)');
    await openFromMyCourse(p, 'Aktioner', '/me/actions');
    await follow(p, actions.getByRole('link', { name: action.title, exact: true }), `**${actionPath}`);
    const teacherFeedback = p.getByRole('region', { name: 'Underviserens feedback', exact: true });
    await see(teacherFeedback.getByText(action.feedback, { exact: true }), 'the teacher\'s feedback on the action');
    await checkA11y(p, 'action page with teacher feedback (owner)');
  } finally {
    if ((await htmlLang(p).catch(() => 'da')) === 'en') await switchLanguage(p, 'da').catch(() => {});
    await teacher.context.close();
    await participant.context.close();
  }
});

test('attendance: the teacher records a day with the keyboard; the participant sees it under "Fremmøde"', { timeout: 180_000 }, async () => {
  const teacher = await newPage();
  const participant = await newPage();
  const t = teacher.page;
  const p = participant.page;
  const day = AUTUMN.teachingDays[4]; // everyone present in the demo data
  let before; // the sheet as it was, restored at the end so the test can run again
  let changed = false;
  try {
    await logIn(t, USERS.teacher);
    const { cohortPath } = await openAutumnCohortAsTeacher(t);
    const days = t.getByRole('table', { name: 'Undervisningsdage' });
    assert.equal((await days.locator('thead th').allInnerTexts()).at(-1), 'Fremmøde');
    await follow(t, days.getByRole('link', { name: `Registrér fremmøde ${day}`, exact: true }), new RegExp(`${cohortPath}/days/\\d+/attendance$`));
    const sheetPath = new URL(t.url()).pathname;
    await see(t.getByRole('heading', { level: 1, name: `Fremmøde – ${COHORT_AUTUMN} – ${day}` }), 'the attendance sheet heading');
    await see(t.getByRole('main').getByText(`${day} 09:00–15:30`, { exact: true }), 'the day and its hours');
    const sheet = t.getByRole('table', { name: 'Fremmøde' });
    assert.deepEqual(await sheet.locator('thead th').allInnerTexts(), ['Deltager', ...ATTENDANCE_STATES]);
    assert.deepEqual((await sheet.locator('tbody th[scope=row]').allInnerTexts()).sort(), [...AUTUMN.participants].sort(), 'a row per participant');
    assert.equal(await sheet.getByRole('radio').count(), AUTUMN.participants.length * ATTENDANCE_STATES.length, 'three radio buttons a row');
    before = await attendanceOnSheet(t);
    assert.ok(Object.values(before).every((s) => s !== null), `every participant has a state for ${day} (got ${JSON.stringify(before)})`);
    await checkA11y(t, 'attendance sheet (teacher)');

    // Keyboard only: to Birgit Ipsen's ticked radio button, arrow keys to "Meldt afbud", Tab to "Gem", Enter.
    await attendanceRadio(t, 'Birgit Ipsen', before['Birgit Ipsen']).focus();
    const absentNotice = attendanceRadio(t, 'Birgit Ipsen', 'Meldt afbud');
    for (let i = 0; i < ATTENDANCE_STATES.length && !(await absentNotice.isChecked()); i++) await t.keyboard.press('ArrowRight');
    assert.equal(await absentNotice.isChecked(), true, 'the arrow keys tick "Meldt afbud"');
    for (let i = 0; i < 2 * AUTUMN.participants.length && (await focusedControl(t)).tag !== 'button'; i++) await t.keyboard.press('Tab');
    assert.deepEqual(await focusedControl(t).then((f) => [f.tag, f.text]), ['button', 'Gem'], 'Tab reaches "Gem" after the rows');
    changed = true;
    const status = await submitByKey(t, 'Enter', sheetPath);
    assert.ok(status < 400, `the sheet is saved (status ${status})`);
    await see(t.getByRole('status').filter({ hasText: 'Fremmødet er gemt.' }), '"Fremmødet er gemt."');
    assert.deepEqual(await attendanceOnSheet(t), { ...before, 'Birgit Ipsen': 'Meldt afbud' }, 'Birgit Ipsen has sent word; the others are unchanged');
    await checkA11y(t, 'attendance sheet saved (teacher)');

    // The participant: every teaching day, the latest first, and the day just recorded.
    await logIn(p, USERS.graded);
    await switchLanguage(p, 'da');
    await openFromMyCourse(p, 'Opgaver og fremmøde', '/me/assignments');
    await see(p.getByRole('heading', { level: 2, name: 'Fremmøde', exact: true }), 'the "Fremmøde" heading');
    const mine = p.getByRole('table', { name: 'Fremmøde' });
    assert.deepEqual(await mine.locator('thead th').allInnerTexts(), ['Dato', 'Hold', 'Status']);
    const rows = await tableRows(mine);
    assert.deepEqual(rows.map((r) => r[0]), [...AUTUMN.teachingDays].reverse(), 'every teaching day, the latest first');
    assert.deepEqual(rows.find((r) => r[0] === day), [day, COHORT_AUTUMN, 'Meldt afbud']);
    assert.ok(rows.every((r) => r[1] === COHORT_AUTUMN && ATTENDANCE_STATES.includes(r[2])), `a state for each day (got ${JSON.stringify(rows)})`);

    // Back as it was, with clicks this time.
    await attendanceRadio(t, 'Birgit Ipsen', before['Birgit Ipsen']).check();
    assert.ok((await submit(t, t.getByRole('main').getByRole('button', { name: 'Gem', exact: true }), sheetPath)) < 400);
    await see(t.getByRole('status').filter({ hasText: 'Fremmødet er gemt.' }), '"Fremmødet er gemt." again');
    assert.deepEqual(await attendanceOnSheet(t), before, 'the sheet is as it was');
    changed = false;
  } finally {
    if (changed && before) {
      // Best effort after a failure: put Birgit Ipsen's state back.
      await attendanceRadio(t, 'Birgit Ipsen', before['Birgit Ipsen']).check().catch(() => {});
      await t.getByRole('main').getByRole('button', { name: 'Gem', exact: true }).click().catch(() => {});
      await t.waitForLoadState().catch(() => {});
    }
    await teacher.context.close();
    await participant.context.close();
  }
});

test('leader: "Mine medarbejderes aktioner" lists the staff\'s actions by title, and their content only where it is shared', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.leaderBornholm);
    await follow(page, page.getByRole('link', { name: BORNHOLM, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    // Opened by its address: no page links to it (see the todo test below).
    await page.goto(`${orgPath}/staff-actions`);
    await see(page.getByRole('heading', { level: 1, name: 'Mine medarbejderes aktioner' }), 'the heading');
    const table = page.getByRole('table', { name: 'Mine medarbejderes aktioner' });
    assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Navn', 'Hold', 'Titel', 'Hvornår', 'Delt indhold']);
    const rows = await tableRows(table);
    const staff = ['Birgit Ipsen', 'Karsten Holm', 'Vibeke Riis', 'Jonas Funch'];
    assert.ok(rows.every((r) => staff.includes(r[0])), `only Bent Munch's own staff (got ${JSON.stringify(rows.map((r) => r[0]))})`);
    // The demo action is not shared with the leader: its title only.
    assert.deepEqual(rows.find((r) => r[2] === DEMO_ACTION), ['Birgit Ipsen', COHORT_AUTUMN, DEMO_ACTION, `${AUTUMN_YEAR}-10-15`, 'Ikke delt']);
    assert.doesNotMatch(await page.getByRole('main').innerText(), /Gennemgå månedsrapporten sammen med to afdelingsledere|fejlkonteringer/,
      'nothing of the demo action\'s content');
    await checkA11y(page, 'staff actions (leader)');
    // The journey's action is shared with the leader: what, what happened and the reflection.
    assert.ok(journeyAction, 'the journey test made an action shared with the leader');
    const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: journeyAction.title, exact: true }) });
    assert.deepEqual((await rowCells(row)).slice(0, 4), ['Birgit Ipsen', COHORT_AUTUMN, journeyAction.title, journeyAction.when]);
    assert.deepEqual(await row.locator('td').nth(4).locator('p').allInnerTexts(), [journeyAction.what, journeyAction.observations, journeyAction.reflection]);
  } finally {
    await context.close();
  }
});

test('an empty hand-in on "Opgaver og fremmøde" moves focus to its error, as the other pages do with error summaries', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.graded);
    await page.goto('/me/assignments');
    // Not approved in the demo data, so a new version can be handed in; an empty one changes nothing.
    const title = 'Refleksion efter facilitering af ledere';
    const section = page.getByRole('region', { name: title, exact: true });
    await section.getByRole('textbox', { name: `Din besvarelse ${title}`, exact: true }).fill('');
    const action = await section.locator('form').getAttribute('action');
    assert.equal(await submit(page, section.getByRole('button', { name: `Aflevér ny version ${title}`, exact: true }), action), 422);
    await assertFocusOnNotice(page, 'Afleveringen er tom.', 'error');
  } finally {
    await context.close();
  }
});

test('saving the attendance sheet redirects to it and moves focus to "Fremmødet er gemt."', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.teacher);
    const { cohortPath } = await openAutumnCohortAsTeacher(page);
    const day = AUTUMN.teachingDays[5];
    await follow(page, page.getByRole('link', { name: `Registrér fremmøde ${day}`, exact: true }), new RegExp(`${cohortPath}/days/\\d+/attendance$`));
    const sheetPath = new URL(page.url()).pathname;
    // Saved unchanged: nothing in the database changes.
    assert.equal(await submit(page, page.getByRole('main').getByRole('button', { name: 'Gem', exact: true }), sheetPath), 303);
    await assertFocusOnNotice(page, 'Fremmødet er gemt.', 'confirmation');
  } finally {
    await context.close();
  }
});

test('the teacher\'s Aktioner page names each feedback field and button by its action, not only by the participant', {
  timeout: TEST_TIMEOUT,
}, async () => {
  assert.ok(journeyAction, 'the journey test gave Birgit Ipsen a second action');
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.teacher);
    const { cohortPath } = await openAutumnCohortAsTeacher(page);
    await follow(page, page.getByRole('definition').getByRole('link', { name: 'Aktioner · Læringsgrupper', exact: true }), `**${cohortPath}/actions`);
    const forms = page.getByRole('main').locator('section form');
    const fields = await forms.locator('textarea').evaluateAll((ts) => ts.map((x) => x.labels[0].textContent.replace(/\s+/g, ' ').trim()));
    const buttons = await forms.locator('button').evaluateAll((bs) => bs.map((b) => b.textContent.replace(/\s+/g, ' ').trim()));
    assert.ok(fields.length >= 2, `at least two actions (got ${fields.length})`);
    const twice = (names) => names.filter((n, i) => names.indexOf(n) !== i);
    assert.deepEqual(twice(fields), [], 'no two feedback fields have the same name');
    assert.deepEqual(twice(buttons), [], 'no two "Gem feedback" buttons have the same name');
  } finally {
    await context.close();
  }
});

test('"Ny læringsgruppe" without participants: the 422 keeps the typed name, and its summary link leads to the participants', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.teacher);
    const { cohortPath } = await openAutumnCohortAsTeacher(page);
    await follow(page, page.getByRole('definition').getByRole('link', { name: 'Aktioner · Læringsgrupper', exact: true }), `**${cohortPath}/actions`);
    const name = `Gruppe uden deltagere ${RUN}`;
    await page.getByRole('form', { name: 'Ny læringsgruppe' }).getByLabel('Navn', { exact: true }).fill(name);
    assert.equal(await submit(page, page.getByRole('form', { name: 'Ny læringsgruppe' }).getByRole('button', { name: 'Gem', exact: true }), `${cohortPath}/groups`), 422);
    const link = page.getByRole('alert').getByRole('link', { name: 'Vælg mindst én deltager.', exact: true });
    const target = await link.getAttribute('href');
    assert.equal(await page.locator(target).count(), 1, `the summary link's target ${target} exists`);
    assert.equal(await page.getByRole('form', { name: 'Ny læringsgruppe' }).getByLabel('Navn', { exact: true }).inputValue(), name, 'the name is kept');
  } finally {
    await context.close();
  }
});

test('clearing the teacher\'s feedback on an action stays on the Aktioner page', {
  timeout: TEST_TIMEOUT,
  todo: 'server bug: "Gem feedback" with an empty "Underviserens feedback" on /o/{org}/cohorts/{id}/actions answers 422 with the '
    + 'generic error page ("Oplysningerne blev ikke gemt. Skriv noget først.", only a link to the front page) at '
    + 'POST /o/{org}/actions/{id}/feedback, instead of the Aktioner page with the error at the field (or removing the feedback)',
}, async () => {
  assert.ok(journeyAction, 'the journey test made an action with teacher feedback'); // the demo action's feedback is left alone
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.teacher);
    const { cohortPath } = await openAutumnCohortAsTeacher(page);
    await follow(page, page.getByRole('definition').getByRole('link', { name: 'Aktioner · Læringsgrupper', exact: true }), `**${cohortPath}/actions`);
    const section = page.getByRole('region', { name: `${journeyAction.title} – Birgit Ipsen`, exact: true });
    await section.getByRole('textbox', { name: /^Underviserens feedback/ }).fill('');
    await submit(page, section.getByRole('button', { name: /^Gem feedback/ }), await section.locator('form').getAttribute('action'));
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), `Aktioner – ${COHORT_AUTUMN}`,
      `the Aktioner page again (got "${(await page.getByRole('main').innerText()).replace(/\s+/g, ' ').slice(0, 200)}" at ${page.url()})`);
  } finally {
    await context.close();
  }
});

test('the leader finds "Mine medarbejderes aktioner" from the organisation page', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.leaderBornholm);
    await follow(page, page.getByRole('link', { name: BORNHOLM, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    const link = page.getByRole('main').getByRole('link', { name: 'Mine medarbejderes aktioner', exact: true });
    assert.equal(await link.count(), 1, `a link to the staff's actions on ${orgPath}`); // the page has loaded: no waiting for it
    await follow(page, link, `**${orgPath}/staff-actions`);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------- evaluations, type profiles, materials

const PROFILE_INSTRUMENT = 'Arbejdsstil – en refleksionsprofil';
const EVAL_QUESTIONS = ['Mit udbytte', 'Relevans for mit arbejde', 'Undervisningen'];

/** In an evaluation's section: the radio button for a value (1–5) of a question, by the fieldset's legend. */
function evalRadio(section, question, value) {
  return section.getByRole('group', { name: new RegExp(`^${question}`) }).getByRole('radio', { name: String(value), exact: true });
}

test('participant: Evalueringer, Typeprofil (view, keyboard, answering again) and Materialer og cases from Mit forløb', { timeout: 180_000 }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.graded);
    await switchLanguage(page, 'da');

    // ---- Evalueringer: the demo answered Hold 1, so there may be nothing pending.
    await openFromMyCourse(page, 'Evalueringer', '/me/evaluations');
    await see(page.getByRole('heading', { level: 1, name: 'Evaluér din undervisning' }), 'the evaluations heading');
    await checkA11y(page, 'my evaluations (participant)');
    const pending = page.getByRole('main').getByRole('region');
    if ((await pending.count()) === 0) {
      await see(page.getByText('Du har ingen evalueringer at besvare lige nu.', { exact: true }), 'the "nothing to answer" text');
    } else {
      const section = pending.first();
      const heading = (await section.getByRole('heading', { level: 2 }).innerText()).trim();
      for (const q of EVAL_QUESTIONS) assert.equal(await section.getByRole('group', { name: new RegExp(`^${q}`) }).getByRole('radio').count(), 5, `radios 1–5 for "${q}"`);
      await evalRadio(section, EVAL_QUESTIONS[0], 4).check();
      await evalRadio(section, EVAL_QUESTIONS[1], 5).check();
      await section.getByLabel('Kommentar (valgfri)', { exact: true }).fill(`Godt med cases. (${RUN})`);
      assert.equal(await submit(page, section.getByRole('button', { name: 'Send evaluering', exact: true }), '/me/evaluations'), 422);
      const again = page.getByRole('region', { name: heading, exact: true });
      await see(again.getByText('Vælg et tal fra 1 til 5.', { exact: true }), 'the error at the unanswered question');
      assert.equal(await evalRadio(again, EVAL_QUESTIONS[0], 4).isChecked(), true, 'the answered questions are kept');
      await checkA11y(page, 'my evaluations with an error (422, participant)');
      await evalRadio(again, EVAL_QUESTIONS[2], 3).check();
      assert.equal(await submit(page, again.getByRole('button', { name: 'Send evaluering', exact: true }), '/me/evaluations'), 303);
      assert.equal(new URL(page.url()).pathname, '/me/evaluations');
      assert.equal(await page.getByRole('region', { name: heading, exact: true }).count(), 0, `"${heading}" is answered`);
    }

    // ---- Typeprofil: the demo profile, shared with the teachers.
    await openFromMyCourse(page, 'Typeprofil', '/me/profiles');
    await see(page.getByRole('heading', { level: 1, name: 'Typeprofil' }), 'the profiles heading');
    await checkA11y(page, 'my profiles (participant)');
    await follow(page, page.getByRole('main').getByRole('link', { name: PROFILE_INSTRUMENT, exact: true }), /\/me\/profiles\/\d+$/);
    const profilePath = new URL(page.url()).pathname;
    await see(page.getByRole('heading', { level: 1, name: PROFILE_INSTRUMENT }), 'the profile heading');
    const main = page.getByRole('main');
    assert.equal(await main.locator('figure svg').count(), 1, 'the profile chart');
    const dims = await main.locator('dl dt').allInnerTexts();
    assert.ok(dims.length >= 2, `a text per dimension (got ${JSON.stringify(dims)})`);
    assert.equal(await main.locator('dl dd').count(), dims.length);
    await see(main.getByRole('button', { name: 'Stop deling', exact: true }), '"Stop deling" (shared in the demo)');
    await checkA11y(page, 'profile view (participant)');

    await follow(page, main.getByRole('link', { name: 'Besvar igen', exact: true }), (u) => u.pathname === profilePath && u.searchParams.get('retake') === '1');
    const form = main.locator(`form[action="${profilePath}"]`);
    const items = form.getByRole('group');
    assert.equal(await items.count(), 12, '12 statements');
    for (let i = 0; i < 12; i++) assert.equal(await items.nth(i).getByRole('radio').count(), 5, `radios 1–5 for statement ${i + 1}`);
    const share = form.getByRole('checkbox', { name: 'Mine undervisere må se profilen', exact: true });
    assert.equal(await share.isChecked(), true, 'still shared');
    await checkA11y(page, 'profile questionnaire (participant)');
    const chosen = async (i) => items.nth(i).locator('input[type=radio]:checked').getAttribute('value');
    const before = await chosen(1);
    assert.ok(before, 'the previous answers are filled in');

    // Keyboard: from statement 1's radio, Tab moves to statement 2's ticked radio; an arrow key changes it.
    await items.nth(0).locator('input[type=radio]:checked').focus();
    await page.keyboard.press('Tab');
    const f = await focusedControl(page);
    assert.deepEqual([f.tag, f.type, f.checked, f.id.startsWith('it-')], ['input', 'radio', true, true], `Tab reaches statement 2's radio (got ${JSON.stringify(f)})`);
    assert.equal(await items.nth(1).locator('input:focus').count(), 1, 'focus is in statement 2');
    await page.keyboard.press(before === '5' ? 'ArrowLeft' : 'ArrowRight');
    const after = await chosen(1);
    assert.equal(Number(after), Number(before) + (before === '5' ? -1 : 1), 'the arrow key ticks the next value');
    assert.equal(await submit(page, form.getByRole('button', { name: 'Se min profil', exact: true }), profilePath), 303);
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, profilePath, 'back on the profile view');
    await see(main.getByRole('button', { name: 'Stop deling', exact: true }), 'still shared after answering again');
    await follow(page, main.getByRole('link', { name: 'Besvar igen', exact: true }), (u) => u.searchParams.get('retake') === '1');
    assert.equal(await chosen(1), after, 'the changed answer was saved');

    // ---- Materialer og cases.
    await openFromMyCourse(page, 'Materialer og cases', '/me/materials');
    await see(page.getByRole('heading', { level: 1, name: 'Materialer og cases' }), 'the materials heading');
    assert.deepEqual(await page.getByRole('table', { name: 'Materialer og cases' }).locator('thead th').allInnerTexts(), ['Hold', 'Undervisningsdag', 'Titel', 'Fil']);
    await checkA11y(page, 'my materials (participant)');
  } finally {
    await context.close();
  }
});

test('teacher: Materialer og cases (text, a PDF, a refused .exe), Evalueringer and Typeprofil of the first cohort; the participant downloads the PDF', { timeout: 180_000 }, async () => {
  const teacher = await newPage();
  const participant = await newPage();
  const t = teacher.page;
  const p = participant.page;
  const textTitle = `Case: løngennemgang i Teknik & Miljø ${RUN}`;
  const fileTitle = `Case som PDF ${RUN}`;
  const exeTitle = `Program ${RUN}`;
  const pdf = Buffer.from(`%PDF-1.4\n% Kompetence browser test ${RUN}\n%%EOF\n`);
  try {
    await logIn(t, USERS.teacher);
    const { cohortPath } = await openAutumnCohortAsTeacher(t);

    // ---- Materials.
    await follow(t, t.getByRole('definition').getByRole('link', { name: 'Materialer og cases', exact: true }), `**${cohortPath}/materials`);
    await see(t.getByRole('heading', { level: 1, name: `Materialer og cases – ${COHORT_AUTUMN}` }), 'the materials heading');
    const table = t.getByRole('table', { name: 'Materialer og cases' });
    assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Titel', 'Undervisningsdag', 'Fil']);
    const form = t.getByRole('form', { name: 'Tilføj materiale' });
    assert.equal(await form.getAttribute('enctype'), 'multipart/form-data');
    const day = form.getByLabel('Undervisningsdag', { exact: true });
    assert.equal(await day.evaluate((el) => el.tagName), 'SELECT');
    assert.ok((await day.locator('option').allInnerTexts()).includes('Hele forløbet'));
    assert.equal(await form.getByLabel('Tekst (fx en case)', { exact: true }).evaluate((el) => el.tagName), 'TEXTAREA');
    const file = form.getByLabel('Fil', { exact: true });
    assert.equal(await file.getAttribute('type'), 'file');
    const hint = (await t.locator('#f-file-hint').innerText()).trim();
    assert.match(hint, /^Højst \d+ MB\. Tilladte filtyper: .*pdf/i, `the file hint gives size and types (got "${hint}")`);
    assert.ok((await file.getAttribute('aria-describedby')).split(' ').includes('f-file-hint'), 'the hint is tied to the file input');
    await checkA11y(t, 'cohort materials (teacher)');

    const action = `${cohortPath}/materials`;
    await form.getByLabel('Titel', { exact: true }).fill(textTitle);
    await form.getByLabel('Tekst (fx en case)', { exact: true }).fill('Lønkontoret bruger tre regneark ved siden af ERP-systemet. Hvorfor?');
    assert.equal(await submit(t, form.getByRole('button', { name: 'Gem', exact: true }), action), 303);
    const textRow = table.locator('tbody tr').filter({ hasText: textTitle });
    assert.deepEqual((await rowCells(textRow)).slice(1), ['Hele forløbet', ''], 'for the whole course, no file');
    assert.equal((await textRow.locator('td p').innerText()).trim(), 'Lønkontoret bruger tre regneark ved siden af ERP-systemet. Hvorfor?', 'the text under the title');

    await form.getByLabel('Titel', { exact: true }).fill(fileTitle);
    await day.selectOption({ index: 1 });
    const dayText = (await day.locator('option:checked').innerText()).trim();
    await file.setInputFiles({ name: 'case.pdf', mimeType: 'application/pdf', buffer: pdf });
    assert.equal(await submit(t, form.getByRole('button', { name: 'Gem', exact: true }), action), 303);
    const fileRow = table.locator('tbody tr').filter({ hasText: fileTitle });
    const cells = await rowCells(fileRow);
    assert.equal(cells[0], fileTitle);
    assert.ok(dayText.startsWith(cells[1]), `the day "${cells[1]}" is the one chosen ("${dayText}")`);
    assert.match(cells[2], /^case\.pdf \(\d+ kB\)$/);
    const teacherLink = fileRow.getByRole('link', { name: 'case.pdf', exact: true });
    const res = await t.request.get(await teacherLink.getAttribute('href'));
    assert.equal(res.status(), 200);
    assert.deepEqual(Buffer.from(await res.body()), pdf, 'the teacher downloads the same bytes');
    await checkA11y(t, 'cohort materials with a file (teacher)');

    await form.getByLabel('Titel', { exact: true }).fill(exeTitle);
    await file.setInputFiles({ name: 'program.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00') });
    assert.equal(await submit(t, form.getByRole('button', { name: 'Gem', exact: true }), action), 422);
    await see(t.getByRole('alert').getByText('Filtypen er ikke tilladt.'), 'the error summary');
    await see(t.locator('#f-file-err').getByText('Filtypen er ikke tilladt.', { exact: true }), 'the error at the file input');
    assert.equal(await file.getAttribute('aria-invalid'), 'true');
    assert.ok((await file.getAttribute('aria-describedby')).split(' ').includes('f-file-err'), 'the error is tied to the file input');
    assert.equal(await form.getByLabel('Titel', { exact: true }).inputValue(), exeTitle, 'the title is kept');
    assert.equal(await table.locator('tbody tr').filter({ hasText: exeTitle }).count(), 0, 'nothing saved');
    await checkA11y(t, 'cohort materials with an error (422, teacher)');

    // ---- The participant: the material and its file.
    await logIn(p, USERS.graded);
    await switchLanguage(p, 'da');
    await openFromMyCourse(p, 'Materialer og cases', '/me/materials');
    const mine = p.getByRole('table', { name: 'Materialer og cases' });
    assert.deepEqual(await rowCells(mine.locator('tbody tr').filter({ hasText: fileTitle })), [COHORT_AUTUMN, cells[1], fileTitle, 'case.pdf']);
    await see(mine.locator('tbody tr').filter({ hasText: textTitle }), 'the text material');
    const got = await download(p, mine.locator('tbody tr').filter({ hasText: fileTitle }).getByRole('link', { name: 'case.pdf', exact: true }));
    assert.equal(got.name, 'case.pdf');
    assert.deepEqual(got.bytes, pdf, 'the participant downloads the same bytes');
    await checkA11y(p, 'my materials with a file (participant)');

    // ---- Evaluations: per day and the whole course, with ≥ 5 answers each in the demo.
    await t.goto(cohortPath);
    await follow(t, t.getByRole('definition').getByRole('link', { name: 'Evalueringer', exact: true }), `**${cohortPath}/evaluations`);
    await see(t.getByRole('heading', { level: 1, name: `Evalueringer – ${COHORT_AUTUMN}` }), 'the evaluations heading');
    const results = t.getByRole('main').getByRole('region');
    const labels = await results.getByRole('heading', { level: 3 }).allInnerTexts();
    assert.ok(labels.some((l) => l.startsWith('Hele forløbet')), `a section for the whole course (got ${JSON.stringify(labels)})`);
    assert.ok(labels.length >= 2, 'a section per evaluated day too');
    for (let i = 0; i < labels.length; i++) {
      const s = results.nth(i);
      const answers = Number(labels[i].match(/· (\d+) svar/)?.[1]);
      assert.ok(answers >= 5, `"${labels[i]}" has at least 5 answers`);
      assert.deepEqual(await s.getByRole('table').locator('tbody td:first-child').allInnerTexts(), EVAL_QUESTIONS, `averages in "${labels[i]}"`);
      assert.ok((await s.locator('figure svg').count()) >= 1, `a chart in "${labels[i]}"`);
    }
    await checkA11y(t, 'cohort evaluations (teacher)');

    // ---- Shared type profiles: Birgit Ipsen's.
    await t.goto(cohortPath);
    await follow(t, t.getByRole('definition').getByRole('link', { name: 'Typeprofil', exact: true }), `**${cohortPath}/profiles`);
    const shared = t.getByRole('region', { name: `Birgit Ipsen – ${PROFILE_INSTRUMENT}`, exact: true });
    await see(shared, 'Birgit Ipsen\'s shared profile');
    assert.equal(await shared.locator('figure svg').count(), 1, 'her chart');
    assert.ok((await shared.locator('dl dt').count()) >= 2, 'a text per dimension');
    await checkA11y(t, 'cohort shared profiles (teacher)');
  } finally {
    await teacher.context.close();
    await participant.context.close();
  }
});

test('provider admin: Profilinstrumenter, and pasted text that is not JSON (422, the text kept)', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.provider);
    await follow(page, page.getByRole('link', { name: PROVIDER, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Profilinstrumenter', exact: true }), `**${orgPath}/instruments`);
    await see(page.getByRole('heading', { level: 1, name: 'Profilinstrumenter' }), 'the instruments heading');
    await see(page.getByRole('main').getByRole('listitem').filter({ hasText: PROFILE_INSTRUMENT }), 'the demo instrument');
    const form = page.getByRole('form', { name: 'Indlæs instrument' });
    assert.equal(await form.getAttribute('enctype'), 'multipart/form-data');
    assert.equal(await form.getByLabel('Instrumentfil (JSON)', { exact: true }).getAttribute('type'), 'file');
    await checkA11y(page, 'instruments (provider)');
    const paste = form.getByLabel('… eller indsæt indholdet', { exact: true });
    await paste.fill('ikke json');
    assert.equal(await submit(page, form.getByRole('button', { name: 'Indlæs instrument', exact: true }), `${orgPath}/instruments`), 422);
    await see(page.getByRole('alert').getByText('Filen kan ikke læses som et instrument (JSON).'), 'the error summary');
    assert.equal(await page.getByRole('form', { name: 'Indlæs instrument' }).getByLabel('… eller indsæt indholdet', { exact: true }).inputValue(), 'ikke json', 'the text is kept');
    await checkA11y(page, 'instruments with an error (422, provider)');
  } finally {
    await context.close();
  }
});

test('HR of Bornholm: Evalueringer from the organisation page shows the first cohort\'s results', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.hrBornholm);
    await switchLanguage(page, 'da');
    await follow(page, page.getByRole('link', { name: BORNHOLM, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Evalueringer', exact: true }), `**${orgPath}/evaluations`);
    await see(page.getByRole('heading', { level: 1, name: 'Evalueringer' }), 'the evaluations heading');
    await see(page.getByRole('heading', { level: 2, name: new RegExp(COHORT_AUTUMN) }), `"${COHORT_AUTUMN}"`);
    const labels = await page.getByRole('main').getByRole('region').getByRole('heading', { level: 3 }).allInnerTexts();
    assert.ok(labels.some((l) => l.startsWith('Hele forløbet')), `the whole course's results (got ${JSON.stringify(labels)})`);
    assert.ok((await page.getByRole('main').locator('figure svg').count()) >= 1, 'charts');
    await checkA11y(page, 'evaluations (HR)');
  } finally {
    await context.close();
  }
});

test('HR of Bornholm: Dækning, reached by keyboard from the organisation page, counts the staff the ERP course reached', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.hrBornholm);
    await switchLanguage(page, 'da');
    await follow(page, page.getByRole('link', { name: BORNHOLM, exact: true }), /\/o\/\d+$/);
    const orgPath = new URL(page.url()).pathname;
    const link = page.getByRole('main').getByRole('link', { name: 'Dækning', exact: true });
    await link.focus();
    await Promise.all([page.waitForURL(`**${orgPath}/coverage`), page.keyboard.press('Enter')]);
    await see(page.getByRole('heading', { level: 1, name: `Dækning – ${BORNHOLM}` }), 'the coverage heading');
    const departments = page.getByRole('table', { name: 'Pr. afdeling' });
    const headers = await departments.getByRole('columnheader').allInnerTexts();
    assert.deepEqual(headers, ['Afdeling', 'Medarbejdere', 'Nået', 'Andel nået', 'I gang nu', 'Bestået', 'ECTS-point']);
    const total = departments.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'I alt' }) });
    const cells = (await total.getByRole('cell').allInnerTexts()).map((c) => c.trim());
    const [staff, reached, , , passed, ects] = cells;
    assert.ok(Number(staff) >= Number(reached) && Number(reached) >= 4, `staff ${staff}, reached ${reached}: the four finance officers at least`);
    assert.match(cells[2], /^\d+,\d %$/, 'the share in Danish notation');
    assert.ok(Number(passed) >= 1 && Number(ects) >= 10, `passed ${passed}, ECTS ${ects}: the graded ERP module counts`);
    const modules = page.getByRole('table', { name: 'Pr. modul' });
    await see(modules.getByRole('rowheader').filter({ hasText: 'Procesrådgiver for ERP-brugere' }), 'the ERP module');
    await checkA11y(page, 'coverage report (HR)');
  } finally {
    await context.close();
  }
});

test('axe check is live: it reports a known violation', { timeout: TEST_TIMEOUT }, async () => {
  // Guards against a silently broken axe setup (a check that can never fail).
  const { context, page } = await newPage();
  try {
    await page.setContent('<!doctype html><html><head><title>x</title></head><body><main><img src="data:,"><input type="text"></main></body></html>');
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const ids = results.violations.map((v) => v.id);
    assert.ok(ids.includes('html-has-lang') && ids.includes('image-alt') && ids.includes('label'), `axe found ${ids.join(', ')}`);
  } finally {
    await context.close();
  }
});

test('accessibility: axe finds no WCAG 2.1 A/AA violations on any visited page', { timeout: TEST_TIMEOUT }, async (t) => {
  const required = [
    'own degree progress (participant)',
    'login (da)', 'login failed (da)', 'login (en)',
    'dashboard (HR)', 'dashboard (leader, en)', 'dashboard (platform admin)', 'dashboard (participant)',
    'organisation page (HR)', 'organisation page (leader, en)', 'organisation page (provider)',
    'employees list page 1 (HR)', 'employees list page 2 (HR)', 'employees list (leader, en)', 'employees list (leader)',
    'employee detail (HR)', 'employees form with errors (422, HR)', 'employee saved (HR)',
    'employees search result (HR)', 'API keys (HR)', 'API key created (provider)',
    'accessibility statement (da, logged in)', 'accessibility statement (en)',
    'error 404 (HR)', 'error 404 (en)', 'error 403 (HR on /admin/orgs)',
    'admin organisations', 'admin organisation detail', 'admin users page 1',
    'catalogue (HR)', 'catalogue search result (HR)', 'catalogue cohort (HR)', 'catalogue cohort enrolled (HR)',
    'catalogue cohort double enrolment (422, HR)', 'catalogue cohort unknown e-mail, approval unticked (422, HR)',
    'catalogue cohort closed (HR)', 'catalogue cohort after deadline (422, HR)', 'catalogue with a closed cohort (HR)',
    'enrolments list (HR)', 'enrolments list filtered (HR)', 'enrolment detail (HR)',
    'enrolment detail requested (HR)', 'enrolment approved (HR)', 'enrolment withdrawn (HR)',
    'enrolments list (HR, en)', 'enrolment detail (HR, en)',
    'my schedule (participant)', 'my schedule feed renewed (participant)', 'my schedule (teacher)',
    'programmes list (provider)', 'programme page (provider)', 'degree progress (provider)', 'programme add-module form with errors (422, provider)',
    'modules list (provider)', 'module page (provider)', 'grade statistics (provider)',
    'cohorts list (provider)', 'cohort page (provider)', 'cohort add-day form with errors (422, provider)',
    'cohorts list (teacher)', 'cohort page (teacher)',
    'exams list (teacher)', 'exams list (censor)', 'exams list (admin)',
    'grading page (examiner)', 'grading page (censor)', 'grading page (final grade given)',
    'exam set-up page (admin)', 'exam set-up locked (422, admin)',
    'my exams (participant, graded)', 'my exams (participant with grade)',
    'transcript (participant)', 'transcript (participant with grade)', 'transcript (participant with grade, en)',
    'certificates page (provider)', 'certificates page issued (provider)', 'certificates page after revoking (provider)',
    'my certificates (participant)', 'my certificates with revoked ones (participant)',
    'verify (empty)', 'verify valid (pasted)', 'verify valid (uploaded)', 'verify tampered', 'verify unknown issuer',
    'verify revoked', 'verify with an error (422, empty)', 'verify not a credential (keyboard)',
    'assignments page (teacher)', 'assignment page, nothing handed in (teacher)', 'assignment page (teacher)',
    'assignment page feedback with an error (422, teacher)',
    'attendance sheet (teacher)', 'attendance sheet saved (teacher)',
    'cohort actions page (teacher)', 'cohort actions group form with errors (422, teacher)',
    'my assignments (participant)', 'my assignments hand-in with an error (422, participant)', 'my assignments with feedback (participant)',
    'my actions (participant)', 'my actions plan with errors (422, participant)',
    'action page (owner)', 'action page with teacher feedback (owner)',
    'staff actions (leader)',
    'my evaluations (participant)', 'my profiles (participant)', 'profile view (participant)', 'profile questionnaire (participant)',
    'my materials (participant)', 'my materials with a file (participant)',
    'cohort materials (teacher)', 'cohort materials with a file (teacher)', 'cohort materials with an error (422, teacher)',
    'cohort evaluations (teacher)', 'cohort shared profiles (teacher)',
    'instruments (provider)', 'instruments with an error (422, provider)', 'evaluations (HR)',
    'coverage report (HR)',
  ];
  const seen = new Set(axeResults.map((r) => r.label));
  const missing = required.filter((l) => !seen.has(l));
  for (const r of axeResults) {
    await t.test(`axe: ${r.label}`, () => {
      if (r.incomplete.length > 0) t.diagnostic(`axe needs review on ${r.label}: ${r.incomplete.join('; ')}`);
      assert.ok(r.passes > 0, `axe ran no passing rule on ${r.label}: was the page empty?`);
      if (r.violations.length > 0) assert.fail(`\n${formatViolations(r)}`);
    });
  }
  const failing = axeResults.filter((r) => r.violations.length > 0);
  if (failing.length > 0) {
    // One readable report of everything, for whoever fixes the templates.
    console.log(`axe report (${failing.length} of ${axeResults.length} page states fail):\n${failing.map(formatViolations).join('\n')}`);
  }
  assert.deepEqual(missing, [], 'every page state was checked (a missing one means an earlier test stopped before it)');
  assert.equal(failing.length, 0, `${failing.length} page state(s) have axe violations: ${failing.map((r) => r.label).join('; ')}`);
});
