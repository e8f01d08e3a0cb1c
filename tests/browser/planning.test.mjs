// Browser tests for Kompetence — planning: the organisation tree, the staff import, target
// groups, wave plans and bulk enrolment, and the leader's rejection with a reason.
//
// Who sees which units (HR, the head of payroll, a team leader); HR's dry run of the OS2mo
// sample files by keyboard and "Importér nu", and a file with a missing parent unit; a new
// target group, a wave plan refused at 90 % and proposed at 50 %, a move that breaks the rule
// caught by "Kontrollér"; wave 1 enrolled for the leaders' approval, and team leader 1
// rejecting one request. Every new page is checked with axe at 1280 px and at 375 px, and
// at 375 px the page must not scroll sideways (asserted in the second-to-last test).
//
// The file starts its own server with fresh demo data (support.mjs) and ends with the axe
// WCAG 2.1 A/AA check of the page states its tests visited.
// Run: cd tests/browser && node --test (every file), or node --test planning.test.mjs (this one).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MUNICIPALITY, RUN, START_TIMEOUT, STOP_TIMEOUT, TEST_TIMEOUT, USERS, assertFocusOnNotice,
  assertNoAxeViolations, checkA11y, definitions, focusedControl, follow, logIn, newPage, see,
  startServer, stopServer, submit, tmpDir,
} from './support.mjs';

before(() => startServer('planning'), { timeout: START_TIMEOUT });
after(stopServer, { timeout: STOP_TIMEOUT });

/** OS2mo's five Plan2Learn files for Aabenraa, the ones the demo data was imported from. */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/os2mo/aabenraa');
/** Anne Jensen, the leader of Team Syd (one of the four teams under Løn og Personale). */
const TEAM_LEADER = 'teamleder1.aabenraa@kompetence.test';
const TEAM_LEADER_NAME = 'Anne Jensen';
const TEAM_LEADER_TEAM = 'Team Syd';
const TEAMS = ['Team Nord', 'Team Syd', 'Team Vest', 'Team Øst'];
const WIDE = { width: 1280, height: 720 };
const NARROW = { width: 375, height: 812 };

/** The wave plan test 3 makes, for the bulk enrolment: { path, name, members: { name: team } }. */
let plan;
/** Per page state checked at 375 px: { label, url, scrollWidth, innerWidth, culprits }. */
const narrowLayouts = [];

/** The sample files' paths, sorted. */
async function sampleFiles() {
  const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.csv')).sort();
  assert.equal(files.length, 5, `the five OS2mo sample files are there (got ${files.join(', ')})`);
  return files.map((f) => path.join(FIXTURES, f));
}

/** From the dashboard after logging in: the municipality's page; returns its path /o/{id}. */
async function openMunicipality(page) {
  await follow(page, page.getByRole('link', { name: MUNICIPALITY, exact: true }), /\/o\/\d+$/);
  return new URL(page.url()).pathname;
}

/**
 * axe at 1280 px and at 375 px (labels "<label> at 1280 px" / "at 375 px"), and at 375 px how
 * wide the page is: recorded, and asserted in the layout test near the end, with the
 * outermost elements that stick out of the window (those not inside a scrolling region).
 */
async function checkWidths(page, label) {
  await page.setViewportSize(WIDE);
  await checkA11y(page, `${label} at 1280 px`);
  await page.setViewportSize(NARROW);
  await checkA11y(page, `${label} at 375 px`);
  const m = await page.evaluate(() => {
    const w = window.innerWidth;
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    const scrolls = (el) => /(auto|scroll|hidden|clip)/.test(getComputedStyle(el).overflowX);
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= w + 1) continue;
      const parent = el.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > w + 1) continue; // not the outermost
      let inside = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) { inside = true; break; }
      if (inside) continue;
      const path = [];
      for (let p = el; p && p !== document.body; p = p.parentElement) path.unshift(name(p));
      culprits.push(`${path.join(' > ')} (right edge ${Math.round(r.right)} px, "${(el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40)}")`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: w, culprits };
  });
  narrowLayouts.push({ label, url: new URL(page.url()).pathname, ...m });
  await page.setViewportSize(WIDE);
}

/**
 * Submits a form with the keyboard: focuses the control (or keeps the focus where it is),
 * presses the key, waits for the page it leads to and returns the status of the POST itself.
 */
async function submitByKey(page, control, key, action) {
  if (control) await control.focus();
  const navigated = page.waitForNavigation({ waitUntil: 'load' }); // set up before the key press
  await page.keyboard.press(key);
  const res = await navigated;
  let req = res.request();
  while (req.redirectedFrom()) req = req.redirectedFrom();
  assert.equal(`${req.method()} ${new URL(req.url()).pathname}`, `POST ${action}`, 'the form posts where it should');
  return (await req.response()).status();
}

