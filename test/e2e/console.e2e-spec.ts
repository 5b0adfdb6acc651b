/**
 * The operator console in a real browser (Debian's Chromium driven by playwright-core) against the whole system
 * started once as `npm start` does, the console built and served by the gateway. Each role signs in and sees what
 * `can` lets it see; the directory lists and pages; a problem document's field errors appear beside their fields.
 * Every page is checked with axe-core (no serious or critical violation) and saved as a screenshot under
 * test/e2e/screenshots/ (gitignored; look at them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { pollUntil } from '@crosswalk/testing';
import { ROOT, type Reply, type RunningSystem, call, startSystem, token } from './support';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// A closed network: nothing of Chromium's own may call home or update itself.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const admin = token({ role: 'network_admin', subject: 'console-admin' });
const analyst = token({ role: 'analyst', subject: 'console-analyst' });
let system: RunningSystem;
let gw: string;
let browser: Browser;
const ids: Record<string, string> = {};

async function post(path: string, body: unknown): Promise<Reply> {
  const reply = await call(gw, path, { method: 'POST', token: admin, body });
  if (reply.status >= 300) throw new Error(`POST ${path} -> ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

/** A fresh tab signed in with `jwt` through the sign-in screen, as a person would, then at `path`. */
async function signedIn(jwt: string, path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => console.error(`browser: ${error.message}`));
  await page.goto(`${gw}${path}`);
  await page.getByRole('heading', { name: 'Sign in to the Crosswalk console' }).waitFor();
  await page.getByLabel('Token').fill(jwt);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return page;
}

/** axe-core in the page (evaluated over CDP, so a strict Content-Security-Policy does not block it). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, not a function: this file is compiled without the DOM's types.
  const violations = (await page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((result) =>
      result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) })),
    )
  `)) as { id: string; impact: string | null; targets: string[] }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(' ')}`);
}

async function check(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
}

/** Presses Tab until the focused element's text is `name`; how many presses it took. */
async function tabTo(page: Page, name: string, limit = 40): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate('document.activeElement && document.activeElement.textContent.trim()')) === name) return presses;
  }
  throw new Error(`${name} was not reached with ${limit} presses of Tab`);
}

const rowsOf = async (page: Page, caption: string): Promise<string[]> => {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  return table.locator('tbody tr').allInnerTexts();
};

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  system = await startSystem();
  gw = system.gateway;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });

  ids.city = (await post('/v1/cities', { name: 'Console City', state: 'OH' })).body.id;
  ids.elsewhere = (await post('/v1/cities', { name: 'Elsewhere', state: 'MI' })).body.id;
  ids.lincoln = (await post('/v1/schools', { name: 'Lincoln Elementary', sector: 'district', cityId: ids.city })).body.id;
  ids.harbor = (await post('/v1/schools', { name: 'Harbor Academy', sector: 'charter', cityId: ids.city })).body.id;
  ids.far = (await post('/v1/schools', { name: 'Far School', sector: 'charter', cityId: ids.elsewhere })).body.id;
  ids.ada = (await post('/v1/people', { fullName: 'Ada Park', email: 'ada.park@console.example' })).body.id;
  ids.bo = (await post('/v1/people', { fullName: 'Bo Diaz', email: 'bo.diaz@console.example' })).body.id;
  await post(`/v1/schools/${ids.lincoln}/leadership-transitions`, { role: 'principal', incomingPersonId: ids.ada, effectiveDate: '2021-08-01' });
  await post(`/v1/schools/${ids.lincoln}/leadership-transitions`, {
    role: 'principal',
    incomingPersonId: ids.bo,
    effectiveDate: '2024-07-01',
    reason: 'Ada Park retired',
  });
  // A recent change, for the Today screen's last 30 days.
  ids.cy = (await post('/v1/people', { fullName: 'Cy Lee', email: 'cy.lee@console.example' })).body.id;
  const fiveDaysAgo = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
  await post(`/v1/schools/${ids.harbor}/leadership-transitions`, { role: 'principal', incomingPersonId: ids.cy, effectiveDate: fiveDaysAgo });
}, 280_000);

afterAll(async () => {
  await browser?.close();
  system?.stop();
});

