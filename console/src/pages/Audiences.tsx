import { useEffect, useId, useRef, useState } from 'react';
import { type CombinedError, type OperationResult, useClient, useMutation, useQuery } from 'urql';
import { CampaignPicker } from '../CampaignPicker';
import { CountryField, SetCheckbox, TableHead } from '../fields';
import {
  ConsoleAudienceComparisonDocument,
  ConsoleAudienceExportDocument,
  type ConsoleAudienceExportQuery,
  ConsoleAudiencePreviewDocument,
  type ConsoleAudiencePreviewQuery,
  ConsoleBuildAudienceDocument,
  ConsoleCampaignAudienceDocument,
  ConsoleJobDocument,
  ConsoleSetAudienceRuleDocument,
  type MarketingChannel,
  type RfmSegment,
} from '../gql/graphql';
import { errorsOf } from '../graph';
import { href } from '../router';
import { Empty, ErrorState, formatDate, Loading, PartialBanner, useErrors } from '../states';
import { RFM_GRID } from '../rfm';

const SEGMENTS = [...new Set(RFM_GRID.flat())].sort() as RfmSegment[];
const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
/** How often a running build is asked for its progress. */
const POLL_MS = 500;

export function AudiencesPage({ campaignId }: { campaignId?: string }) {
  return (
    <section aria-labelledby="audiences-title">
      <h1 id="audiences-title">Audiences</h1>
      <CampaignPicker selected={campaignId} hrefOf={href.audiences} />
      {campaignId ? <Audience campaignId={campaignId} /> : <Empty>Choose a campaign to edit its audience.</Empty>}
    </section>
  );
}

