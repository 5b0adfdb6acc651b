import { register } from 'prom-client';
import { InstanceCounter, SummedCounter } from './instance-counters';

async function exported(name: string): Promise<Record<string, number>> {
  const metric = await register.getSingleMetric(name)?.get();
  return Object.fromEntries((metric?.values ?? []).map((v) => [String(v.labels.shop), v.value]));
}

describe('instance counters', () => {
  afterEach(() => register.clear());

  it('keep each instance’s counts to itself and export their sum per label set', async () => {
    const sales = new SummedCounter({ name: 'test_sales_total', help: 'sales', labelNames: ['shop'] });
    const a = new InstanceCounter(['shop'] as const);
    const b = new InstanceCounter(['shop'] as const);
    sales.attach(a);
    sales.attach(b);
    a.inc({ shop: 'north' }, 3);
    b.inc({ shop: 'north' });
    b.inc({ shop: 'south' }, 2);
    expect([a.total(), b.total(), b.total({ shop: 'south' })]).toEqual([3, 3, 2]);
    expect(await exported('test_sales_total')).toEqual({ north: 4, south: 2 });
  });

  it('keep a detached instance’s counts in the sum, so the exported counter never goes down', async () => {
    const sales = new SummedCounter({ name: 'test_sales_total', help: 'sales', labelNames: ['shop'] });
    const first = new InstanceCounter(['shop'] as const);
    sales.attach(first);
    first.inc({ shop: 'north' }, 5);
    sales.detach(first);
    sales.detach(first);
    const second = new InstanceCounter(['shop'] as const);
    sales.attach(second);
    second.inc({ shop: 'north' }, 2);
    expect(await exported('test_sales_total')).toEqual({ north: 7 });
    expect(second.total()).toBe(2);
  });
});
