// Reading the metrics routes in tests: JSON (200 or fail with the answer), CSV (200, text/csv), and every route of a
// list in both forms, for comparing a projection before and after a redelivery or a replay.

export interface ReportReader {
  get(path: string, bearer?: string | null): Promise<Response>;
  json(path: string, bearer?: string): Promise<unknown>;
  csv(path: string, bearer?: string): Promise<string>;
  /** Every path's JSON and CSV answer, keyed by path (and `<path> csv`). */
  everything(paths: readonly string[]): Promise<Record<string, string>>;
}

/** `baseUrl` is read on each call: the service may be restarted (and move) during a test. */
export function reportReader(baseUrl: () => string, defaultBearer: string): ReportReader {
  const get = (path: string, bearer: string | null = defaultBearer): Promise<Response> =>
    fetch(`${baseUrl()}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const json = async (path: string, bearer?: string): Promise<unknown> => {
    const response = await get(path, bearer);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const csv = async (path: string, bearer?: string): Promise<string> => {
    const response = await get(path, bearer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    return response.text();
  };
  const everything = async (paths: readonly string[]): Promise<Record<string, string>> => {
    const answers: Record<string, string> = {};
    for (const path of paths) {
      answers[path] = JSON.stringify(await json(path));
      answers[`${path} csv`] = await csv(`${path}${path.includes('?') ? '&' : '?'}format=csv`);
    }
    return answers;
  };
  return { get, json, csv, everything };
}