/** The text of each cell, row headers included, of a table's body rows. */
async function bodyRows(table) {
  await table.locator('tbody tr').first().waitFor();
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
}

/** The unit names of the organisation tree (its row headers), top to bottom. */
async function unitNames(page) {
  const table = page.getByRole('table', { name: 'Organisation' });
  await see(table, 'the "Organisation" table');
  return table.locator('tbody th').allTextContents();
}

/** The wave plan's "Teams i hver bølge": [{ team, wave, away, atWork, size, allowed }]. */
async function teamsPerWave(page) {
  const region = page.getByRole('region', { name: 'Teams i hver bølge' });
  return (await bodyRows(region.getByRole('table'))).map(([team, wave, away, atWork, size, allowed]) => ({
    team, wave: Number(wave), away: Number.parseInt(away, 10), awayText: away, atWork: Number(atWork), size: Number(size), allowed: Number(allowed),
  }));
}

/** The wave plan's split: [{ name, team, wave }] in the order shown. */
async function split(page) {
  const table = page.getByRole('region', { name: 'Fordeling' }).getByRole('table');
  await table.locator('tbody tr').first().waitFor();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => ({
    name: r.querySelector('th').textContent.trim(),
    team: r.querySelectorAll('td')[0].textContent.trim(),
    wave: r.querySelector('select').value,
  })));
}

test('organisation tree: HR sees every unit, the head of payroll all four teams, a team leader only their own team', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.hr);
    const orgPath = await openMunicipality(page);
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Organisation', exact: true }), `**${orgPath}/units`);
    await see(page.getByRole('heading', { level: 1, name: 'Organisation' }), 'the "Organisation" heading');
    const all = await unitNames(page);
    for (const unit of [MUNICIPALITY, 'Løn og Personale', 'HR', ...TEAMS]) {
      assert.ok(all.includes(unit), `HR sees the unit ${unit} (got ${JSON.stringify(all)})`);
    }
    assert.ok(all.indexOf('Løn og Personale') < all.indexOf('Team Nord'), 'a department comes before its teams');
    const syd = page.getByRole('table', { name: 'Organisation' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: TEAM_LEADER_TEAM, exact: true }) });
    await see(syd.getByRole('cell', { name: TEAM_LEADER_NAME, exact: true }), `${TEAM_LEADER_NAME} as the leader of ${TEAM_LEADER_TEAM}`);
    await see(page.getByRole('form', { name: 'Opret enhed' }), 'HR\'s "Opret enhed" form');
    await see(page.getByRole('form', { name: 'Tilføj leder' }), 'HR\'s "Tilføj leder" form');
    await see(page.getByRole('link', { name: 'Importér medarbejdere', exact: true }), 'the link to the staff import');
    await checkWidths(page, 'units (HR)');
    await context.clearCookies();

    // Lars Lindberg leads Løn og Personale: he sees it and everything under it, not HR.
    await logIn(page, USERS.leader);
    await openMunicipality(page);
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Organisation', exact: true }), `**${orgPath}/units`);
    const head = await unitNames(page);
    for (const team of TEAMS) assert.ok(head.includes(team), `the head of payroll sees ${team} (got ${JSON.stringify(head)})`);
    assert.ok(head.includes('Løn og Personale'), 'the head of payroll sees his own department');
    assert.ok(!head.includes('HR') && !head.includes(MUNICIPALITY), `the head of payroll does not see HR or the whole municipality (got ${JSON.stringify(head)})`);
    assert.equal(await page.getByRole('form', { name: 'Opret enhed' }).count(), 0, 'a leader gets no "Opret enhed" form');
    assert.equal(await page.getByRole('link', { name: 'Importér medarbejdere', exact: true }).count(), 0, 'a leader gets no link to the staff import');
    await checkWidths(page, 'units (head of payroll)');
    await context.clearCookies();

    await logIn(page, TEAM_LEADER);
    await openMunicipality(page);
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Organisation', exact: true }), `**${orgPath}/units`);
    const own = await unitNames(page);
    assert.deepEqual(own, [TEAM_LEADER_TEAM], `team leader 1 sees only ${TEAM_LEADER_TEAM}`);
    assert.equal(await page.getByRole('rowheader', { name: 'Team Nord', exact: true }).count(), 0, 'team leader 1 does not see Team Nord');
    await checkWidths(page, 'units (team leader)');
    for (const p of ['staff-import', 'target-groups']) {
      const denied = await page.goto(`${orgPath}/${p}`);
      assert.equal(denied.status(), 403, `a team leader may not open ${p}`);
    }
  } finally {
    await context.close();
  }
});

