// Shared preamble of the browser tests: constants, the demo data's dates, the server and
// browser each test file starts for itself, login and page helpers, and the axe-core WCAG
// 2.1 A/AA collection that each file asserts in its last test.
//
// Each *.test.mjs file imports this module. node --test runs every file in a process of its
// own, so the state below (the server, the browser, the axe results) belongs to one file.
//
// Env: KOMPETENCE_BIN (server binary), DATABASE_URL (passed through to the server),
//      CHROMIUM_PATH (default /usr/bin/chromium), KOMPETENCE_KEEP=1 keeps each file's temp
//      dir with the database and server.log.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
export const BIN = process.env.KOMPETENCE_BIN || '/var/tmp/kompetence-target/debug/kompetence';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const PASSWORD = 'kompetence-demo';
export const USERS = {
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
export const MUNICIPALITY = 'Aabenraa Kommune';
export const BORNHOLM = 'Bornholms Regionskommune';
export const PROVIDER = 'Professionshøjskolen Nordlys';
export const MODULE = 'Procesrådgiver for ERP-brugere';
export const MODULE_EN = 'Process adviser for ERP users';

// ---------------------------------------------------------------- demo dates
// The demo data's dates are relative to the day it is loaded (Copenhagen time): the first
// cohort ran last autumn (its exam at the end of January), the second starts next spring.

/** Today in Copenhagen as YYYY-MM-DD. */
export function copenhagenToday() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}

