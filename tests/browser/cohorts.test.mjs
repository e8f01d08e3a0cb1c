// Browser tests for Kompetence — cohorts: enrolment, the provider's set-up, calendar feeds.
//
// HR enrols from the catalogue (the participant's Mit forløb and calendar feed), approves,
// meets closed cohorts; the provider admin sets up programmes, modules and a cohort with days
// across the summer-time changes; the teacher's view; the external iCalendar checkers on both
// feeds. One file, as the iCalendar test checks the feeds of the enrolment and the provider
// tests, and the catalogue test checks the cohort the provider test made.
//
// The file starts its own server with fresh demo data (support.mjs) and ends with the axe
// WCAG 2.1 A/AA check of the page states its tests visited.
// Run: cd tests/browser && node --test (every file), or node --test cohorts.test.mjs (this one).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AUTUMN, BORNHOLM, COHORT_AUTUMN, COHORT_SPRING, FEED_PATH, MODULE, MODULE_EN, MUNICIPALITY,
  PROVIDER, RUN, SPRING, SPRING_YEAR, START_TIMEOUT, STOP_TIMEOUT, TEST_TIMEOUT, THIS_YEAR, TODAY,
  USERS, addDays, assertFocusOnNotice, assertNoAxeViolations, assertNoCsrfCookie, baseURL,
  checkA11y, fetchFeed, findOnPages, focused, focusedControl, follow, htmlLang, icalStamp,
  lastSunday, logIn, logOut, newPage, rowCells, searchCatalogue, see, startServer, stopServer,
  submit, switchLanguage, tableRows, tmpDir,
} from './support.mjs';

before(() => startServer('cohorts'), { timeout: START_TIMEOUT });
after(stopServer, { timeout: STOP_TIMEOUT });

/** The cohort the provider test creates (the teacher test checks it is not shown). */
let createdCohort; // { name, path }
/** Calendar feeds saved by the tests, for the external iCalendar checkers: { label: file }. */
const savedFeeds = {};

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

    // Enrol as a user would: click into the field, type, Tab to the approval box (not ticked
    // by default: the leader approves), tick it with Space as HR who has the leader's word,
    // Tab to the button and press Enter.
    const form = page.getByRole('form', { name: 'Tilmeld en medarbejder' });
    const emailField = form.getByLabel('Medarbejderens e-mail', { exact: true });
    const approve = form.getByRole('checkbox', { name: /^Godkendt af leder nu/ });
    assert.equal(await approve.isChecked(), false, '"Godkendt af leder nu" is not ticked by default');
    await emailField.click();
    await page.keyboard.type(USERS.enrollee);
    await page.keyboard.press('Tab');
    let f = await focusedControl(page);
    assert.deepEqual([f.tag, f.type, f.checked], ['input', 'checkbox', false], 'Tab goes from the e-mail to the approval box');
    await page.keyboard.press('Space');
    assert.equal(await approve.isChecked(), true, 'Space ticks "Godkendt af leder nu"');
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

    // The same person once more, pre-approved again: 422, the error at the field, the e-mail
    // and the ticked box kept.
    await emailField.fill(USERS.enrollee);
    await approve.check();
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
    // Left as it is: not ticked, so the request waits for the leader's (here HR's) approval.
    const approve = form.getByRole('checkbox', { name: /^Godkendt af leder nu/ });
    assert.equal(await approve.isChecked(), false, '"Godkendt af leder nu" is not ticked by default');
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

test('accessibility: axe finds no WCAG 2.1 A/AA violations on any visited page', { timeout: TEST_TIMEOUT }, (t) => assertNoAxeViolations(t, [
  'catalogue (HR)', 'catalogue search result (HR)', 'catalogue cohort (HR)', 'catalogue cohort enrolled (HR)',
  'catalogue cohort double enrolment (422, HR)', 'catalogue cohort unknown e-mail, approval unticked (422, HR)',
  'catalogue cohort closed (HR)', 'catalogue cohort after deadline (422, HR)', 'catalogue with a closed cohort (HR)',
  'enrolments list (HR)', 'enrolments list filtered (HR)', 'enrolment detail (HR)', 'enrolment detail requested (HR)',
  'enrolment approved (HR)', 'enrolment withdrawn (HR)', 'enrolments list (HR, en)', 'enrolment detail (HR, en)',
  'my schedule (participant)', 'my schedule feed renewed (participant)', 'my schedule (teacher)',
  'programmes list (provider)', 'programme page (provider)', 'degree progress (provider)',
  'programme add-module form with errors (422, provider)', 'modules list (provider)', 'module page (provider)',
  'grade statistics (provider)', 'cohorts list (provider)', 'cohort page (provider)',
  'cohort add-day form with errors (422, provider)', 'cohorts list (teacher)', 'cohort page (teacher)',
]));
