import { existsSync, rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, demoSignIn, launchBrowser, newDesktop, newPhone, screenshot, seriousViolations } from './browser';
import { buildWeb, Service, startService } from './service';

/**
 * The journeys in a real browser (Debian's chromium through playwright-core) against the real
 * service started as `npm start` starts it (demo organisation, embedded profile): each page is
 * also checked with axe-core and photographed at phone and desktop width for the README.
 */
const describeIfBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

// A shared 2-core machine: a page's first load can take a while.
jest.setTimeout(90_000);

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

  it('a manager attests it from the inbox', async () => {
    await withPage(newDesktop(browser, service.baseUrl), async (page) => {
      await demoSignIn(page, person('manager').name, '/mig');
      await page.getByRole('link', { name: 'Chef' }).click();
      await page.getByRole('heading', { name: /^Att attestera \(\d+\)/ }).waitFor();
      const employee = person('employee');
      const row = page.getByRole('row').filter({ hasText: employee.name.startsWith('Anställd ') ? employee.id : employee.name }).filter({ hasText: 'Sjukdom' }).first();
      await row.waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'inbox-desktop');
      await row.getByRole('button', { name: /^Attestera/ }).click();
      await page.getByText('Attesterad.').waitFor();
      await page.getByRole('heading', { name: 'Vem är borta' }).waitFor();
      await page.locator('#figures ~ figure canvas, #figures + figure canvas').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });

  it('HR sees the figures as plots and the annual-report table', async () => {
    await withPage(newDesktop(browser, service.baseUrl), async (page) => {
      await demoSignIn(page, person('hr').name, '/hr');
      await page.getByRole('heading', { name: 'Sjukfrånvaro per månad (%)' }).waitFor();
      await page.locator('canvas').first().waitFor();
      await page.getByRole('table', { name: /Årsredovisningens tabell/ }).waitFor();
      await page.getByText('Visa siffrorna som tabell').first().click();
      expect(await page.getByRole('cell', { name: /\d/ }).count()).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'dashboard-desktop');
    });
  });

  it('payroll exports a period and locks it, with the lock warnings', async () => {
    await withPage(newDesktop(browser, service.baseUrl), async (page) => {
      await demoSignIn(page, person('payroll').name, '/lon');
      const month = (await page.getByRole('heading', { level: 2 }).nth(1).innerText()).match(/\d{4}-\d{2}/)![0];
      const section = page.locator('section', { has: page.getByRole('heading', { name: new RegExp(month) }) });
      const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Exportera CSV' }).click()]);
      expect(download.suggestedFilename()).toBe(`lon-${month}.csv`);
      page.once('dialog', (d) => void d.accept());
      await section.getByRole('button', { name: 'Lås perioden' }).click();
      await section.getByText(/Perioden är låst\. Ej attesterade fall: \d+/).waitFor();
      await section.getByRole('heading', { name: new RegExp(`${month} · Låst`) }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });

  it('an auditor replays the case as it was known at an earlier moment', async () => {
    await withPage(newDesktop(browser, service.baseUrl), async (page) => {
      await demoSignIn(page, person('auditor').name, '/revision');
      const employee = person('employee');
      await page.getByRole('combobox', { name: 'Välj medarbetare' }).selectOption(employee.id);
      const caseSelect = page.getByRole('combobox', { name: 'Välj ärende' });
      await caseSelect.locator('option', { hasText: 'Sjukdom' }).last().waitFor({ state: 'attached' });
      const value = await caseSelect.locator('option', { hasText: 'Sjukdom' }).last().getAttribute('value');
      await caseSelect.selectOption(value!);
      await page.getByRole('heading', { name: 'Händelser' }).waitFor();
      const rows = page.locator('#timeline ~ div table tbody tr, #timeline + div table tbody tr');
      // Reported and reported back (the employee's journey above): at least two events.
      await rows.nth(1).waitFor();
      // The moment right after the first event: reported, not yet back or attested.
      await rows.first().getByRole('button').click();
      await page.getByTestId('as-of-status').waitFor();
      expect(await page.getByTestId('as-of-status').innerText()).toBe('Väntar på chefens attest');
      await page.getByRole('button', { name: 'Kontrollera loggen' }).click();
      await page.getByText(/^Loggen är oförändrad/).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'auditor-desktop');
    });
  });
});