test('HR dry-runs the staff import by keyboard: the sample files change nothing, a changed file is imported with "Importér nu"', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.hr);
    const orgPath = await openMunicipality(page);
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Organisation', exact: true }), `**${orgPath}/units`);
    await follow(page, page.getByRole('link', { name: 'Importér medarbejdere', exact: true }), `**${orgPath}/staff-import`);
    await see(page.getByRole('heading', { level: 1, name: 'Importér medarbejdere' }), 'the import heading');
    const list = await page.getByRole('main').locator('ul.compact li').allTextContents();
    assert.deepEqual(list, ['organisation.csv', 'bruger.csv', 'stillingskode.csv', 'engagement.csv', 'leder.csv'], 'the page names the five files it wants');
    assert.equal(await page.getByRole('region', { name: 'Prøvekørsel' }).count(), 0, 'no report before a dry run');
    await checkWidths(page, 'staff import (HR)');

    // The file input by keyboard: focus it, choose the files (the browser's dialog), Tab to
    // the dry-run button and press Enter.
    const dryRun = async (files) => {
      const form = page.getByRole('form', { name: 'Upload filer' });
      const input = form.getByLabel('Filer', { exact: true });
      assert.equal(await input.getAttribute('multiple'), '', 'the file input takes several files');
      await input.focus();
      assert.equal((await focusedControl(page)).id, 'f-files', 'the file input has focus');
      await input.setInputFiles(files);
      await page.keyboard.press('Tab');
      const f = await focusedControl(page);
      assert.deepEqual([f.tag, f.text], ['button', 'Prøvekør (intet gemmes)'], 'Tab goes from the file input to the dry-run button');
      assert.equal(await submitByKey(page, null, 'Enter', `${orgPath}/staff-import`), 200);
      const report = page.getByRole('region', { name: 'Prøvekørsel' });
      await see(report, 'the "Prøvekørsel" section');
      await assertFocusOnNotice(page, 'Prøvekørsel: intet er gemt endnu.', 'dry-run notice');
      return report;
    };

    // The demo has imported these very files: nothing to import, and no button to do it.
    let report = await dryRun(await sampleFiles());
    let counts = await definitions(report);
    assert.equal(counts['Nye medarbejdere'], '0', 'the demo already has everyone in the files');
    assert.equal(counts['Uændrede'], '30', 'all 30 people in the files are unchanged');
    for (const k of ['Nye enheder', 'Ændrede enheder', 'Nedlagte enheder', 'Ændrede medarbejdere', 'Flyttede medarbejdere', 'Fratrådte (markeres, slettes ikke)', 'Genansatte']) {
      assert.equal(counts[k], '0', `"${k}" is 0 (got ${JSON.stringify(counts)})`);
    }
    await see(report.getByText('der er intet at importere'), 'the report says there is nothing to import');
    assert.equal(await report.getByRole('button', { name: 'Importér nu', exact: true }).count(), 0, 'no "Importér nu" when nothing changes');
    await checkWidths(page, 'staff import dry run (HR)');

    // One person got a mobile number in the payroll system: one change, imported by keyboard.
    const dir = path.join(tmpDir, `changed-import-${RUN}`);
    await mkdir(dir, { recursive: true });
    for (const f of await sampleFiles()) await copyFile(f, path.join(dir, path.basename(f)));
    const users = path.join(dir, 'bruger.csv');
    const lines = (await readFile(users, 'utf8')).split('\n');
    const at = lines.findIndex((l) => l.includes('loenkonsulent3.aabenraa@kompetence.test'));
    const cells = lines[at].split(',');
    cells[4] = '+45 20 30 40 50';
    lines[at] = cells.join(',');
    await writeFile(users, lines.join('\n'));
    report = await dryRun((await readdir(dir)).sort().map((f) => path.join(dir, f)));
    counts = await definitions(report);
    assert.equal(counts['Ændrede medarbejdere'], '1', `one changed (got ${JSON.stringify(counts)})`);
    const importNow = report.getByRole('button', { name: 'Importér nu', exact: true });
    await see(importNow, 'the "Importér nu" button');
    const confirmPath = await report.locator('form').getAttribute('action');
    assert.match(confirmPath, /\/staff-import\/\d+$/);
    assert.equal(await submitByKey(page, importNow, 'Space', confirmPath), 200);
    await see(page.getByRole('region', { name: 'Importen er gennemført' }), 'the "Importen er gennemført" section');
    await assertFocusOnNotice(page, 'Importen er gemt: 0 nye, 1 ændrede, 0 fratrådte medarbejdere og 0 nye eller ændrede enheder.', 'import notice');
    assert.equal(await page.getByRole('button', { name: 'Importér nu', exact: true }).count(), 0, 'nothing left to import');
    await checkWidths(page, 'staff import done (HR)');
  } finally {
    await context.close();
  }
});

