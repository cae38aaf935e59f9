import { useEffect, useId, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { CampaignPicker } from '../CampaignPicker';
import { CountryField, SetCheckbox, TableHead } from '../fields';
import {
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
              <TableHead columns={['Version', 'Members', 'Built']} />
              <tbody data-testid="audience-versions">
                {campaign.audienceVersions.map((version) => (
                  <tr key={version.version}>
                    <td>{version.version}</td>
                    <td>{version.size}</td>
                    <td>{formatDate(version.computedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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

  const save = async () => {
    const result = await setRule({
      campaignId: props.campaignId,
      rule: {
        segments: [...segments],
        channel: props.channel,
        country: country.trim().toUpperCase() || null,
        minPredictedValue: minValue === '' ? null : Number(minValue),
      },
    });
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
      <button type="submit" disabled={setRuleResult.fetching || buildResult.fetching || segments.size === 0}>
        Save rule and build audience
      </button>
    </form>
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
