import { TableHead } from '../fields';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { Chart, type ChartOption } from '../Chart';
import { ConsoleSegmentsDocument, ConsoleSegmentTrendDocument, type ConsoleSegmentTrendQuery } from '../gql/graphql';
import { segmentAt } from '../rfm';
import {
  Empty,
  ErrorState,
  formatDate,
  formatDay,
  formatMoney,
  formatPercent,
  Loading,
  PartialBanner,
  useErrors,
} from '../states';

type Size = { segment: string; customers: number; share: number; revenue: number; revenueShare: number };

/** The R × F heat map: every cell coloured by the size of the segment it belongs to, labelled with it. */
function gridOption(sizes: Size[]): ChartOption {
  const bySegment = new Map(sizes.map((size) => [size.segment, size]));
  const cells: [number, number, number, string][] = [];
  for (let r = 1; r <= 5; r++)
    for (let f = 1; f <= 5; f++) {
      const segment = segmentAt(r, f);
      cells.push([r - 1, f - 1, bySegment.get(segment)?.customers ?? 0, segment]);
    }
  return {
    tooltip: {
      formatter: (params: { value: [number, number, number, string] }) => {
        const [r, f, customers, segment] = params.value;
        const size = bySegment.get(segment);
        return `R${r + 1} F${f + 1}: ${segment}<br/>${customers} customers, ${formatMoney(size?.revenue)}`;
      },
    },
    grid: { left: 60, right: 20, top: 10, bottom: 90 },
    xAxis: {
      type: 'category',
      name: 'Recency score (R)',
      nameLocation: 'middle',
      nameGap: 30,
      data: ['1', '2', '3', '4', '5'],
    },
    yAxis: {
      type: 'category',
      name: 'Frequency (F)',
      nameLocation: 'middle',
      nameGap: 30,
      data: ['1', '2', '3', '4', '5'],
    },
    visualMap: {
      // Colour by the size (the third value of a cell), not by its last, the segment's name.
      dimension: 2,
      min: 0,
      max: Math.max(1, ...sizes.map((size) => size.customers)),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 200,
      inRange: { color: ['#eef4fb', '#08519c'] },
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: {
          show: true,
          formatter: (params: { value: [number, number, number, string] }) =>
            params.value[3].replace(/_/g, ' ').toLowerCase(),
          fontSize: 10,
          // Readable on the lightest and the darkest cell alike.
          color: '#1b1f24',
          textBorderColor: '#fff',
          textBorderWidth: 2,
        },
      },
    ],
  };
}

export function SegmentsPage() {
  const [result] = useQuery({ query: ConsoleSegmentsDocument });
  const errors = useErrors(result.error);
  const report = result.data?.rfmSegments;
  const option = useMemo(() => (report ? gridOption(report.segments) : undefined), [report]);
  return (
    <section aria-labelledby="segments-title">
      <h1 id="segments-title">Segments</h1>
      {result.fetching && <Loading what="segments" />}
      <PartialBanner errors={errors} />
      <ErrorState error={result.error} errors={errors} />
      {!result.fetching && !result.error && !report && (
        <Empty>No RFM snapshot yet: run the refreshRfm job (README, "The jobs behind them").</Empty>
      )}
      {report && option && (
        <>
          <p>
            {report.customerCount} customers with orders, {formatMoney(report.totalRevenue)} revenue; snapshot as of{' '}
            {formatDate(report.asOf)} (computed {formatDate(report.computedAt)}).
          </p>
          <Chart
            option={option}
            label="RFM grid: recency score against frequency score, coloured by segment size"
            height={380}
          />
          <table>
            <caption>Segment sizes and revenue</caption>
            <TableHead columns={['Segment', 'Customers', 'Share', 'Revenue', 'Revenue share']} />
            <tbody>
              {report.segments.map((size) => (
                <tr key={size.segment}>
                  <th scope="row">{size.segment}</th>
                  <td>{size.customers}</td>
                  <td>{formatPercent(size.share)}</td>
                  <td>{formatMoney(size.revenue)}</td>
                  <td>{formatPercent(size.revenueShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <SegmentTrend />
    </section>
  );
}

type Trend = ConsoleSegmentTrendQuery['rfmSegmentTrend'];

/** One line per segment: its customers in each snapshot, oldest first. */
function trendOption(trend: Trend): ChartOption {
  const dates = trend.map((report) => formatDay(report.asOf));
  const segments = trend[0]?.segments.map((size) => size.segment) ?? [];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 60, right: 20, top: 50, bottom: 30 },
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', name: 'Customers' },
    series: segments.map((segment) => ({
      name: segment,
      type: 'line',
      data: trend.map((report) => report.segments.find((size) => size.segment === segment)?.customers ?? 0),
    })),
  };
}

function SegmentTrend() {
  const [result] = useQuery({ query: ConsoleSegmentTrendDocument });
  const errors = useErrors(result.error);
  const trend = result.data?.rfmSegmentTrend;
  const option = useMemo(() => (trend && trend.length > 0 ? trendOption(trend) : undefined), [trend]);
  return (
    <section aria-labelledby="trend-title">
      <h2 id="trend-title">Segment trend over snapshots</h2>
      {result.fetching && <Loading what="the segment trend" />}
      <PartialBanner errors={errors} />
      <ErrorState error={result.error} errors={errors} />
      {trend && trend.length < 2 && (
        <Empty>
          A trend needs two RFM snapshots or more ({trend.length} stored): run refreshRfm with an earlier asOf, or again
          later.
        </Empty>
      )}
      {trend && trend.length >= 2 && option && (
        <>
          <Chart option={option} label="Customers per RFM segment in each snapshot, one line per segment" />
          <table data-testid="trend-table">
            <caption>Customers per segment and snapshot</caption>
            <thead>
              <tr>
                <th scope="col">Segment</th>
                {trend.map((report) => (
                  <th scope="col" key={report.asOf}>
                    {formatDay(report.asOf)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {trend[0]!.segments.map(({ segment }) => (
                <tr key={segment}>
                  <th scope="row">{segment}</th>
                  {trend.map((report) => (
                    <td key={report.asOf}>
                      {report.segments.find((size) => size.segment === segment)?.customers ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