test('a file with a missing parent unit: the import is refused, each problem listed with its file and line, nothing saved', { timeout: TEST_TIMEOUT }, async () => {
  const dir = path.join(tmpDir, `bad-import-${RUN}`);
  await mkdir(dir, { recursive: true });
  for (const f of await sampleFiles()) {
    if (path.basename(f) !== 'organisation.csv') await copyFile(f, path.join(dir, path.basename(f)));
  }
  await writeFile(path.join(dir, 'organisation.csv'), 'AfdelingsID,Afdelingsnavn,Parentid\nA,Kommunen,\nB,Løn,X\n');
  const files = (await readdir(dir)).sort().map((f) => path.join(dir, f));

  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.hr);
    const orgPath = await openMunicipality(page);
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Organisation', exact: true }), `**${orgPath}/units`);
    const before = await bodyRows(page.getByRole('table', { name: 'Organisation' }));

    await follow(page, page.getByRole('link', { name: 'Importér medarbejdere', exact: true }), `**${orgPath}/staff-import`);
    const form = page.getByRole('form', { name: 'Upload filer' });
    await form.getByLabel('Filer', { exact: true }).setInputFiles(files);
    const status = await submit(page, form.getByRole('button', { name: 'Prøvekør (intet gemmes)', exact: true }), `${orgPath}/staff-import`);
    assert.equal(status, 422, 'files with problems are answered 422');

    const alert = page.getByRole('alert').filter({ hasText: 'Filerne blev ikke importeret' });
    await see(alert, 'the "Filerne blev ikke importeret" alert');
    await assertFocusOnNotice(page, 'Intet er gemt.', 'refusal');
    const problems = page.getByRole('table', { name: 'Problemer i filerne' });
    const rows = await bodyRows(problems);
    assert.ok(rows.some(([file, line, msg]) => file === 'organisation.csv' && line === '3' && msg === 'Den overordnede enhed X findes ikke i filen.'),
      `organisation.csv line 3 names the missing parent X (got ${JSON.stringify(rows.slice(0, 3))} …)`);
    const n = Number((await alert.innerText()).match(/(\d+) problemer/)?.[1]);
    assert.equal(n, rows.length, 'the alert counts the problems listed');
    assert.equal(await page.getByRole('region', { name: 'Prøvekørsel' }).count(), 0, 'no dry-run report for refused files');
    assert.equal(await page.getByRole('button', { name: 'Importér nu', exact: true }).count(), 0, 'no "Importér nu" for refused files');
    await see(form.getByLabel('Filer', { exact: true }), 'the upload form, to try again');
    await checkWidths(page, 'staff import refused (422, HR)');

    await follow(page, page.getByRole('link', { name: 'Organisation', exact: true }), `**${orgPath}/units`);
    assert.deepEqual(await bodyRows(page.getByRole('table', { name: 'Organisation' })), before, 'the organisation tree is as before');
    assert.equal(await page.getByRole('rowheader', { name: 'Kommunen', exact: true }).count(), 0, 'the refused file\'s units were not created');
  } finally {
    await context.close();
  }
});

