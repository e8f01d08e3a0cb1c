// Browser tests for Kompetence — people, log-in and language.
//
// Log-in (also by keyboard only), the language switch, error pages and the accessibility
// statement; HR's employees (paging, search, a form with errors) and API keys; the platform
// admin; each role's own organisation; the leader's staff; and the check that axe is live.
//
// The file starts its own server with fresh demo data (support.mjs) and ends with the axe
// WCAG 2.1 A/AA check of the page states its tests visited.
// Run: cd tests/browser && node --test (every file), or node --test people.test.mjs (this one).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import {
  PASSWORD, RUN, START_TIMEOUT, STOP_TIMEOUT, TEST_TIMEOUT, USERS, WCAG_TAGS, assertNoAxeViolations,
  checkA11y, focused, follow, htmlLang, logIn, logOut, newPage, see, startServer, stopServer,
} from './support.mjs';

before(() => startServer('people'), { timeout: START_TIMEOUT });
after(stopServer, { timeout: STOP_TIMEOUT });

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

    // Lifting a person's login delays says so, focused for screen readers.
    await page.getByRole('button', { name: `Ophæv forsinkelser ${USERS.provider}` }).click();
    await page.waitForURL(/[?&]unlocked=/);
    const notice = page.getByRole('status').filter({ hasText: `Login-forsinkelserne for ${USERS.provider} er ophævet.` });
    await see(notice, 'the unlock confirmation');
    assert.ok(await notice.evaluate((el) => el === document.activeElement), 'the confirmation has focus');
    await checkA11y(page, 'admin users after an unlock');

    // The audit log lists the logins and the unlock just made.
    await follow(page, nav.getByRole('link', { name: 'Revisionslog', exact: true }), '**/admin/audit');
    await see(page.getByRole('heading', { level: 1, name: 'Revisionslog' }), 'the audit log heading');
    const log = page.getByRole('table', { name: 'Revisionslog' });
    await see(log.getByRole('cell', { name: 'Login-forsinkelser ophævet' }).first(), 'the unlock in the audit log');
    await see(log.getByRole('cell', { name: 'Logget ind' }).first(), 'a login in the audit log');
    await checkA11y(page, 'audit log (platform admin)');
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

test('accessibility: axe finds no WCAG 2.1 A/AA violations on any visited page', { timeout: TEST_TIMEOUT }, (t) => assertNoAxeViolations(t, [
  'login (da)', 'login failed (da)', 'login (en)', 'dashboard (HR)', 'dashboard (leader, en)',
  'dashboard (platform admin)', 'dashboard (participant)', 'organisation page (HR)', 'organisation page (leader, en)',
  'organisation page (provider)', 'employees list page 1 (HR)', 'employees list page 2 (HR)',
  'employees list (leader, en)', 'employees list (leader)', 'employee detail (HR)',
  'employees form with errors (422, HR)', 'employee saved (HR)', 'employees search result (HR)', 'API keys (HR)',
  'API key created (provider)', 'accessibility statement (da, logged in)', 'accessibility statement (en)',
  'error 404 (HR)', 'error 404 (en)', 'error 403 (HR on /admin/orgs)', 'admin organisations',
  'admin organisation detail', 'admin users page 1',
]));