/** YYYY-MM-DD plus n days. */
export function addDays(iso, n) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus n months, the day clamped to the last of the month (2027-01-31 + 1 → 2027-02-28). */
export function addMonths(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const last = new Date(Date.UTC(y, m + n, 0)).getUTCDate(); // day 0 of the month after: the last day
  return new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The last Sunday of a month (1–12) as YYYY-MM-DD: the summer-time changes in March and October. */
export function lastSunday(year, month) {
  const d = new Date(Date.UTC(year, month, 0)); // day 0 of the next month: the last day of this one
  while (d.getUTCDay() !== 0) d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** "20270328T100000" for an iCalendar DTSTART/DTEND from a date and HH:MM. */
export function icalStamp(date, time) {
  return `${date.replaceAll('-', '')}T${time.replace(':', '')}00`;
}

export const TODAY = copenhagenToday();
export const THIS_YEAR = Number(TODAY.slice(0, 4));
export const AUTUMN_YEAR = Number(TODAY.slice(5, 7)) >= 2 ? THIS_YEAR - 1 : THIS_YEAR - 2;
export const SPRING_YEAR = THIS_YEAR + 1;
export const AUTUMN = {
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
export const SPRING = {
  name: `Hold 2 – forår ${SPRING_YEAR}`,
  starts: `${SPRING_YEAR}-03-01`,
  ends: `${SPRING_YEAR}-06-30`,
  deadline: `${SPRING_YEAR}-02-15`,
  firstDay: `${SPRING_YEAR}-03-04`,
  workshop: lastSunday(SPRING_YEAR, 3), // 10:00–14:00 on the day summer time starts
  days: [`${SPRING_YEAR}-03-04`, lastSunday(SPRING_YEAR, 3), `${SPRING_YEAR}-04-15`, `${SPRING_YEAR}-05-06`, `${SPRING_YEAR}-06-17`],
};
export const COHORT_SPRING = SPRING.name;
export const COHORT_AUTUMN = AUTUMN.name;
export const FEED_PATH = /^\/feeds\/[0-9a-f]{64}\.ics$/;
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const TEST_TIMEOUT = 120_000;
// A unique suffix so the tests can run repeatedly against the same (PostgreSQL) database.
export const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

let server; // child process
let serverExit; // promise resolved with the exit code
let spawnError; // set when the binary could not be started
let serverLog = ''; // the last part of the server's output, for error messages
/** This file's temporary directory (data, server.log, saved feeds); set by startServer(). */
export let tmpDir;
/** The server's address, http://127.0.0.1:<port>; set by startServer(). */
export let baseURL;
/** The Chromium this file drives; set by startServer(). */
export let browser;

/** Every page state checked with axe: { label, url, lang, violations }. */
export const axeResults = [];

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

/** Starts the server binary on the port; resolves nothing, sets server, serverExit, spawnError. */
function spawnServer(port, dataDir, log) {
  spawnError = undefined;
  serverLog = '';
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
}

/** For before(): the time startServer() may take (the demo data is loaded on start). */
export const START_TIMEOUT = 90_000;
/** For after(): the time stopServer() may take. */
export const STOP_TIMEOUT = 30_000;

/**
 * Starts this file's own server (`kompetence serve --demo`) with a fresh temporary data
 * directory (`kompetence-browser-<label>-XXXXXX`) on a free port, waits for GET /healthz,
 * and launches the browser. Call it in before(); stopServer() in after().
 */
export async function startServer(label) {
  tmpDir = await mkdtemp(path.join(os.tmpdir(), `kompetence-browser-${label}-`));
  const dataDir = path.join(tmpDir, 'data');
  const logFile = path.join(tmpDir, 'server.log');
  const log = createWriteStream(logFile);
  for (let attempt = 1; ; attempt++) {
    // freePort() releases the port before the server binds it, so another test file's server
    // (node --test may run files in parallel) can take it in between: the server then stops
    // with "cannot listen on …", and it is tried again on another port with a new data dir
    // (the demo data names the server's address).
    const port = await freePort();
    baseURL = `http://127.0.0.1:${port}`;
    spawnServer(port, dataDir, log);
    try {
      await waitForHealthy(baseURL, logFile);
      break;
    } catch (e) {
      if (attempt >= 3 || !serverLog.includes('cannot listen on')) throw e;
      await rm(dataDir, { recursive: true, force: true });
    }
  }

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
}

/** Closes the browser, stops the server and removes the temp dir (unless KOMPETENCE_KEEP). */
export async function stopServer() {
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
}
// ---------------------------------------------------------------- helpers

export async function newPage() {
  const context = await browser.newContext({ baseURL, locale: 'da-DK' });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

/** Runs axe with the WCAG 2.1 A/AA tags and records the result; asserted in the last test. */
export async function checkA11y(page, label) {
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
export async function see(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch (e) {
    throw new Error(`expected to see ${what} on ${locator.page().url()}: ${e.message.split('\n')[0]}`);
  }
}

export async function htmlLang(page) {
  return page.getAttribute('html', 'lang');
}

/** Fills the login form and presses the login button (Danish or English labels). */
export async function logIn(page, email, { lang = 'da' } = {}) {
  const t = lang === 'en'
    ? { email: 'E-mail', password: 'Password', submit: 'Log in' }
    : { email: 'E-mail', password: 'Adgangskode', submit: 'Log ind' };
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: t.submit, exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function logOut(page, buttonName) {
  await page.getByRole('button', { name: buttonName, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/login');
}

/** Clicks a link and waits for the page it leads to. */
export async function follow(page, link, urlMatch) {
  await link.click();
  await page.waitForURL(urlMatch);
}

export function focused(page) {
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
export function focusedControl(page) {
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
export async function searchCatalogue(page, text) {
  await page.getByRole('searchbox', { name: 'Søg' }).fill(text);
  await page.getByRole('search').getByRole('button', { name: 'Søg', exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('q') === text);
}

/**
 * Pages on with "Næste side" until the locator is there, and returns it: lists grow when
 * the tests run again on the same (PostgreSQL) database.
 */
export async function findOnPages(page, locator, what) {
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
export async function fetchFeed(feed) {
  const res = await fetch(new URL(feed, baseURL), { signal: AbortSignal.timeout(10_000), redirect: 'manual' });
  return {
    status: res.status,
    type: res.headers.get('content-type') || '',
    cookies: res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie')].filter(Boolean),
    body: await res.text(),
  };
}

/** Asserts a feed response sets no cookie: a calendar app has no use for the CSRF cookie. */
export function assertNoCsrfCookie(ics, what) {
  assert.deepEqual(ics.cookies.filter((c) => c.startsWith('kp_csrf=')), [], `${what} sets no kp_csrf cookie`);
}

/** Asserts focus is on the page's [data-focus] element (moved there by /static/app.js). */
export async function assertFocusOnNotice(page, text, what) {
  const f = await page.evaluate(() => {
    const el = document.activeElement;
    return { focusTarget: Boolean(el?.hasAttribute('data-focus')), role: el?.getAttribute('role') || '', text: (el?.textContent || '').replace(/\s+/g, ' ').trim() };
  });
  assert.ok(f.focusTarget, `focus is on the [data-focus] ${what} (got ${JSON.stringify(f)})`);
  assert.ok(f.text.includes(text), `the focused ${what} says "${text}" (got "${f.text}")`);
  return f;
}

/** Switches the UI language with the header buttons and waits until the page is in it. */
export async function switchLanguage(page, lang) {
  if ((await htmlLang(page)) === lang) return;
  const navigated = page.waitForNavigation({ waitUntil: 'load' });
  await page.getByRole('button', { name: lang === 'en' ? 'English' : 'Dansk', exact: true }).click();
  await navigated;
  assert.equal(await htmlLang(page), lang, `the page is in ${lang} after switching`);
}

/** The text of each cell in a table's body rows, row by row. */
export async function tableRows(table) {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
}

/** The text of each cell of one table row (the first the locator matches). */
export async function rowCells(row) {
  await row.first().waitFor();
  return row.first().locator('td').evaluateAll((cells) => cells.map((c) => c.textContent.replace(/\s+/g, ' ').trim()));
}

/**
 * Submits a form with a click, waits for the page it leads to (after any redirect) and
 * returns the status of the POST itself (303 for a redirect, 422 for errors).
 */
export async function submit(page, button, action) {
  const navigated = page.waitForNavigation({ waitUntil: 'load' }); // set up before the click
  await button.click();
  const res = await navigated;
  let req = res.request();
  while (req.redirectedFrom()) req = req.redirectedFrom();
  assert.equal(`${req.method()} ${new URL(req.url()).pathname}`, `POST ${action}`, 'the form posts where it should');
  return (await req.response()).status();
}

export function formatViolations(r) {
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

// ---------------------------------------------------------------- helpers of more than one file

/** The dt → dd pairs of the first description list inside the locator. */
export async function definitions(locator) {
  return locator.locator('dl').first().evaluate((dl) => Object.fromEntries([...dl.querySelectorAll('dt')]
    .map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.replace(/\s+/g, ' ').trim()])));
}

/** Clicks a download link and returns the download's suggested file name and bytes. */
export async function download(page, link) {
  const started = page.waitForEvent('download'); // set up before the click
  await link.click();
  const d = await started;
  assert.equal(await d.failure(), null, `the download of ${d.suggestedFilename()} completes`);
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

/**
 * As the teacher, from the dashboard: the provider, "Hold" and the first cohort's page.
 * Returns the organisation's and the cohort's paths.
 */
export async function openAutumnCohortAsTeacher(page) {
  await follow(page, page.getByRole('link', { name: PROVIDER, exact: true }), /\/o\/\d+$/);
  const orgPath = new URL(page.url()).pathname;
  await follow(page, page.getByRole('main').getByRole('link', { name: 'Hold', exact: true }), `**${orgPath}/cohorts`);
  const cohorts = page.getByRole('table', { name: 'Hold' });
  await follow(page, await findOnPages(page, cohorts.getByRole('link', { name: COHORT_AUTUMN, exact: true }), `"${COHORT_AUTUMN}"`), /\/cohorts\/\d+$/);
  await see(page.getByRole('heading', { level: 1, name: COHORT_AUTUMN }), 'the first cohort\'s heading');
  return { orgPath, cohortPath: new URL(page.url()).pathname };
}

/** As a participant, from any page: "Mit forløb" in the main menu, then one of its links. */
export async function openFromMyCourse(page, linkName, pathname) {
  await follow(page, page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mit forløb', exact: true }), '**/me/schedule');
  await follow(page, page.getByRole('main').getByRole('link', { name: linkName, exact: true }), (u) => u.pathname === pathname);
}

/**
 * The body of each file's last test: a subtest per page state axe checked (failing on any
 * violation), then fails if any page state on the file's required list was not checked
 * (a missing one means an earlier test stopped before it).
 */
export async function assertNoAxeViolations(t, required) {
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
}