test('HR plans waves by keyboard: 90 % at work is refused, 2 waves at 50 % are saved, a move that breaks the rule is caught', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  const groupName = `Lønkonsulenter i Løn og Personale ${RUN}`;
  const planName = `Forår og efterår ${RUN}`;
  try {
    await logIn(page, USERS.hr);
    const orgPath = await openMunicipality(page);
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Målgrupper', exact: true }), `**${orgPath}/target-groups`);
    const groups = page.getByRole('table', { name: 'Målgrupper' });
    await see(groups.getByRole('link', { name: 'Lønkonsulenter', exact: true }), 'the demo\'s target group "Lønkonsulenter"');
    await checkWidths(page, 'target groups (HR)');

    const form = page.getByRole('form', { name: 'Ny målgruppe' });
    await form.getByLabel('Navn', { exact: true }).fill(groupName);
    await form.getByLabel('Stilling', { exact: true }).fill('Lønkonsulent');
    // The picker shows the tree ("— — Løn og Personale"): choose by the unit's own name.
    const unitSelect = form.getByLabel('Enhed', { exact: true });
    const payroll = await unitSelect.locator('option').filter({ hasText: /Løn og Personale$/ }).getAttribute('value');
    await unitSelect.selectOption(payroll);
    const subunits = form.getByRole('checkbox', { name: 'Også underliggende enheder' });
    if (!(await subunits.isChecked())) await subunits.check();
    assert.equal(await form.getByLabel('Stillingskode', { exact: true }).inputValue(), '');
    assert.equal(await form.getByLabel('Har ikke bestået modulet', { exact: true }).inputValue(), '');
    await form.getByRole('button', { name: 'Gem', exact: true }).click();
    await page.waitForURL(/\/target-groups\/\d+\?saved=1$/);
    const groupPath = new URL(page.url()).pathname;
    await see(page.getByRole('heading', { level: 1, name: groupName }), 'the new target group\'s heading');
    const saved = page.getByRole('status').filter({ hasText: /^Målgruppen er gemt: \d+ medlemmer i dag\.$/ });
    await see(saved, 'the "Målgruppen er gemt" notice');
    const total = Number((await saved.innerText()).match(/(\d+) medlemmer/)[1]);
    const members = page.getByRole('region', { name: 'Medlemmer' }).getByRole('table');
    const memberRows = await bodyRows(members);
    assert.equal(memberRows.length, total, 'the notice counts the members listed');
    assert.ok(total >= 24, `the six payroll consultants of each of the four teams are members (got ${total})`);
    assert.ok(memberRows.every((r) => TEAMS.includes(r[2])), 'every member is in one of the four teams');
    const facts = await definitions(page.getByRole('main'));
    assert.deepEqual([facts.Medlemmer, facts['Ikke planlagt'], facts.Planlagt], [String(total), String(total), '0'], 'nobody is planned yet');
    await see(members.getByRole('checkbox', { name: `Vælg ${memberRows[0][1]}`, exact: true }), 'a checkbox per member');
    await checkWidths(page, 'target group (HR)');

    // The plan by keyboard: type the name, Tab through the fields, Enter sends.
    const plans = page.getByRole('form', { name: 'Bølgeplaner' });
    const nameField = plans.getByLabel('Navn', { exact: true });
    await nameField.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(planName);
    await page.keyboard.press('Tab');
    assert.equal((await focusedControl(page)).id, 'f-waves', 'Tab goes to "Antal bølger"');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    const pct = plans.getByLabel('Mindst på arbejde i hvert team (%)', { exact: true });
    assert.equal((await focusedControl(page)).id, await pct.getAttribute('id'), 'Tab goes to "Mindst på arbejde"');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('90');
    assert.equal(await submitByKey(page, null, 'Enter', `${groupPath}/plans`), 422, 'a rule no split can keep is answered 422');
    const impossible = page.getByRole('alert').filter({ hasText: 'Ingen fordeling holder alle teams bemandet' });
    await see(impossible, 'the "Ingen fordeling holder alle teams bemandet" alert');
    await assertFocusOnNotice(page, 'Ingen fordeling holder alle teams bemandet', 'refusal');
    const reasons = await impossible.getByRole('listitem').allInnerTexts();
    assert.ok(reasons.some((r) => TEAMS.some((t) => r.startsWith(`${t}: `)) && r.includes('må være væk')),
      `the refusal names a team and how many may be away (got ${JSON.stringify(reasons)})`);
    assert.equal(await pct.inputValue(), '90', 'the refused percentage is kept for correcting');
    assert.equal(await plans.getByLabel('Navn', { exact: true }).inputValue(), planName, 'the plan\'s name is kept');
    await checkWidths(page, 'target group plan refused (422, HR)');

    await pct.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('50');
    const status = await submitByKey(page, null, 'Enter', `${groupPath}/plans`);
    assert.equal(status, 303);
    assert.match(page.url(), /\/wave-plans\/\d+\?saved=1$/);
    const planPath = new URL(page.url()).pathname;
    await see(page.getByRole('heading', { level: 1, name: planName }), 'the wave plan\'s heading');
    await assertFocusOnNotice(page, 'Bølgeplanen er gemt.', 'saved notice');
    await see(page.getByText('2 bølger, mindst 50 % af hvert team på arbejde.', { exact: true }), 'the plan\'s rule');
    const teams = await teamsPerWave(page);
    assert.equal(teams.length, TEAMS.length * 2, 'a row per team and wave');
    for (const t of teams) assert.ok(t.away <= t.allowed, `${t.team} in wave ${t.wave}: ${t.away} away, at most ${t.allowed}`);
    const before = await split(page);
    assert.equal(before.length, total, 'every member has a wave');
    assert.ok(before.every((m) => m.wave === '1' || m.wave === '2'), 'each in wave 1 or 2');
    plan = { path: planPath, name: planName, members: Object.fromEntries(before.map((m) => [m.name, m.team])) };
    await checkWidths(page, 'wave plan (HR)');

    // Move one of Team Nord from wave 2 to wave 1 with the arrow key on their select.
    const mover = before.find((m) => m.team === 'Team Nord' && m.wave === '2');
    assert.ok(mover, 'someone of Team Nord is in wave 2');
    const nord1 = teams.find((t) => t.team === 'Team Nord' && t.wave === 1);
    const select = page.getByRole('combobox', { name: `Bølge for ${mover.name}`, exact: true });
    await select.focus();
    await page.keyboard.press('ArrowUp');
    assert.equal(await select.inputValue(), '1', `ArrowUp moves ${mover.name} to wave 1`);
    const check = page.getByRole('button', { name: 'Kontrollér', exact: true });
    assert.equal(await submitByKey(page, check, 'Enter', planPath), 200);
    const broken = page.getByRole('alert').filter({ hasText: 'Fordelingen bryder reglerne' });
    await see(broken, 'the "Fordelingen bryder reglerne" alert');
    await assertFocusOnNotice(page, 'Fordelingen bryder reglerne', 'check result');
    const over = nord1.away + 1 - nord1.allowed;
    const expected = `Team Nord har ${nord1.away + 1} væk i bølge 1, men må højst have ${nord1.allowed} væk (${over} for mange).`;
    assert.deepEqual(await broken.getByRole('listitem').allInnerTexts(), [expected]);
    assert.equal(await page.getByRole('combobox', { name: `Bølge for ${mover.name}`, exact: true }).inputValue(), '1', 'the move is kept on the page for correcting');
    const nordNow = (await teamsPerWave(page)).find((t) => t.team === 'Team Nord' && t.wave === 1);
    assert.equal(nordNow.awayText, `${nord1.away + 1} for mange`, 'the teams table marks Team Nord\'s wave 1 "for mange"');
    await checkWidths(page, 'wave plan check broken (HR)');

    // "Kontrollér" saves nothing: the plan as saved is there when the page is opened again.
    await page.goto(planPath);
    assert.deepEqual(await split(page), before, 'opened again, the plan is as saved');
    assert.equal(await page.getByRole('alert').count(), 0, 'no broken rule in the saved plan');

    // "Foreslå igen" proposes and saves a split that keeps every team staffed.
    const again = await submitByKey(page, page.getByRole('button', { name: 'Foreslå igen', exact: true }), 'Enter', planPath);
    assert.equal(again, 303);
    await assertFocusOnNotice(page, 'Bølgeplanen er gemt.', 'saved notice');
    for (const t of await teamsPerWave(page)) assert.ok(t.away <= t.allowed, `after "Foreslå igen", ${t.team} in wave ${t.wave}: ${t.away} away, at most ${t.allowed}`);
    const proposed = await split(page);
    await page.reload();
    assert.deepEqual(await split(page), proposed, 'the proposal is saved: reloading shows the same split');
    plan.members = Object.fromEntries(proposed.map((m) => [m.name, m.team]));
  } finally {
    await context.close();
  }
});

