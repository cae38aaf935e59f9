import { useId, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { CampaignPicker } from '../CampaignPicker';
import { Chart, type ChartOption } from '../Chart';
import { ProductList, TableHead } from '../fields';
import {
  ConsoleCampaignFunnelDocument,
  ConsoleCampaignResultsDocument,
  type ConsoleCampaignResultsQuery,
  type MarketingChannel,
} from '../gql/graphql';
import { href } from '../router';
import {
  Empty,
  ErrorState,
  formatDate,
  formatMoney,
  formatPercent,
  Loading,
  PartialBanner,
  Unavailable,
  useErrors,
} from '../states';

const MODELS = [
  ['firstTouch', 'First touch'],
  ['lastTouch', 'Last touch'],
  ['linear', 'Linear'],
  ['positionBased', 'Position based'],
  ['timeDecay', 'Time decay'],
  ['shapley', 'Shapley'],
] as const;
const PERIOD_DAYS = 30;

export function CampaignsPage({ campaignId }: { campaignId?: string }) {
  return (
    <section aria-labelledby="campaigns-title">
      <h1 id="campaigns-title">Campaigns</h1>
      <CampaignPicker selected={campaignId} hrefOf={href.campaigns} />
      {campaignId ? <Results campaignId={campaignId} /> : <Empty>Choose a campaign to read its results.</Empty>}
    </section>
  );
}

function Results({ campaignId }: { campaignId: string }) {
  // The period is fixed per page view, so the query is not asked again on every render.
  const period = useMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - PERIOD_DAYS * 86_400_000).toISOString(), to: to.toISOString() };
  }, []);
  const [result] = useQuery({ query: ConsoleCampaignResultsDocument, variables: { id: campaignId, ...period } });
  const errors = useErrors(result.error);
  const option = useMemo(() => (result.data ? attributionOption(result.data) : undefined), [result.data]);
  const roas = useMemo(() => (result.data ? roasOption(result.data) : undefined), [result.data]);
  if (result.fetching) return <Loading what="campaign results" />;
  const campaign = result.data?.campaign;
  const experiment = campaign?.experiment;
  return (
    <>
      <PartialBanner errors={errors} />
      <ErrorState error={result.error} errors={errors} />
      {campaign && (
        <div className="cards">
          <article className="card" aria-labelledby="promotable-title">
            <h2 id="promotable-title">Promotable products (in stock)</h2>
            <Unavailable
              errors={errors}
              path={['campaign', 'promotableProducts']}
              domain="inventory"
              value={campaign.promotableProducts}
            />
            {campaign.promotableProducts?.length === 0 && <Empty>None of the promoted products is in stock.</Empty>}
            <ProductList products={campaign.promotableProducts} />
          </article>
          <article className="card" aria-labelledby="ab-title">
            <h2 id="ab-title">A/B result</h2>
            {!experiment ? (
              <Empty>This campaign is not an experiment (no variants).</Empty>
            ) : (
              <ExperimentTable experiment={experiment} />
            )}
          </article>
        </div>
      )}
      {!result.error && !campaign && <Empty>No campaign has the id {campaignId}.</Empty>}
      <article aria-labelledby="attribution-title">
        <h2 id="attribution-title">Revenue by channel under every attribution model, last {PERIOD_DAYS} days</h2>
        {option && <Chart option={option} label="Attributed revenue per channel, one bar per attribution model" />}
        {result.data?.linear && <AttributionTable data={result.data} />}
      </article>
      <article aria-labelledby="returns-title">
        <h2 id="returns-title">ROAS and cost per acquisition by channel under every model, last {PERIOD_DAYS} days</h2>
        {roas && <Chart option={roas} label="Return on ad spend per channel, one bar per attribution model" />}
        {result.data?.linear && <ReturnsTable data={result.data} />}
      </article>
      {campaign && <FunnelSection campaignId={campaign.id} period={period} />}
    </>
  );
}

type Experiment = NonNullable<NonNullable<ConsoleCampaignResultsQuery['campaign']>['experiment']>;

const formatInterval = (interval: { lower: number; upper: number } | null | undefined, digits = 2) =>
  interval ? `${formatPercent(interval.lower, digits)} to ${formatPercent(interval.upper, digits)}` : '—';
const formatP = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : value < 0.001 ? '< 0.001' : value.toFixed(3);