describe('the operator console in Chromium', () => {
  it('is served by the gateway with its caching, and its OpenAPI snapshot is the running API’s', async () => {
    const index = await fetch(`${gw}/directory/schools`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${gw}${script}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const checked = spawnSync(process.execPath, ['services/console/scripts/generate-api.js', '--check', gw], { cwd: ROOT, encoding: 'utf8' });
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  });

  it('asks for a token first, and refuses one that is not a console token', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw}/directory/schools`);
    await page.getByRole('heading', { name: 'Sign in to the Crosswalk console' }).waitFor();
    await page.getByLabel('Token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This is not a token').waitFor();
    await check(page, 'sign-in-refused');
    await page.close();
  });

  it('shows a network admin the schools of every city, filtered by the URL, with the write buttons', async () => {
    const page = await signedIn(admin, `/directory/schools?cityId=${ids.city}`);
    expect(await page.getByTestId('signed-in-as').innerText()).toBe('Network admin');
    const rows = await rowsOf(page, 'Schools');
    expect(rows.map((r) => r.split('\t')[0]).sort()).toEqual(['Harbor Academy', 'Lincoln Elementary']);
    await expect(page.getByRole('button', { name: 'New school' }).isVisible()).resolves.toBe(true);
    await check(page, 'schools-admin');

    // A filter changes the URL, so the link reproduces the view.
    await page.getByLabel('Sector').selectOption('charter');
    await page.waitForURL((url) => url.searchParams.get('sector') === 'charter');
    await pollUntil(
      () => rowsOf(page, 'Schools'),
      (r) => r.length === 1 && r[0].startsWith('Harbor Academy'),
      { timeoutMs: 20_000, description: 'the charter filter' },
    );
    await page.close();
  });

  it('shows the API’s field errors beside the fields of a form', async () => {
    const page = await signedIn(admin, `/directory/schools?cityId=${ids.city}`);
    // By keyboard, as every control must be reachable: on a freshly opened page the skip link is the first Tab
    // stop, then on to the button.
    await page.reload();
    await page.getByRole('table', { name: 'Schools' }).waitFor();
    expect(await tabTo(page, 'Skip to content')).toBe(1);
    await tabTo(page, 'New school');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Create school' }).click();
    const name = page.getByRole('form', { name: 'New school' }).getByLabel('Name');
    await pollUntil(
      () => name.getAttribute('aria-invalid'),
      (v) => v === 'true',
      { timeoutMs: 20_000, description: 'the name field marked invalid' },
    );
    const describedBy = await name.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toMatch(/name/i);
    await check(page, 'school-form-field-errors');
    await page.close();
  });

  it('shows a school’s leadership timeline and who led it on a date given in the URL', async () => {
    const page = await signedIn(admin, `/directory/schools/${ids.lincoln}?on=2022-01-15`);
    await page.getByRole('heading', { name: 'Lincoln Elementary' }).waitFor();
    const timeline = page.getByRole('list', { name: 'Leadership timeline' });
    await timeline.waitFor();
    const entries = await timeline.locator('li').allInnerTexts();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain('Bo Diaz');
    expect(entries[1]).toContain('Ada Park');
    expect(await page.getByTestId('principal-on-date').innerText()).toContain('Ada Park');
    await check(page, 'school-page');
    await page.close();
  });

  it('shows an analyst everything and no write button', async () => {
    const page = await signedIn(analyst, '/directory/schools');
    expect(await page.getByTestId('signed-in-as').innerText()).toBe('Analyst');
    const rows = await rowsOf(page, 'Schools');
    expect(rows.map((r) => r.split('\t')[0]).sort()).toEqual(['Far School', 'Harbor Academy', 'Lincoln Elementary']);
    expect(await page.getByRole('button', { name: 'New school' }).count()).toBe(0);
    await check(page, 'schools-analyst');
    await page.close();
  });

  it('shows a city operator its own city only', async () => {
    const operator = token({ role: 'city_operator', cities: [ids.city], subject: 'console-operator' });
    const page = await signedIn(operator, '/directory/schools');
    expect(await page.getByTestId('signed-in-as').innerText()).toBe('City operator · 1 city');
    const rows = await rowsOf(page, 'Schools');
    expect(rows.map((r) => r.split('\t')[0]).sort()).toEqual(['Harbor Academy', 'Lincoln Elementary']);
    await expect(page.getByRole('button', { name: 'New school' }).isVisible()).resolves.toBe(true);
    // Another city's school is not found, as the API says.
    await page.goto(`${gw}/directory/schools/${ids.far}`);
    await page.getByText('Not found, or not in your cities.').waitFor();
    await check(page, 'school-other-city-operator');
    await page.close();
  });

  it('lists cities, people and events', async () => {
    const page = await signedIn(admin, '/directory/cities');
    expect((await rowsOf(page, 'Cities')).map((r) => r.split('\t')[0]).sort()).toEqual(['Console City', 'Elsewhere']);
    await check(page, 'cities');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    expect((await rowsOf(page, 'People')).map((r) => r.split('\t')[0]).sort()).toEqual(['Ada Park', 'Bo Diaz', 'Cy Lee']);
    await check(page, 'people');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
    await page.getByText('No event matches.').waitFor();
    await check(page, 'events-empty');
    await page.close();
  });

  it('opens on Today: the last 30 days’ leadership changes in one request, and what waits for a decision', async () => {
    const page = await signedIn(admin, '/');
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    const rows = await rowsOf(page, 'Leadership transitions');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Harbor Academy');
    expect(rows[0]).toContain('Cy Lee');
    await page.getByText('No colocation is waiting for a recommitment.').waitFor();
    await page.getByText('No upcoming event is affected.').waitFor();
    await check(page, 'today');
    await page.getByRole('link', { name: 'Review the school' }).click();
    await page.getByRole('heading', { name: 'Harbor Academy' }).waitFor();
    await page.close();
  });

  it('shows the network dashboard with turnover from the recorded transitions', async () => {
    const page = await signedIn(admin, `/dashboard?cityId=${ids.city}`);
    await page.getByRole('heading', { name: 'Network dashboard' }).waitFor();
    // The metrics service learns of the transitions from Kafka: reload until its report has them.
    await pollUntil(
      async () => {
        await page.reload();
        return rowsOf(page, 'Leadership turnover by year');
      },
      (rows) => rows.some((r) => r.startsWith('2024')),
      { timeoutMs: 60_000, intervalMs: 1_000, description: 'the turnover report to show 2024' },
    );
    await check(page, 'dashboard');
    // How long a fresh visit takes to show the first numbers (printed, not asserted: issue 17 asks for 1.5 s on the
    // demo network; this small network, on a shared CI machine, only tells the order of magnitude).
    await page.reload();
    await page.getByRole('table', { name: 'Leadership turnover by year' }).waitFor();
    const renderedMs = Number(await page.evaluate('performance.now()'));
    console.log(`console: dashboard's turnover table rendered ${Math.round(renderedMs)} ms after navigation started`);
    await page.close();
  });
});