test('HR enrols wave 1 for the leaders\' approval; team leader 1 rejects one request with a reason', { timeout: TEST_TIMEOUT }, async () => {
  assert.ok(plan, 'the wave plan test made a plan');
  const hr = await newPage();
  const leader = await newPage();
  const made = []; // enrolment paths the bulk enrolment made, withdrawn again at the end
  const reason = `Teamet har travlt med årsafslutningen ${RUN}`;
  try {
    const { page } = hr;
    await logIn(page, USERS.hr);
    const orgPath = await openMunicipality(page);
    await page.goto(plan.path);
    const wave1 = (await teamsPerWave(page)).filter((t) => t.wave === 1).reduce((n, t) => n + t.away, 0);
    const inWave1 = (await split(page)).filter((m) => m.wave === '1').map((m) => m.name).sort();
    assert.equal(inWave1.length, wave1, 'the teams table and the split agree on wave 1');

    const form = page.getByRole('form', { name: 'Tilmeld en bølge til et hold' });
    await form.getByLabel('Bølge', { exact: true }).selectOption({ label: 'Bølge 1' });
    const cohort = form.getByLabel('Hold', { exact: true });
    const options = await cohort.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() })));
    const open = options.filter((o) => o.value !== '');
    assert.ok(open.length > 0, `an open cohort is offered (got ${JSON.stringify(options)})`);
    await cohort.selectOption(open[0].value);
    const preApproved = form.getByRole('checkbox', { name: /^Allerede godkendt af lederne/ });
    assert.equal(await preApproved.isChecked(), false, '"Allerede godkendt af lederne" is not ticked by default');
    assert.equal(await submit(page, form.getByRole('button', { name: 'Tilmeld', exact: true }), `${plan.path}/enrol`), 200);

    await see(page.getByRole('heading', { level: 1, name: 'Resultat af tilmeldingen' }), 'the result heading');
    const summary = page.getByRole('status');
    await assertFocusOnNotice(page, 'venter på lederens godkendelse', 'result summary');
    const m = (await summary.innerText()).trim().match(/^(\d+) tilmeldt, (\d+) på venteliste, (\d+) venter på lederens godkendelse, (\d+) ikke tilmeldt\.$/);
    assert.ok(m, `the summary counts the outcomes (got "${await summary.innerText()}")`);
    const [enrolled, waitlisted, requested, refused] = m.slice(1).map(Number);
    const table = page.getByRole('main').getByRole('table');
    const caption = (await table.locator('caption').innerText()).trim();
    assert.ok(open[0].label.startsWith(caption), `the table is captioned with the cohort (got "${caption}", chose "${open[0].label}")`);
    const rows = await bodyRows(table);
    assert.deepEqual(rows.map((r) => r[0]).sort(), inWave1, 'a row for every person in wave 1');
    assert.equal(enrolled + waitlisted + requested + refused, rows.length, 'the summary adds up to the rows');
    assert.equal(rows.filter((r) => r[1] === 'Anmodet – afventer lederens godkendelse').length, requested, 'the rows awaiting approval say so');
    assert.equal(enrolled + waitlisted, 0, 'nothing is placed without the leaders\' approval');
    assert.ok(requested > 0, 'requests await the leaders\' approval');
    for (const href of await table.locator('tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) made.push(href);
    await checkWidths(page, 'bulk enrolment result (HR)');
    const mine = rows.filter((r) => plan.members[r[0]] === TEAM_LEADER_TEAM && r[1].startsWith('Anmodet')).map((r) => r[0]);
    assert.ok(mine.length > 0, `someone of ${TEAM_LEADER_TEAM} awaits approval`);

    // Team leader 1 sees the requests of her own team only, and rejects one with a reason.
    const lp = leader.page;
    await logIn(lp, TEAM_LEADER);
    await openMunicipality(lp);
    await follow(lp, lp.getByRole('main').getByRole('link', { name: 'Tilmeldinger', exact: true }), `**${orgPath}/enrolments`);
    await lp.getByLabel('Status', { exact: true }).selectOption({ label: 'Anmodet' });
    await lp.getByRole('button', { name: 'Filtrér', exact: true }).click();
    await lp.waitForURL(/[?&]state=requested/);
    const list = lp.getByRole('table', { name: 'Tilmeldinger' });
    const listed = await bodyRows(list);
    const ours = listed.filter((r) => r[1] === caption);
    for (const name of mine) assert.ok(ours.some((r) => r[0] === name), `${name}'s request is listed for ${TEAM_LEADER_NAME} (got ${JSON.stringify(listed)})`);
    for (const r of ours) assert.equal(plan.members[r[0]] ?? TEAM_LEADER_TEAM, TEAM_LEADER_TEAM, `only ${TEAM_LEADER_TEAM}'s requests are listed (${r[0]})`);
    const who = mine[0];
    await follow(lp, list.getByRole('link', { name: who, exact: true }).first(), /\/enrolments\/\d+$/);
    await see(lp.getByRole('definition').filter({ hasText: /^Anmodet$/ }), 'the state "Anmodet"');
    const reject = lp.getByRole('form', { name: 'Afvis anmodningen' });
    await see(reject, 'the "Afvis anmodningen" form');
    await checkWidths(lp, 'enrolment requested (team leader)');
    const enrolmentPath = new URL(lp.url()).pathname;
    await reject.getByLabel('Begrundelse', { exact: true }).focus();
    await lp.keyboard.type(reason);
    await lp.keyboard.press('Tab');
    const f = await focusedControl(lp);
    assert.deepEqual([f.tag, f.text], ['button', 'Afvis'], 'Tab goes from the reason to "Afvis"');
    assert.equal(await submitByKey(lp, null, 'Enter', `${enrolmentPath}/reject`), 303);
    await assertFocusOnNotice(lp, 'Tilmeldingen er opdateret: Afvist.', 'confirmation');
    await see(lp.getByRole('definition').filter({ hasText: /^Afvist$/ }), 'the state "Afvist"');
    const history = lp.getByRole('table', { name: 'Historik' });
    const last = (await bodyRows(history)).at(-1);
    assert.equal(last[1], `Anmodet → Afvist: ${reason}`, 'the history gives the reason');
    assert.equal(last[2], TEAM_LEADER_NAME, 'the history names the team leader');
    assert.equal(await lp.getByRole('button', { name: 'Afvis', exact: true }).count(), 0, 'no second rejection');
    assert.equal(await lp.getByRole('button', { name: 'Godkend', exact: true }).count(), 0, 'a rejected request cannot be approved');
    await checkWidths(lp, 'enrolment rejected (team leader)');

    // HR sees the rejection with its reason too.
    await page.goto(enrolmentPath);
    await see(page.getByRole('table', { name: 'Historik' }).getByRole('cell', { name: `Anmodet → Afvist: ${reason}`, exact: true }), 'the reason in HR\'s view of the history');
  } finally {
    // Withdraw the requests again, so the tests can run again on the same database (and the
    // cohorts tests can enrol their people on the spring cohort).
    await hr.page.context().clearCookies().catch(() => {});
    await logIn(hr.page, USERS.hr).catch(() => {});
    for (const href of made) {
      await hr.page.goto(href)
        .then(async () => {
          const withdraw = hr.page.getByRole('button', { name: 'Afmeld', exact: true });
          if ((await withdraw.count()) > 0) await submit(hr.page, withdraw, `${href}/withdraw`);
        })
        .catch(() => {});
    }
    await leader.context.close();
    await hr.context.close();
  }
});