function Audience({ campaignId }: { campaignId: string }) {
  const [result, refetch] = useQuery({ query: ConsoleCampaignAudienceDocument, variables: { id: campaignId } });
  const errors = useErrors(result.error);
  const [jobId, setJobId] = useState<string>();
  if (result.fetching && !result.data) return <Loading what="the audience" />;
  const campaign = result.data?.campaign;
  return (
    <>
      <PartialBanner errors={errors} />
      <ErrorState error={result.error} errors={errors} />
      {!result.error && !campaign && <Empty>No campaign has the id {campaignId}.</Empty>}
      {campaign && (
        <>
          <RuleEditor
            key={campaign.id}
            campaignId={campaign.id}
            channel={campaign.channel}
            rule={campaign.audienceRule ?? undefined}
            onBuild={setJobId}
          />
          {jobId && <BuildProgress jobId={jobId} onFinished={() => refetch({ requestPolicy: 'network-only' })} />}
          <h2>Versions</h2>
          {campaign.audienceVersions.length === 0 ? (
            <Empty>No audience built yet.</Empty>
          ) : (
            <table>
              <TableHead columns={['Version', 'Members', 'Built', 'Export']} />
              <tbody data-testid="audience-versions">
                {campaign.audienceVersions.map((version) => (
                  <tr key={version.version}>
                    <td>{version.version}</td>
                    <td>{version.size}</td>
                    <td>{formatDate(version.computedAt)}</td>
                    <td>
                      <ExportButton campaignId={campaign.id} version={version.version} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {campaign.audienceVersions.length >= 2 && (
            <CompareVersions campaignId={campaign.id} versions={campaign.audienceVersions.map((v) => v.version)} />
          )}
        </>
      )}
    </>
  );
}

function RuleEditor(props: {
  campaignId: string;
  channel: MarketingChannel;
  rule?: { segments: RfmSegment[]; country?: string | null; minPredictedValue?: number | null };
  onBuild: (jobId: string) => void;
}) {
  const [segments, setSegments] = useState<Set<RfmSegment>>(new Set(props.rule?.segments ?? []));
  const [country, setCountry] = useState(props.rule?.country ?? '');
  const [minValue, setMinValue] = useState(props.rule?.minPredictedValue?.toString() ?? '');
  const [saved, setSaved] = useState<string>();
  const [setRuleResult, setRule] = useMutation(ConsoleSetAudienceRuleDocument);
  const [buildResult, build] = useMutation(ConsoleBuildAudienceDocument);
  const valueId = useId();

  const client = useClient();
  const [preview, setPreview] = useState<PreviewState>({ fetching: false });
  const rule = () => ({
    segments: [...segments],
    channel: props.channel,
    country: country.trim().toUpperCase() || null,
    minPredictedValue: minValue === '' ? null : Number(minValue),
  });
  const runPreview = async () => {
    setPreview({ fetching: true });
    const result = await client
      .query(ConsoleAudiencePreviewDocument, { campaignId: props.campaignId, rule: rule() })
      .toPromise();
    setPreview({ fetching: false, data: result.data?.audiencePreview, error: result.error });
  };

  const save = async () => {
    const result = await setRule({ campaignId: props.campaignId, rule: rule() });
    if (!result.error) setSaved('Rule saved.');
    return !result.error;
  };
  const saveAndBuild = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    if (!(await save())) return;
    const result = await build({ campaignId: props.campaignId });
    if (result.data?.buildAudience) props.onBuild(result.data.buildAudience.id);
  };
  const problems = [...errorsOf(setRuleResult.error), ...errorsOf(buildResult.error)];

  return (
    <form onSubmit={saveAndBuild} className="rule">
      <h2>Rule</h2>
      <fieldset>
        <legend>RFM segments</legend>
        {SEGMENTS.map((segment) => (
          <SetCheckbox key={segment} value={segment} chosen={segments} onChange={setSegments}>
            {segment}
          </SetCheckbox>
        ))}
      </fieldset>
      <p className="muted">Channel: {props.channel} (members need a current marketing opt-in on it).</p>
      <CountryField label="Country (optional, ISO code)" value={country} onChange={setCountry} />
      <label htmlFor={valueId}>Minimum predicted value (optional)</label>
      <input
        id={valueId}
        type="number"
        min={0}
        step="any"
        value={minValue}
        onChange={(event) => setMinValue(event.target.value)}
      />
      {problems.length > 0 && (
        <div className="state error" role="alert">
          {problems.map((problem) => (
            <p key={problem.message}>
              {problem.message} {problem.code && <code>{problem.code}</code>}
            </p>
          ))}
        </div>
      )}
      {saved && <p role="status">{saved}</p>}
      <div className="actions">
        <button type="button" disabled={segments.size === 0 || preview.fetching} onClick={runPreview}>
          Preview size
        </button>
        <button type="submit" disabled={setRuleResult.fetching || buildResult.fetching || segments.size === 0}>
          Save rule and build audience
        </button>
      </div>
      <PreviewResult result={preview} />
    </form>
  );
}

interface PreviewState {
  fetching: boolean;
  data?: ConsoleAudiencePreviewQuery['audiencePreview'];
  error?: CombinedError;
}

/** What the edited rule would select now; nothing is stored. */
function PreviewResult({ result }: { result: PreviewState }) {
  const errors = useErrors(result.error);
  if (result.fetching) return <Loading what="the preview" />;
  if (result.error) return <ErrorState error={result.error} errors={errors} />;
  const preview = result.data;
  if (!preview) return null;
  return (
    <div className="preview" aria-live="polite">
      <p role="status" data-testid="preview-size">
        This rule would select {preview.size} of {preview.candidates} customers in its segments now (not stored).
      </p>
      <table>
        <caption>Preview by segment</caption>
        <TableHead columns={['Segment', 'In the segment', 'Selected']} />
        <tbody>
          {preview.bySegment.map((row) => (
            <tr key={row.segment}>
              <th scope="row">{row.segment}</th>
              <td>{row.candidates}</td>
              <td>{row.members}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Polls job(id) until it finishes, showing its progress. */
function BuildProgress({ jobId, onFinished }: { jobId: string; onFinished: () => void }) {
  const [result, refetch] = useQuery({ query: ConsoleJobDocument, variables: { id: jobId } });
  const job = result.data?.job;
  const finished = job ? FINISHED.has(job.status) : false;
  const reported = useRef(false);
  useEffect(() => {
    if (finished) {
      if (!reported.current) onFinished();
      reported.current = true;
      return;
    }
    if (result.fetching) return;
    const timer = setTimeout(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearTimeout(timer);
  }, [finished, result.fetching, refetch, onFinished]);
  const percent = Math.round((job?.progress ?? 0) * 100);
  return (
    <div className="job" aria-live="polite">
      <label htmlFor={`progress-${jobId}`}>Building the audience: {job ? job.status.toLowerCase() : 'queued'}</label>
      <progress id={`progress-${jobId}`} max={100} value={percent} data-testid="build-progress">
        {percent} %
      </progress>
      <span data-testid="build-percent">{percent} %</span>
      {job?.status === 'SUCCEEDED' && <p role="status">Built version {job.result}.</p>}
      {job?.error && (
        <p className="state error" role="alert">
          {job.error}
        </p>
      )}
    </div>
  );
}

/** Two version selects (the previous and the latest by default) and what changed between them. */
function CompareVersions({ campaignId, versions }: { campaignId: string; versions: number[] }) {
  const [from, setFrom] = useState(versions[1]!);
  const [to, setTo] = useState(versions[0]!);
  const fromId = useId();
  const toId = useId();
  const [result] = useQuery({ query: ConsoleAudienceComparisonDocument, variables: { id: campaignId, from, to } });
  const errors = useErrors(result.error);
  const comparison = result.data?.campaign?.audienceComparison;
  const select = (id: string, value: number, onChange: (next: number) => void) => (
    <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
      {versions.map((version) => (
        <option key={version} value={version}>
          Version {version}
        </option>
      ))}
    </select>
  );
  return (
    <section aria-labelledby="compare-title">
      <h2 id="compare-title">Compare versions</h2>
      <div className="filters">
        <label htmlFor={fromId}>From</label>
        {select(fromId, from, setFrom)}
        <label htmlFor={toId}>To</label>
        {select(toId, to, setTo)}
      </div>
      {result.fetching && <Loading what="the comparison" />}
      <PartialBanner errors={errors} />
      <ErrorState error={result.error} errors={errors} />
      {comparison && (
        <div data-testid="comparison">
          <p>
            From version {comparison.from.version} ({comparison.from.size} members) to version {comparison.to.version} (
            {comparison.to.size}): <strong data-testid="comparison-added">{comparison.added} added</strong>,{' '}
            <strong data-testid="comparison-removed">{comparison.removed} removed</strong>, {comparison.kept} kept.
          </p>
          <div className="cards">
            <Sample title="Added (first 10)" customers={comparison.addedSample} />
            <Sample title="Removed (first 10)" customers={comparison.removedSample} />
          </div>
        </div>
      )}
    </section>
  );
}

function Sample({
  title,
  customers,
}: {
  title: string;
  customers: readonly { id: string; country?: string | null }[];
}) {
  return (
    <article className="card">
      <h3>{title}</h3>
      {customers.length === 0 ? (
        <Empty>None.</Empty>
      ) : (
        <ul>
          {customers.map((customer) => (
            <li key={customer.id}>
              <a href={href.customer(customer.id)}>{customer.id}</a>
              {customer.country && <span className="muted"> ({customer.country})</span>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/**
 * Downloads a version's still-contactable members as a CSV of SHA-256 hashes of their lower-cased,
 * trimmed emails (hashed by the customers domain), the file ad platforms take. Needs pii:read: a
 * hashed email is still personal data.
 */
function ExportButton({ campaignId, version }: { campaignId: string; version: number }) {
  const client = useClient();
  const [state, setState] = useState<{ busy: boolean; message?: string; error?: string }>({ busy: false });
  const run = async () => {
    setState({ busy: true });
    const hashes: string[] = [];
    let after: string | null = null;
    let skipped = 0;
    for (;;) {
      const result: OperationResult<ConsoleAudienceExportQuery> = await client
        .query(ConsoleAudienceExportDocument, { id: campaignId, version, after })
        .toPromise();
      const errors = errorsOf(result.error);
      if (errors.some((error) => error.code === 'FORBIDDEN')) {
        setState({ busy: false, error: 'Exporting needs pii:read: a hashed email is still personal data.' });
        return;
      }
      const members = result.data?.campaign?.audience?.members;
      if (result.error || !members) {
        setState({ busy: false, error: result.error?.message ?? 'the audience version was not found' });
        return;
      }
      for (const node of members.nodes) {
        if (node.emailSha256) hashes.push(node.emailSha256);
        else skipped++;
      }
      if (!members.pageInfo.hasNextPage) break;
      after = members.pageInfo.endCursor ?? null;
    }
    downloadCsv(`audience-${campaignId}-v${version}.csv`, ['email_sha256', ...hashes]);
    setState({
      busy: false,
      message: `${hashes.length} hashed emails exported${skipped ? ` (${skipped} members without an email)` : ''}.`,
    });
  };
  return (
    <>
      <button type="button" onClick={run} disabled={state.busy} aria-label={`Export version ${version} as CSV`}>
        {state.busy ? 'Exporting…' : 'CSV'}
      </button>
      {state.message && (
        <span role="status" data-testid="export-status">
          {' '}
          {state.message}
        </span>
      )}
      {state.error && (
        <span role="alert" className="state error">
          {' '}
          {state.error}
        </span>
      )}
    </>
  );
}

function downloadCsv(filename: string, lines: string[]) {
  const url = URL.createObjectURL(new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has surely read it; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
