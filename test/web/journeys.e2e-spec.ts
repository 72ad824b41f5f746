import { existsSync, rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, demoSignIn, launchBrowser, newPhone, screenshot, seriousViolations } from './browser';
import { buildWeb, Service, startService } from './service';

/**
 * The journeys in a real browser (Debian's chromium through playwright-core) against the real
 * service started as `npm start` starts it (demo organisation, embedded profile): each page is
 * also checked with axe-core and photographed at phone and desktop width for the README.
 */
const describeIfBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

describeIfBrowser('web front end in a browser', () => {
  let web: string;
  let service: Service;
  let browser: Browser;
  let people: Array<{ id: string; name: string; roles: string[] }>;

  beforeAll(async () => {
    web = buildWeb();
    service = await startService({ demo: true, port: 4721, webDistDir: web });
    browser = await launchBrowser();
    people = ((await (await fetch(`${service.baseUrl}/demo/people.json`)).json()) as { people: typeof people }).people;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    if (web) rmSync(web, { recursive: true, force: true });
  });

  const person = (role: string) => people.find((p) => p.roles.includes(role) && (role !== 'employee' || !p.roles.includes('manager')))!;

  async function withPage<T>(context: Promise<BrowserContext>, run: (page: Page) => Promise<T>): Promise<T> {
    const ctx = await context;
    try {
      return await run(await ctx.newPage());
    } finally {
      await ctx.close();
    }
  }

  it('the demo sign-in page lists the demo people by role and name', async () => {
    await withPage(newPhone(browser, service.baseUrl), async (page) => {
      await page.goto('/');
      await page.waitForURL('**/demo**');
      for (const heading of ['Medarbetare', 'Chef', 'HR', 'Lön', 'Internrevision']) {
        await page.getByRole('heading', { name: heading }).waitFor();
      }
      await page.getByRole('button', { name: new RegExp(`^${person('hr').name}`) }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'sign-in-phone');
    });
  });

  it('an employee reports sick in one tap and back in one tap, on a phone', async () => {
    await withPage(newPhone(browser, service.baseUrl), async (page) => {
      await demoSignIn(page, person('employee').name, '/mig');
      await page.getByRole('button', { name: /^Sjukanmälan/ }).click();
      await page.getByText('Du är sjukanmäld från i dag').waitFor();
      await page.getByRole('heading', { name: 'Pågående frånvaro' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'employee-phone');
      await page.getByRole('button', { name: /^Friskanmälan/ }).click();
      await page.getByRole('button', { name: /^Sjukanmälan/ }).waitFor();
      await page.getByText('Väntar på chefens attest').first().waitFor();
    });
  });
});
