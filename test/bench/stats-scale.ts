// Item 4: the same indicator queries after 1 000 and after 100 000 recorded contacts; reads must
// not grow with data. Runs only when a fixture provides `statsScale` (the stats service).
import type { Prepared } from './fixtures/types';
import type { Result } from './lib/results';
import { notMeasured, result } from './lib/results';
import { median, round, timed } from './lib/stats';

const group = '4 stats scale';
const target = { on: 'ratio', max: 1.3 } as const;
const iterations = 50;

const queryMedian = async (scale: NonNullable<Prepared['statsScale']>) => {
  const times: number[] = [];
  for (let i = 0; i < iterations + 10; i++) {
    const t = await timed(await scale.query());
    if (i >= 10) times.push(t);
  }
  return median(times);
};

export const measureStatsScale = async (scale: Prepared['statsScale'] | undefined): Promise<Result[]> => {
  if (!scale)
    return [
      notMeasured(group, 'indicator queries at 100 000 vs 1 000 contacts', 'service missing: stats', target),
    ];
  await scale.seed(1_000);
  const small = await queryMedian(scale);
  await scale.seed(99_000);
  const large = await queryMedian(scale);
  return [
    result({
      group,
      name: 'indicator queries at 1 000 contacts median',
      value: round(small),
      unit: 'ms',
      ratio: null,
    }),
    result({
      group,
      name: 'indicator queries at 100 000 contacts median',
      value: round(large),
      unit: 'ms',
      ratio: round(large / small),
      ratioOf: 'the same queries at 1 000 contacts',
      targetSpec: target,
      missNote:
        'Reads grow with data: the indicators are computed at read time instead of from pre-aggregated items.',
    }),
  ];
};
