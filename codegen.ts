// GraphQL Code Generator: resolver types for each subgraph, read from its SDL (schema.graphql).
// `npm run codegen` writes subgraphs/<domain>/src/generated/resolvers-types.ts; `npm run codegen:check`
// fails when a committed file differs from what the SDL generates now.
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Each shared scalar (shared/scalars.ts) as resolvers receive it (input) and may return it (output). */
const scalars = {
  ID: { input: 'string', output: 'string' },
  DateTime: { input: 'Date', output: 'Date | string' },
  Date: { input: 'string', output: 'string | Date' },
  ShortText: { input: 'string', output: 'string' },
  Text: { input: 'string', output: 'string' },
  Email: { input: 'string', output: 'string' },
  Phone: { input: 'string', output: 'string' },
  // Federation's field-set scalar (@key, @requires arguments); never seen by a resolver.
  _FieldSet: 'string',
};

/** Per domain: the context its resolvers get and the objects they really receive as parents, by GraphQL type. */
const domains: Record<string, { context: string; mappers: Record<string, string> }> = {
  inventory: {
    context: '../context.js#InventoryContext',
    mappers: {
      Product: '../db/product.repository.js#Product as ProductModel',
      Location: '../db/location.repository.js#Location as LocationModel',
      StockLevel: '../db/stock.repository.js#StockLevel as StockLevelModel',
      Reservation: '../db/stock.repository.js#Reservation as ReservationModel',
    },
  },
  customers: {
    context: '../context.js#CustomersContext',
    mappers: {
      Customer: '../db/customer.repository.js#Customer as CustomerModel',
      Identity: '../db/identity.repository.js#Identity as IdentityModel',
      Consent: '../db/consent.repository.js#Consent as ConsentModel',
      PrivacyPreference: '../db/privacy-preference.repository.js#PrivacyPreference as PrivacyPreferenceModel',
      DataSubjectRequest: '../db/data-subject-request.table.js#DataSubjectRequestRow',
    },
  },
  campaigns: {
    context: '../context.js#CampaignsContext',
    mappers: {
      Campaign: '../db/campaign.repository.js#Campaign as CampaignModel',
      Touchpoint: '../db/touchpoint.repository.js#Touchpoint as TouchpointModel',
      QueuedMessage: '../cart-reminders.js#QueuedMessageParent',
      Job: '../../../../shared/jobs/graphql.js#Job as JobModel',
      Audience: '../audiences.js#AudienceModel',
      AudienceRule: '../db/audience.table.js#AudienceRule as AudienceRuleModel',
      AttributionReport: '../attribution-report.js#AttributionReportModel',
      AttributionReturns: '../spend.js#AttributionReturnsModel',
      CampaignCredit: '../spend.js#CampaignCreditModel',
      CampaignReturn: '../spend.js#CampaignReturnModel',
      CampaignSpend: '../spend.js#CampaignSpendModel',
      Funnel: '../funnel.js#FunnelModel',
      // Owned by customers and inventory: campaigns' resolvers get the key (a reference) only.
      Customer: '{ id: string }',
      Product: '{ sku: string }',
    },
  },
  orders: {
    context: '../context.js#OrdersContext',
    mappers: {
      Order: '../db/order.repository.js#Order as OrderModel',
      OrderLine: '../db/order-line.repository.js#OrderLine as OrderLineModel',
      OrderStatusChange: '../db/order-status-change.repository.js#OrderStatusChange as OrderStatusChangeModel',
      Cart: '../db/cart.repository.js#Cart as CartModel',
      CartLine: '../db/cart-line.repository.js#CartLine as CartLineModel',
      Job: '../../../../shared/jobs/graphql.js#Job as JobModel',
      PurchaseStats: '../resolvers/PurchaseStats.js#PurchaseStatsModel',
      LifetimeValue: '../resolvers/LifetimeValue.js#LifetimeValueParent',
      AssociationRule: '../db/association-rule.repository.js#AssociationRule as AssociationRuleModel',
      AbandonedCart: '../abandoned-carts.js#AbandonedCartModel',
      // Owned by customers and inventory: orders' resolvers get the key (a reference) only.
      Customer: '{ id: string }',
      Product: '{ sku: string }',
    },
  },
  reviews: {
    context: '../context.js#ReviewsContext',
    mappers: {
      Review: '../db/review.repository.js#Review as ReviewModel',
      ReviewSummary: '../summary.js#ReviewSummary as ReviewSummaryModel',
      // Owned by inventory, customers and campaigns: reviews' resolvers get the key (a reference) only.
      Product: '{ sku: string }',
      Customer: '{ id: string }',
    },
  },
  // new:subgraph codegen (keep this marker)
};

/** The shared entities every subgraph extends (shared/audit/trail.ts, shared/quality.ts): their resolvers get the key only. */
const sharedMappers = { AuditTrail: '{ id: string }', DataQuality: '{ id: string }' };

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    Object.entries(domains).map(([domain, { context, mappers }]) => [
      `subgraphs/${domain}/src/generated/resolvers-types.ts`,
      {
        schema: `subgraphs/${domain}/schema.graphql`,
        plugins: [
          { add: { content: '// Generated by `npm run codegen` from ../../schema.graphql; do not edit.' } },
          'typescript',
          'typescript-resolvers',
        ],
        config: {
          federation: true,
          useIndexSignature: false,
          contextType: context,
          mappers: { ...sharedMappers, ...mappers },
          scalars,
          strictScalars: true,
          enumsAsTypes: true,
          useTypeImports: true,
          emitLegacyCommonJSImports: false,
          avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
          maybeValue: 'T | null',
          inputMaybeValue: 'T | null | undefined',
        },
      },
    ]),
  ),
};

export default config;
