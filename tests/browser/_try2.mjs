import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:18777';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--headless'] });
for (const [email, paths] of [['deltager.bornholm@kompetence.test', ['/me/transcript', '/me/exams']], ['hr.bornholm@kompetence.test', ['/o/4/enrolments', '/o/4/enrolments/1']]]) {
const ctx = await browser.newContext({ baseURL: base });
const page = await ctx.newPage();
await page.goto('/login');
await page.getByLabel('E-mail', { exact: true }).fill(email);
await page.getByLabel('Adgangskode', { exact: true }).fill('kompetence-demo');
await page.getByRole('button', { name: 'Log ind', exact: true }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
await page.goto(paths[0]);
await page.getByRole('button', { name: 'English' }).click();
await page.waitForLoadState();
for (const p of paths) { await page.goto(p); console.log(p, page.url()); console.log((await page.locator('main').innerText())); }
await page.getByRole('button', { name: 'Dansk' }).click();
await page.waitForLoadState();
console.log(await page.getAttribute('html','lang'));
await ctx.close();
}
await browser.close();