/** Rates with Wilson intervals, lifts with Newcombe intervals, raw and Holm-adjusted p-values, and the sample warnings. */
function ExperimentTable({ experiment }: { experiment: Experiment }) {
  const small = experiment.variants.filter((row) => row.sampleTooSmall);
  return (
    <>
      <table data-testid="ab-table">
        <caption>
          Conversions within {experiment.conversionWindowDays} days of first exposure (exposed before{' '}
          {formatDate(experiment.judgedBefore)}); control {experiment.control.key}; 95 % intervals
        </caption>
        <TableHead
          columns={[
            'Variant',
            'Exposed',
            'Converted',
            'Rate',
            'Rate interval (Wilson)',
            'Lift',
            'Lift interval (Newcombe)',
            'p-value',
            'p (Holm)',
            'Significant',
          ]}
        />
        <tbody>
          {experiment.variants.map((row) => (
            <tr key={row.variant.key}>
              <th scope="row">
                {row.variant.name ?? row.variant.key}
                {row.variant.control && <span className="muted"> (control)</span>}
              </th>
              <td>
                {row.exposures}
                {row.pendingExposures > 0 && <span className="muted"> (+{row.pendingExposures} pending)</span>}
              </td>
              <td>{row.conversions}</td>
              <td>{formatPercent(row.conversionRate, 2)}</td>
              <td data-testid="rate-interval">{formatInterval(row.conversionRateInterval)}</td>
              <td>
                {row.absoluteLift === null || row.absoluteLift === undefined ? '—' : formatPoints(row.absoluteLift)}
              </td>
              <td>{formatInterval(row.liftInterval)}</td>
              <td>{formatP(row.pValue)}</td>
              <td>{formatP(row.adjustedPValue)}</td>
              <td>
                {row.significant === null || row.significant === undefined ? '—' : row.significant ? 'yes' : 'no'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {small.length > 0 && (
        <div className="state partial" role="note" data-testid="sample-warning">
          <strong>Sample too small to trust the test:</strong>
          <ul>
            {small.map((row) => (
              <li key={row.variant.key}>
                {row.variant.name ?? row.variant.key}: {row.sampleTooSmallReason ?? 'too few exposures or conversions'}
              </li>
            ))}
          </ul>
        </div>
      )}
      {experiment.removedVariantExposures > 0 && (
        <p className="muted">{experiment.removedVariantExposures} exposed customers were in removed variants.</p>
      )}
    </>
  );
}

const formatPoints = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(2)} pt`;

type Credits = NonNullable<ConsoleCampaignResultsQuery['linear']>;

function reports(data: ConsoleCampaignResultsQuery): [string, Credits | null | undefined][] {
  return MODELS.map(([key, label]) => [label, data[key]]);
}

function channelsOf(data: ConsoleCampaignResultsQuery): string[] {
  return [
    ...new Set(reports(data).flatMap(([, report]) => report?.byChannel.map((credit) => credit.channel) ?? [])),
  ].sort();
}

/** Bars per channel, one series per attribution model; `value` is null for a missing bar. */
function modelBars(
  channels: string[],
  axis: string,
  series: [string, (channel: string) => number | null][],
): ChartOption | undefined {
  if (channels.length === 0) return undefined;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: channels },
    yAxis: { type: 'value', name: axis },
    series: series.map(([name, value]) => ({ name, type: 'bar', data: channels.map(value) })),
  };
}

function attributionOption(data: ConsoleCampaignResultsQuery): ChartOption | undefined {
  return modelBars(
    channelsOf(data),
    'Revenue',
    reports(data).map(([label, report]) => [
      label,
      (channel) => report?.byChannel.find((credit) => credit.channel === channel)?.revenue ?? 0,
    ]),
  );
}

function AttributionTable({ data }: { data: ConsoleCampaignResultsQuery }) {
  const channels = channelsOf(data);
  if (channels.length === 0) return <Empty>No attributed conversion in the period.</Empty>;
  return (
    <table>
      <caption>Attributed revenue by channel and model</caption>
      <thead>
        <tr>
          <th scope="col">Channel</th>
          {MODELS.map(([key, label]) => (
            <th scope="col" key={key}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {channels.map((channel) => (
          <tr key={channel}>
            <th scope="row">{channel}</th>
            {reports(data).map(([label, report]) => (
              <td key={label}>
                {formatMoney(report?.byChannel.find((credit) => credit.channel === channel)?.revenue)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Return = NonNullable<ConsoleCampaignResultsQuery['linear']>['returns']['byChannel'][number];

function returnsOf(data: ConsoleCampaignResultsQuery): [string, Return[]][] {
  return reports(data).map(([label, report]) => [label, report?.returns.byChannel ?? []]);
}

function returnChannels(data: ConsoleCampaignResultsQuery): string[] {
  return [...new Set(returnsOf(data).flatMap(([, rows]) => rows.map((row) => row.channel)))].sort();
}

function roasOption(data: ConsoleCampaignResultsQuery): ChartOption | undefined {
  // A channel without spend has no ROAS: no bar rather than a zero.
  return modelBars(
    returnChannels(data),
    'ROAS',
    returnsOf(data).map(([label, rows]) => [
      label,
      (channel) => rows.find((row) => row.channel === channel)?.roas ?? null,
    ]),
  );
}

const formatRatio = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value.toFixed(2)}×`;

function ReturnsTable({ data }: { data: ConsoleCampaignResultsQuery }) {
  const channels = returnChannels(data);
  if (channels.length === 0) return <Empty>No spend and no attributed revenue in the period.</Empty>;
  const rows = returnsOf(data);
  return (
    <table data-testid="returns-table">
      <caption>
        ROAS (revenue / spend) and CPA (spend / conversions) by channel and model; — without spend or conversions
      </caption>
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Spend</th>
          {MODELS.map(([key, label]) => (
            <th scope="col" key={key}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {channels.map((channel) => {
          const spend = rows[0]![1].find((row) => row.channel === channel)?.spend;
          return (
            <tr key={channel}>
              <th scope="row">{channel}</th>
              <td>{spend ? formatMoney(spend.amount, spend.currency) : '—'}</td>
              {rows.map(([label, byChannel]) => {
                const row = byChannel.find((entry) => entry.channel === channel);
                return (
                  <td key={label}>
                    ROAS {formatRatio(row?.roas)}
                    <br />
                    <span className="muted">
                      CPA{' '}
                      {row?.costPerAcquisition
                        ? formatMoney(row.costPerAcquisition.amount, row.costPerAcquisition.currency)
                        : '—'}
                    </span>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const FUNNEL_CHANNELS: MarketingChannel[] = ['EMAIL', 'SMS', 'PUSH', 'SOCIAL', 'DISPLAY', 'SEARCH'];
const STEP_LABELS: Record<string, string> = {
  EXPOSURE: 'Impression or open',
  CLICK: 'Click',
  CART: 'Cart',
  ORDER: 'Order',
};

const formatDuration = (seconds: number | null | undefined) => {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
};

/** Exposure → click → cart → order for the campaign, on every channel or one. */
function FunnelSection({ campaignId, period }: { campaignId: string; period: { from: string; to: string } }) {
  const [channel, setChannel] = useState<MarketingChannel | ''>('');
  const selectId = useId();
  const [result] = useQuery({
    query: ConsoleCampaignFunnelDocument,
    variables: { id: campaignId, ...period, channel: channel || null },
  });
  const errors = useErrors(result.error);
  const funnel = result.data?.campaign?.funnel;
  return (
    <article aria-labelledby="funnel-title">
      <h2 id="funnel-title">Funnel, customers first exposed in the last {PERIOD_DAYS} days</h2>
      <div className="filters">
        <label htmlFor={selectId}>Touchpoints on channel</label>
        <select
          id={selectId}
          value={channel}
          onChange={(event) => setChannel(event.target.value as MarketingChannel | '')}
        >
          <option value="">Every channel</option>
          {FUNNEL_CHANNELS.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      {result.fetching && <Loading what="the funnel" />}
      <PartialBanner errors={errors} />
      <ErrorState error={result.error} errors={errors} />
      {funnel && funnel.steps[0]?.customers === 0 && (
        <Empty>No customer was exposed in the period on this channel.</Empty>
      )}
      {funnel && funnel.steps[0]!.customers > 0 && (
        <table data-testid="funnel-table">
          <caption>Each step within {funnel.windowDays} days of the first exposure, after the step before it</caption>
          <TableHead
            columns={['Step', 'Customers', 'From previous step', 'From exposure', 'Median time from previous']}
          />
          <tbody>
            {funnel.steps.map((step) => (
              <tr key={step.step}>
                <th scope="row">{STEP_LABELS[step.step] ?? step.step}</th>
                <td>{step.customers}</td>
                <td>{formatPercent(step.conversionFromPrevious)}</td>
                <td>{formatPercent(step.conversionFromFirst)}</td>
                <td>{formatDuration(step.medianSecondsFromPrevious)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