test('HR takes the demo\'s Kompetencefond application to granted; an employee asks to go and HR sees the demand', { timeout: TEST_TIMEOUT }, async () => {
  const { context, page } = await newPage();
  try {
    await logIn(page, USERS.hr);
    const orgPath = await openMunicipality(page);
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Kompetencefonden', exact: true }), `**${orgPath}/fund`);
    const list = page.getByRole('table', { name: 'Kompetencefonden' });
    const row = list.getByRole('row').filter({ hasText: 'Kommunom: Offentlig forvaltning' });
    await see(row, 'the demo\'s group application');
    assert.match(await row.innerText(), /Indsendt/, 'submitted in the demo');
    await checkWidths(page, 'fund (HR)');
    await follow(page, row.getByRole('link'), /\/fund\/\d+$/);
    await see(page.getByText('45.600 kr.').first(), 'the fund\'s 80 % of six × 9.500 kr.');
    await checkWidths(page, 'fund application (HR)');
    const form = page.getByRole('form', { name: 'Skift status' });
    await form.getByLabel('Status', { exact: true }).selectOption({ label: 'Bevilget' });
    await submit(page, form.getByRole('button', { name: 'Gem', exact: true }), `${new URL(page.url()).pathname}/status`);
    await assertFocusOnNotice(page, 'Ansøgningen er gemt. Status: Bevilget.', 'granted notice');
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Kompetencefonden', exact: true }), `**${orgPath}/fund`);
    const totals = page.getByRole('table', { name: 'Bevilget pr. afdeling' });
    assert.deepEqual((await bodyRows(totals))[0], ['Løn og Personale', '6', '45.600 kr.', '11.400 kr.'], 'the grant per department');
  } finally {
    await context.close();
  }
  // Dorthe Dam asks to go from her catalogue.
  const employee = await newPage();
  try {
    await logIn(employee.page, 'deltager.aabenraa@kompetence.test');
    await follow(employee.page, employee.page.getByRole('link', { name: 'Uddannelser jeg kan komme på', exact: true }), '**/me/catalogue');
    const card = employee.page.locator('li.card').first();
    await card.getByLabel('Hvorfor (frivilligt)').fill('Vi får ny lønaftale');
    await submit(employee.page, card.getByRole('button', { name: 'Jeg vil gerne deltage', exact: true }), '/me/interests');
    await see(employee.page.getByRole('status').filter({ hasText: 'er sendt til HR og din leder' }), 'the confirmation');
    await checkWidths(employee.page, 'my catalogue (participant)');
  } finally {
    await employee.context.close();
  }
  const hr = await newPage();
  try {
    await logIn(hr.page, USERS.hr);
    const orgPath = await openMunicipality(hr.page);
    await follow(hr.page, hr.page.getByRole('main').getByRole('link', { name: 'Efterspørgsel', exact: true }), `**${orgPath}/demand`);
    await see(hr.page.getByRole('row').filter({ hasText: 'Dorthe Dam' }).filter({ hasText: 'Vi får ny lønaftale' }), 'Dorthe\'s wish with her reason');
    await checkWidths(hr.page, 'demand (HR)');
  } finally {
    await hr.context.close();
  }
});

