import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:18777';
const [email, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--headless'] });
const ctx = await browser.newContext({ baseURL: base });
const page = await ctx.newPage();
if (email !== '-') {
  await page.goto('/login');
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Adgangskode', { exact: true }).fill('kompetence-demo');
  await page.getByRole('button', { name: 'Log ind', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
for (const p of paths) {
  const r = await page.goto(p);
  console.log('=====', p, r.status(), page.url());
  console.log(await page.locator('main').innerHTML());
}
await browser.close();
