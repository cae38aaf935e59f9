import { useId } from 'react';
import { useQuery } from 'urql';
import { ConsoleCampaignsDocument } from './gql/graphql';
import { ErrorState, Loading, PartialBanner, useErrors } from './states';

/** A labelled select of the campaigns; choosing one navigates to `hrefOf(id)`. */
export function CampaignPicker({ selected, hrefOf }: { selected?: string; hrefOf: (id: string) => string }) {
  const [result] = useQuery({ query: ConsoleCampaignsDocument });
  const errors = useErrors(result.error);
  const id = useId();
  if (result.fetching) return <Loading what="campaigns" />;
  const campaigns = result.data?.campaigns.nodes ?? [];
  return (
    <div className="filters">
      <PartialBanner errors={errors} />
      <ErrorState error={result.error} errors={errors} />
      <label htmlFor={id}>Campaign</label>
      <select
        id={id}
        value={selected ?? ''}
        onChange={(event) => {
          location.hash = hrefOf(event.target.value);
        }}
      >
        <option value="" disabled>
          {campaigns.length ? 'Choose a campaign' : 'No campaigns'}
        </option>
        {campaigns.map((campaign) => (
          <option key={campaign.id} value={campaign.id}>
            {campaign.name} ({campaign.channel}, {campaign.status.toLowerCase()})
          </option>
        ))}
      </select>
    </div>
  );
}