test('layout: no page of the planning pages scrolls sideways at 375 px', { timeout: TEST_TIMEOUT }, async (t) => {
  assert.ok(narrowLayouts.length > 0, 'pages were measured at 375 px');
  for (const r of narrowLayouts) {
    await t.test(`375 px: ${r.label}`, () => {
      assert.ok(r.scrollWidth <= r.innerWidth + 1,
        `${r.label} (${r.url}) is ${r.scrollWidth} px wide in a ${r.innerWidth} px window; sticking out:\n  ${r.culprits.join('\n  ') || '(no single element found)'}`);
    });
  }
  const wide = narrowLayouts.filter((r) => r.scrollWidth > r.innerWidth + 1);
  assert.equal(wide.length, 0, `${wide.length} page state(s) scroll sideways at 375 px: ${wide.map((r) => r.label).join('; ')}`);
});

test('accessibility: axe finds no WCAG 2.1 A/AA violations on any visited page', { timeout: TEST_TIMEOUT }, (t) => assertNoAxeViolations(t,
  [
    'units (HR)', 'units (head of payroll)', 'units (team leader)', 'staff import (HR)', 'staff import dry run (HR)',
    'staff import done (HR)', 'staff import refused (422, HR)', 'target groups (HR)', 'target group (HR)',
    'target group plan refused (422, HR)', 'wave plan (HR)', 'wave plan check broken (HR)', 'bulk enrolment result (HR)',
    'enrolment requested (team leader)', 'enrolment rejected (team leader)', 'fund (HR)', 'fund application (HR)',
    'my catalogue (participant)', 'demand (HR)',
  ].flatMap((l) => [`${l} at 1280 px`, `${l} at 375 px`]),
));
