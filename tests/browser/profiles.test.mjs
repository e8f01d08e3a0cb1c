// Browser tests for Kompetence — evaluations, type profiles, materials and coverage.
//
// The participant's and the teacher's Evalueringer, Typeprofil and Materialer og cases, the
// provider admin's Profilinstrumenter, and Bornholm's HR: evaluations and Dækning.
//
// The file starts its own server with fresh demo data (support.mjs) and ends with the axe
// WCAG 2.1 A/AA check of the page states its tests visited.
// Run: cd tests/browser && node --test (every file), or node --test profiles.test.mjs (this one).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BORNHOLM, COHORT_AUTUMN, PROVIDER, RUN, START_TIMEOUT, STOP_TIMEOUT, TEST_TIMEOUT, USERS,
  assertNoAxeViolations, browser, checkA11y, download, focusedControl, follow, logIn, newPage,
  openAutumnCohortAsTeacher, openFromMyCourse, rowCells, see, startServer, stopServer, submit,
  switchLanguage,
} from './support.mjs';

before(() => startServer('profiles'), { timeout: START_TIMEOUT });
after(stopServer, { timeout: STOP_TIMEOUT });

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

test('accessibility: axe finds no WCAG 2.1 A/AA violations on any visited page', { timeout: TEST_TIMEOUT }, (t) => assertNoAxeViolations(t, [
  'my evaluations (participant)', 'my profiles (participant)', 'profile view (participant)',
  'profile questionnaire (participant)', 'my materials (participant)', 'my materials with a file (participant)',
  'cohort materials (teacher)', 'cohort materials with a file (teacher)',
  'cohort materials with an error (422, teacher)', 'cohort evaluations (teacher)', 'cohort shared profiles (teacher)',
  'instruments (provider)', 'instruments with an error (422, provider)', 'evaluations (HR)', 'coverage report (HR)',
]));
