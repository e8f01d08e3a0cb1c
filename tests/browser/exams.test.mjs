// Browser tests for Kompetence — exams, grading, certificates, /verify and transcripts.
//
// The provider admin's exams and exam set-up; the examiner and the censor grade Jonas Funch;
// his certificate is issued, downloaded and checked on /verify (pasted, uploaded, tampered, by
// keyboard); a re-issue and a revocation of Birgit Ipsen's; Mine eksamener and transcripts.
// One file, as the certificate tests need the grade the grading test gives.
//
// The file starts its own server with fresh demo data (support.mjs) and ends with the axe
// WCAG 2.1 A/AA check of the page states its tests visited.
// Run: cd tests/browser && node --test (every file), or node --test exams.test.mjs (this one).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTUMN, BORNHOLM, COHORT_AUTUMN, MODULE, MODULE_EN, PROVIDER, RUN, START_TIMEOUT, STOP_TIMEOUT,
  TEST_TIMEOUT, TODAY, USERS, assertFocusOnNotice, assertNoAxeViolations, checkA11y, definitions,
  download, findOnPages, focused, focusedControl, follow, htmlLang, logIn, logOut, newPage,
  rowCells, see, startServer, stopServer, submit, switchLanguage, tableRows,
} from './support.mjs';

before(() => startServer('exams'), { timeout: START_TIMEOUT });
after(stopServer, { timeout: STOP_TIMEOUT });

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

test('accessibility: axe finds no WCAG 2.1 A/AA violations on any visited page', { timeout: TEST_TIMEOUT }, (t) => assertNoAxeViolations(t, [
  'own degree progress (participant)', 'exams list (teacher)', 'exams list (censor)', 'exams list (admin)',
  'grading page (examiner)', 'grading page (censor)', 'grading page (final grade given)', 'exam set-up page (admin)',
  'exam set-up locked (422, admin)', 'my exams (participant, graded)', 'my exams (participant with grade)',
  'transcript (participant)', 'transcript (participant with grade)', 'transcript (participant with grade, en)',
  'certificates page (provider)', 'certificates page issued (provider)', 'certificates page after revoking (provider)',
  'my certificates (participant)', 'my certificates with revoked ones (participant)', 'verify (empty)',
  'verify valid (pasted)', 'verify valid (uploaded)', 'verify tampered', 'verify unknown issuer', 'verify revoked',
  'verify with an error (422, empty)', 'verify not a credential (keyboard)',
]));
