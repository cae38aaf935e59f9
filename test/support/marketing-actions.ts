// Marketing actions end-to-end tests take through the gateway, written once.

/** Runs an operation and answers its data, failing the test on errors. */
export type RunOperation = <T = any>(text: string, variables?: Record<string, unknown>) => Promise<T>;

/** The variants of an even A/B split with A as control, as setCampaignVariants stores them and assignVariant reads them. */
export const EVEN_SPLIT = [
  { key: 'A', trafficShare: 0.5 },
  { key: 'B', trafficShare: 0.5 },
];

/** Gives the campaign an even A/B split (A the control) and answers the variants assignVariant takes. */
export async function splitEvenly(ok: RunOperation, campaignId: string): Promise<typeof EVEN_SPLIT> {
  await ok(
    `mutation($id: ID!) { setCampaignVariants(campaignId: $id, variants: [{ key: "A", trafficShare: 0.5, control: true }, { key: "B", trafficShare: 0.5 }]) { variants { key } } }`,
    { id: campaignId },
  );
  return EVEN_SPLIT;
}
