import { TestApi, startTestApi } from './harness';

/** /metrics as an operator alerts on it: every series typed and explained, HTTP, commands, projections, jobs. */
describe('metrics', () => {
  let api: TestApi;
  let text: string;

  beforeAll(async () => {
    api = await startTestApi();
    const hr = await api.token('HR1', 'hr');
    await api.request('PUT', '/v1/departments/D1', { token: hr, body: { name: 'D1', managerIds: ['M1'] } });
    await api.request('GET', '/v1/absences/not-a-uuid', { token: hr });
    text = (await api.request('GET', '/metrics')).body;
  });
  afterAll(async () => api.close());

  const typeOf = (name: string) => new RegExp(`^# TYPE ${name} (\\w+)$`, 'm').exec(text)?.[1];

  it('gives every metric a HELP and a TYPE line, and every *_total is a counter', () => {
    const types = [...text.matchAll(/^# TYPE (\S+) (\w+)$/gm)].map((m) => ({ name: m[1], type: m[2] }));
    const helps = new Set([...text.matchAll(/^# HELP (\S+) .+$/gm)].map((m) => m[1]));
    expect(types.length).toBeGreaterThan(10);
    expect(types.filter((t) => !helps.has(t.name))).toEqual([]);
    // prom-client's default process metrics name three gauges *_total (active handles, requests, resources): theirs, not ours.
    const ours = types.filter((t) => !t.name.startsWith('ledger_nodejs_'));
    expect(ours.filter((t) => t.name.endsWith('_total') && t.type !== 'counter')).toEqual([]);
  });

  it('counts HTTP requests by method, route pattern and status, with a latency histogram', () => {
    expect(typeOf('ledger_http_requests_total')).toBe('counter');
    expect(typeOf('ledger_http_request_duration_seconds')).toBe('histogram');
    expect(text).toContain('ledger_http_requests_total{method="PUT",route="/v1/departments/:departmentId",status="200"} 1');
    expect(text).toContain('ledger_http_requests_total{method="GET",route="/v1/absences/:id",status="400"} 1');
    expect(text).toMatch(/ledger_http_request_duration_seconds_bucket\{le="\+Inf",method="PUT",route="\/v1\/departments\/:departmentId"\} 1/);
  });

  it('has command outcomes, projection lag in seconds and events, and job queue depth and failures', () => {
    expect(text).toContain('ledger_commands_total{command="define_department",outcome="ok"} 1');
    expect(typeOf('ledger_projection_lag_seconds')).toBe('gauge');
    expect(typeOf('ledger_projection_lag_events')).toBe('gauge');
    expect(text).toMatch(/ledger_projection_lag_events\{projection="absences"\} \d+/);
    expect(typeOf('ledger_projection_events_applied_total')).toBe('counter');
    expect(typeOf('ledger_job_queue_jobs')).toBe('gauge');
    expect(text).toMatch(/ledger_job_queue_jobs\{queue="[^"]+",state="failed"\} 0/);
    expect(typeOf('ledger_webhook_deliveries_total')).toBe('counter');
  });
});
