import { useMemo } from 'react';
import { useQuery } from 'urql';
import { CampaignPicker } from '../CampaignPicker';
import { Chart, type ChartOption } from '../Chart';
import { ProductList, TableHead } from '../fields';
import { ConsoleCampaignResultsDocument, type ConsoleCampaignResultsQuery } from '../gql/graphql';
import { href } from '../router';
import {
  Empty,
  ErrorState,
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
              <table data-testid="ab-table">
                <caption>
                  Conversions within {experiment.conversionWindowDays} days of first exposure; control{' '}
                  {experiment.control.key}
                </caption>
                <TableHead columns={['Variant', 'Exposed', 'Converted', 'Rate', 'Lift', 'p-value', 'Significant']} />
                <tbody>
                  {experiment.variants.map((row) => (
                    <tr key={row.variant.key}>
                      <th scope="row">{row.variant.name ?? row.variant.key}</th>
                      <td>{row.exposures}</td>
                      <td>{row.conversions}</td>
                      <td>{formatPercent(row.conversionRate, 2)}</td>
                      <td>{formatPercent(row.relativeLift)}</td>
                      <td>{row.pValue === null || row.pValue === undefined ? '—' : row.pValue.toFixed(3)}</td>
                      <td>
                        {row.significant === null || row.significant === undefined
                          ? '—'
                          : row.significant
                            ? 'yes'
                            : 'no'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
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
    </>
  );
}

type Credits = NonNullable<ConsoleCampaignResultsQuery['linear']>;

function reports(data: ConsoleCampaignResultsQuery): [string, Credits | null | undefined][] {
  return MODELS.map(([key, label]) => [label, data[key]]);
}

function channelsOf(data: ConsoleCampaignResultsQuery): string[] {
  return [
    ...new Set(reports(data).flatMap(([, report]) => report?.byChannel.map((credit) => credit.channel) ?? [])),
  ].sort();
}

function attributionOption(data: ConsoleCampaignResultsQuery): ChartOption | undefined {
  const channels = channelsOf(data);
  if (channels.length === 0) return undefined;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: channels },
    yAxis: { type: 'value', name: 'Revenue' },
    series: reports(data).map(([label, report]) => ({
      name: label,
      type: 'bar',
      data: channels.map((channel) => report?.byChannel.find((credit) => credit.channel === channel)?.revenue ?? 0),
    })),
  };
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
