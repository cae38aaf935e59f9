/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date YYYY-MM-DD. */
  Date: { input: any; output: any; }
  /** An ISO-8601 (RFC 3339) date-time with a zone, years 1900 to 9999; answered in UTC. */
  DateTime: { input: string; output: string; }
  /** An email address, at most 254 characters. */
  Email: { input: any; output: any; }
  /** A phone number in E.164 form, e.g. +4915112345678. */
  Phone: { input: any; output: any; }
  /** At most 100 characters; no control characters; well-formed Unicode. */
  ShortText: { input: string; output: string; }
  /** At most 200 characters; no control characters; well-formed Unicode. */
  Text: { input: string; output: string; }
};

/** An open cart idle long enough, with no order since its last activity. */
export type AbandonedCart = {
  __typename?: 'AbandonedCart';
  /** The cart. */
  cart: Cart;
  /** A reference the customers domain resolves (consent, contactability). */
  customer?: Maybe<Customer>;
  /** Whole minutes since then. */
  idleMinutes: Scalars['Int']['output'];
  /** When the cart last changed. */
  lastActivityAt: Scalars['DateTime']['output'];
  /** The cart's value: sum of quantity × unit price. */
  value: Scalars['Float']['output'];
};

/** A page of abandoned carts, with the cursor to the next page. */
export type AbandonedCartConnection = {
  __typename?: 'AbandonedCartConnection';
  /** The abandoned carts of this page with their cursors. */
  edges: Array<AbandonedCartEdge>;
  /** The abandoned carts of this page. */
  nodes: Array<AbandonedCart>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
};

/** One abandoned cart of a page and its cursor. */
export type AbandonedCartEdge = {
  __typename?: 'AbandonedCartEdge';
  /** Pass as after to read the abandoned carts after this one. */
  cursor: Scalars['String']['output'];
  /** The abandoned cart. */
  node: AbandonedCart;
};

/** A change of on-hand stock at one location. */
export type AdjustStockInput = {
  /** Units to add (positive) or remove (negative). */
  delta: Scalars['Int']['input'];
  /** The location whose stock changes. */
  location: Scalars['ShortText']['input'];
  /** Why, for the stock history, e.g. restock or shrinkage. */
  reason?: InputMaybe<Scalars['Text']['input']>;
  /** The product. */
  sku: Scalars['ID']['input'];
};

/** A → C over order baskets: support(A∪C), confidence = support(A∪C) / support(A), lift = confidence / support(C). */
export type AssociationRule = {
  __typename?: 'AssociationRule';
  /** The products of A, resolved by inventory. */
  antecedent: Array<Product>;
  /** The skus of A. */
  antecedentSkus: Array<Scalars['ID']['output']>;
  /** support(A∪C) / support(A). */
  confidence: Scalars['Float']['output'];
  /** The products of C, resolved by inventory. */
  consequent: Array<Product>;
  /** The skus of C. */
  consequentSkus: Array<Scalars['ID']['output']>;
  /** confidence / support(C); above 1 means A makes C more likely. */
  lift: Scalars['Float']['output'];
  /** Share of orders containing A∪C. */
  support: Scalars['Float']['output'];
  /** Orders containing A∪C. */
  supportCount: Scalars['Int']['output'];
};

/** One mining run of frequent itemsets and association rules. */
export type AssociationRuleMining = {
  __typename?: 'AssociationRuleMining';
  /** When the run finished. */
  computedAt: Scalars['DateTime']['output'];
  /** How long the run took. */
  durationMs: Scalars['Int']['output'];
  /** Frequent itemsets found. */
  frequentItemsetCount: Scalars['Int']['output'];
  /** The largest itemset mined. */
  maxItemsetSize: Scalars['Int']['output'];
  /** The minimum confidence used. */
  minConfidence: Scalars['Float']['output'];
  /** The minimum support used. */
  minSupport: Scalars['Float']['output'];
  /** Orders (baskets) mined. */
  orderCount: Scalars['Int']['output'];
  /** Rules stored. */
  ruleCount: Scalars['Int']['output'];
};

/** How an order's value is split over the touchpoints before it (MARKETING.md). */
export type AttributionModel =
  | 'FIRST_TOUCH'
  | 'LAST_TOUCH'
  | 'LINEAR'
  | 'POSITION_BASED'
  | 'SHAPLEY'
  | 'TIME_DECAY';

/** Orders of a period credited to channels and campaigns under one model. */
export type AttributionReport = {
  __typename?: 'AttributionReport';
  /** Credit per campaign. */
  byCampaign: Array<CampaignCredit>;
  /** Credit per channel. */
  byChannel: Array<ChannelCredit>;
  /** When a stored report (attributionReport) was computed; null for the attribution query, computed on request. */
  computedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Their total value; every model's credits sum to it. */
  conversionValue: Scalars['Float']['output'];
  /** Orders in the period with at least one touchpoint in their lookback window. */
  conversions: Scalars['Int']['output'];
  /** Start of the period (inclusive). */
  from: Scalars['DateTime']['output'];
  /** How many days before an order its touchpoints count. */
  lookbackDays: Scalars['Int']['output'];
  /** The model used. */
  model: AttributionModel;
  /** The credits set against the spend recorded for the days whose UTC start lies in [from, to): ROAS and cost per acquisition under this report's model. */
  returns: AttributionReturns;
  /** End of the period (exclusive). */
  to: Scalars['DateTime']['output'];
  /** Orders in the period with no touchpoint in the window. */
  unattributedConversions: Scalars['Int']['output'];
  /** Their total value. */
  unattributedValue: Scalars['Float']['output'];
};

/** What a period's spend bought under one attribution model. */
export type AttributionReturns = {
  __typename?: 'AttributionReturns';
  /** Per campaign: its spend against its credit; every campaign with either, in id order. */
  byCampaign: Array<CampaignReturn>;
  /** Per channel: the spend of the campaigns run on it against the credit of its touchpoints; every channel with either. */
  byChannel: Array<ChannelReturn>;
  /** conversionValue / totalSpend; null without spend. */
  roas?: Maybe<Scalars['Float']['output']>;
  /** Spend of every campaign over the period's days. */
  totalSpend: Money;
};

/** One stored audience snapshot of a campaign. */
export type Audience = {
  __typename?: 'Audience';
  /** The campaign. */
  campaign: Campaign;
  /** When the snapshot was built. */
  computedAt: Scalars['DateTime']['output'];
  /** Members in id order. With currentConsentOnly, members who withdrew consent since the build are left out (before paging). first is at most 100. */
  members: AudienceMemberConnection;
  /** The rule as it was when this snapshot was built. */
  rule: AudienceRule;
  /** Members in the snapshot. */
  size: Scalars['Int']['output'];
  /** The snapshot version, 1 for the first build. */
  version: Scalars['Int']['output'];
};


/** One stored audience snapshot of a campaign. */
export type AudienceMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  currentConsentOnly?: InputMaybe<Scalars['Boolean']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of audience members, with the cursor to the next page. */
export type AudienceMemberConnection = {
  __typename?: 'AudienceMemberConnection';
  /** The audience members of this page with their cursors. */
  edges: Array<AudienceMemberEdge>;
  /** The audience members of this page. */
  nodes: Array<Customer>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
};

/** One audience member of a page and its cursor. */
export type AudienceMemberEdge = {
  __typename?: 'AudienceMemberEdge';
  /** Pass as after to read the audience members after this one. */
  cursor: Scalars['String']['output'];
  /** The audience member. */
  node: Customer;
};

/** Who a campaign is for. */
export type AudienceRule = {
  __typename?: 'AudienceRule';
  /** The channel the campaign sends on; members need a current MARKETING opt-in on it. */
  channel: MarketingChannel;
  /** Only customers in this country (ISO 3166-1 alpha-2); null for any. */
  country?: Maybe<Scalars['String']['output']>;
  /** Horizon of the predicted value, in days. */
  horizonDays: Scalars['Int']['output'];
  /** Minimum predicted lifetime value over horizonDays. */
  minPredictedValue?: Maybe<Scalars['Float']['output']>;
  /** RFM segments a member must be in (any of them). */
  segments: Array<RfmSegment>;
};

/** Who a campaign is for. */
export type AudienceRuleInput = {
  /** Must be the campaign's channel and one consent is recorded for (EMAIL, SMS, PUSH). */
  channel: MarketingChannel;
  /** Only customers in this country (ISO 3166-1 alpha-2). */
  country?: InputMaybe<Scalars['ShortText']['input']>;
  /** Defaults to 365. */
  horizonDays?: InputMaybe<Scalars['Int']['input']>;
  /** Minimum predicted lifetime value over horizonDays. */
  minPredictedValue?: InputMaybe<Scalars['Float']['input']>;
  /** RFM segments a member must be in (any of them); at least one. */
  segments: Array<RfmSegment>;
};

/** The summary of one audience snapshot. */
export type AudienceVersion = {
  __typename?: 'AudienceVersion';
  /** When it was built. */
  computedAt: Scalars['DateTime']['output'];
  /** Members in it. */
  size: Scalars['Int']['output'];
  /** The snapshot version. */
  version: Scalars['Int']['output'];
};

/** What an access record records. */
export type AuditKind =
  /** A mutation. */
  | 'MUTATION'
  /** A read of fields that need pii:read. */
  | 'READ';

/** One recorded request: a read of personal fields, or a mutation. */
export type AuditRecord = {
  __typename?: 'AuditRecord';
  /** When the request was served. */
  at: Scalars['DateTime']['output'];
  /** How many customers the request concerned. */
  customerCount: Scalars['Int']['output'];
  /** Keyed hashes of the customer ids concerned (never the ids); filter by customerId to find a person's records. */
  customerRefs: Array<Scalars['String']['output']>;
  /** The domain whose access log holds the record. */
  domain: Scalars['String']['output'];
  /** Schema coordinates read or run, e.g. Customer.email or Mutation.setConsent. */
  fields: Array<Scalars['String']['output']>;
  /** READ for a read of personal fields, MUTATION for a mutation. */
  kind: AuditKind;
  /** The client operation's name, as the gateway labelled it. */
  operationName: Scalars['String']['output'];
  /** The purpose the client stated in its x-purpose header; null when it stated none. */
  purpose?: Maybe<Scalars['String']['output']>;
  /** The gateway's request id, to find the request's other records and log lines. */
  requestId?: Maybe<Scalars['String']['output']>;
  /** The verified subject of the token the request came with. */
  subject: Scalars['String']['output'];
};

/** A page of access records. */
export type AuditRecordConnection = {
  __typename?: 'AuditRecordConnection';
  /** The records of this page with their cursors. */
  edges: Array<AuditRecordEdge>;
  /** Whether another page follows, and the cursor to ask for it. */
  pageInfo: PageInfo;
};

/** An access record with its cursor. */
export type AuditRecordEdge = {
  __typename?: 'AuditRecordEdge';
  /** Pass as after to read the records after this one. */
  cursor: Scalars['String']['output'];
  /** The record. */
  node: AuditRecord;
};

/** The access logs of the domains for one filter (customer, subject, time range); each domain contributes the records it stores. Ask for it with Query.auditTrail. */
export type AuditTrail = {
  __typename?: 'AuditTrail';
  /** What the campaigns domain recorded for this filter, newest first. first is at most 100. */
  campaigns: AuditRecordConnection;
  /** What the customers domain recorded for this filter, newest first. first is at most 100. */
  customers: AuditRecordConnection;
  /** Opaque: the filter the trail was asked with. */
  id: Scalars['ID']['output'];
  /** What the inventory domain recorded for this filter, newest first. first is at most 100. */
  inventory: AuditRecordConnection;
  /** What the orders domain recorded for this filter, newest first. first is at most 100. */
  orders: AuditRecordConnection;
};


/** The access logs of the domains for one filter (customer, subject, time range); each domain contributes the records it stores. Ask for it with Query.auditTrail. */
export type AuditTrailCampaignsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The access logs of the domains for one filter (customer, subject, time range); each domain contributes the records it stores. Ask for it with Query.auditTrail. */
export type AuditTrailCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The access logs of the domains for one filter (customer, subject, time range); each domain contributes the records it stores. Ask for it with Query.auditTrail. */
export type AuditTrailInventoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The access logs of the domains for one filter (customer, subject, time range); each domain contributes the records it stores. Ask for it with Query.auditTrail. */
export type AuditTrailOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A cart line whose product is available now in at least the line's quantity. */
export type AvailableCartLine = {
  __typename?: 'AvailableCartLine';
  /** Units available now over all locations. */
  availableQuantity: Scalars['Int']['output'];
  /** The product, resolved by inventory. */
  product: Product;
  /** Units in the cart. */
  quantity: Scalars['Int']['output'];
};

/** BG/NBD parameters: r and alpha of the purchase rate, a and b of the dropout probability. */
export type BgNbdParameters = {
  __typename?: 'BgNbdParameters';
  /** First parameter of the beta distribution of dropout probabilities. */
  a: Scalars['Float']['output'];
  /** Scale of the gamma distribution of purchase rates. */
  alpha: Scalars['Float']['output'];
  /** Second parameter of the beta distribution of dropout probabilities. */
  b: Scalars['Float']['output'];
  /** Nelder–Mead iterations, over every restart. */
  iterations: Scalars['Int']['output'];
  /** Log-likelihood of the fit. */
  logLikelihood: Scalars['Float']['output'];
  /** Shape of the gamma distribution of purchase rates. */
  r: Scalars['Float']['output'];
  /** How this fit ended. */
  status: ClvFitStatus;
};

/** A marketing campaign. Owned by the campaigns domain. */
export type Campaign = {
  __typename?: 'Campaign';
  /** An audience snapshot: the given version, or the latest; null before the first build. */
  audience?: Maybe<Audience>;
  /** Who the campaign is for; null until setAudienceRule. */
  audienceRule?: Maybe<AudienceRule>;
  /** Every snapshot's summary, newest first. */
  audienceVersions: Array<AudienceVersion>;
  /** Budget in EUR; null when none was set. */
  budget?: Maybe<Scalars['Float']['output']>;
  /** The channel the campaign runs on. */
  channel: MarketingChannel;
  /** When the campaign was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When it ends; null when open-ended. */
  endsAt?: Maybe<Scalars['DateTime']['output']>;
  /** A/B results; null when the campaign has no variants. Exposures are customers' first touchpoints of a declared kind whose conversion window has closed; conversions are orders within conversionWindowDays after it. */
  experiment?: Maybe<ExperimentResult>;
  /** Exposure (IMPRESSION or OPEN) → CLICK → CART → ORDER for the customers first exposed in [from, to), each step taken after the previous one within windowDays of the exposure; optionally only touchpoints on one channel. The period spans at most 366 days; windowDays is 1 to 90. */
  funnel: Funnel;
  /** The campaign id, assigned by the campaigns domain (e.g. cmp-0001). */
  id: Scalars['ID']['output'];
  /** The campaign's name as marketing calls it. */
  name: Scalars['String']['output'];
  /** Promoted products that can be sold now (availableQuantity >= minAvailable, not discontinued), in campaign order. first is at most 100. */
  promotableProducts?: Maybe<Array<Product>>;
  /** Resolved by inventory; an entry is null when inventory does not know the sku or is down. */
  promotedProducts: Array<Maybe<Product>>;
  /** Promoted product skus, in the order the campaign shows them. */
  promotedSkus: Array<Scalars['ID']['output']>;
  /** When it starts; null when not scheduled. */
  startsAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the campaign is in its life. */
  status: CampaignStatus;
  /** Newest first. first is at most 100. */
  touchpoints: TouchpointConnection;
  /** The variant recorded at the customer's first exposure; before it, the one the current shares give them (a hash of campaign and customer id). Null when their recorded variant was removed. */
  variantFor?: Maybe<CampaignVariant>;
  /** A/B variants with their traffic shares; empty when the campaign is not an experiment. */
  variants: Array<CampaignVariant>;
};


/** A marketing campaign. Owned by the campaigns domain. */
export type CampaignAudienceArgs = {
  version?: InputMaybe<Scalars['Int']['input']>;
};


/** A marketing campaign. Owned by the campaigns domain. */
export type CampaignExperimentArgs = {
  conversionWindowDays?: InputMaybe<Scalars['Int']['input']>;
};


/** A marketing campaign. Owned by the campaigns domain. */
export type CampaignFunnelArgs = {
  channel?: InputMaybe<MarketingChannel>;
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
  windowDays?: InputMaybe<Scalars['Int']['input']>;
};


/** A marketing campaign. Owned by the campaigns domain. */
export type CampaignPromotableProductsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  minAvailable?: InputMaybe<Scalars['Int']['input']>;
};


/** A marketing campaign. Owned by the campaigns domain. */
export type CampaignTouchpointsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A marketing campaign. Owned by the campaigns domain. */
export type CampaignVariantForArgs = {
  customerId: Scalars['ID']['input'];
};

/** A page of campaigns, with the cursor to the next page. */
export type CampaignConnection = {
  __typename?: 'CampaignConnection';
  /** The campaigns of this page with their cursors. */
  edges: Array<CampaignEdge>;
  /** The campaigns of this page. */
  nodes: Array<Campaign>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
};

/** What one campaign earned in an attribution report. */
export type CampaignCredit = {
  __typename?: 'CampaignCredit';
  /** The campaign. */
  campaign: Campaign;
  /** Fractional conversions credited. */
  conversions: Scalars['Float']['output'];
  /** Revenue credited. */
  revenue: Scalars['Float']['output'];
};

/** One campaign of a page and its cursor. */
export type CampaignEdge = {
  __typename?: 'CampaignEdge';
  /** Pass as after to read the campaigns after this one. */
  cursor: Scalars['String']['output'];
  /** The campaign. */
  node: Campaign;
};

/** A campaign's spend, credit, return on ad spend and cost per acquisition. */
export type CampaignReturn = {
  __typename?: 'CampaignReturn';
  /** The campaign. */
  campaign: Campaign;
  /** Fractional conversions credited to it. */
  conversions: Scalars['Float']['output'];
  /** spend / conversions, to the cent; null without conversions. */
  costPerAcquisition?: Maybe<Money>;
  /** Revenue credited to it. */
  revenue: Scalars['Float']['output'];
  /** revenue / spend; null without spend. */
  roas?: Maybe<Scalars['Float']['output']>;
  /** Its spend over the period's days. */
  spend: Money;
};

/** A campaign's spend on one day. */
export type CampaignSpend = {
  __typename?: 'CampaignSpend';
  /** What it cost that day. */
  amount: Money;
  /** The campaign. */
  campaign: Campaign;
  /** The UTC day. */
  day: Scalars['Date']['output'];
};

/** The life of a campaign. */
export type CampaignStatus =
  | 'ACTIVE'
  | 'COMPLETED'
  | 'DRAFT'
  | 'PAUSED'
  | 'SCHEDULED';

/** One arm of a campaign's A/B test. */
export type CampaignVariant = {
  __typename?: 'CampaignVariant';
  /** True for the variant the others are compared with. */
  control: Scalars['Boolean']['output'];
  /** Short key, unique in the campaign, e.g. A or B. */
  key: Scalars['String']['output'];
  /** A label for people; null when none. */
  name?: Maybe<Scalars['String']['output']>;
  /** Share of customers assigned to it, 0 to 1; the shares sum to 1. */
  trafficShare: Scalars['Float']['output'];
};

/** One A/B variant to set. */
export type CampaignVariantInput = {
  /** True for exactly one variant, the control. */
  control?: InputMaybe<Scalars['Boolean']['input']>;
  /** Short key, unique in the campaign. */
  key: Scalars['ShortText']['input'];
  /** A label for people. */
  name?: InputMaybe<Scalars['Text']['input']>;
  /** Share of customers, 0 to 1; all shares sum to 1. */
  trafficShare: Scalars['Float']['input'];
};

/** A customer's open shopping cart. Owned by the orders domain. */
export type Cart = {
  __typename?: 'Cart';
  /** The cart's lines whose product is not discontinued and has at least the line's quantity available now, in cart order. */
  availableLines?: Maybe<Array<AvailableCartLine>>;
  /** The cart's owner, a reference the customers domain resolves. */
  customer?: Maybe<Customer>;
  /** The cart id, assigned by the orders domain. */
  id: Scalars['ID']['output'];
  /** When the cart last changed. */
  lastActivityAt: Scalars['DateTime']['output'];
  /** The products in the cart, in the order they were added. */
  lines: Array<CartLine>;
  /** Sum of quantity × unit price over the lines. */
  value: Scalars['Float']['output'];
};

/** One product in a cart, with the quantity and the price it was added at. */
export type CartLine = {
  __typename?: 'CartLine';
  /** Resolved by inventory; null when the sku is unknown there or inventory is down. */
  product?: Maybe<Product>;
  /** Units of the product in the cart. */
  quantity: Scalars['Int']['output'];
  /** The product's sku. */
  sku: Scalars['ID']['output'];
  /** The price of one unit when it was added to the cart. */
  unitPrice: Scalars['Float']['output'];
};

/** One product to put in a cart. */
export type CartLineInput = {
  /** Units; at least 1. */
  quantity: Scalars['Int']['input'];
  /** The product. */
  sku: Scalars['ID']['input'];
  /** Price of one unit; not negative. */
  unitPrice: Scalars['Float']['input'];
};

/** What one channel earned in an attribution report. */
export type ChannelCredit = {
  __typename?: 'ChannelCredit';
  /** The channel. */
  channel: MarketingChannel;
  /** Fractional conversions credited. */
  conversions: Scalars['Float']['output'];
  /** Revenue credited. */
  revenue: Scalars['Float']['output'];
};

/** A channel's spend, credit, return on ad spend and cost per acquisition. */
export type ChannelReturn = {
  __typename?: 'ChannelReturn';
  /** The channel. */
  channel: MarketingChannel;
  /** Fractional conversions credited to the channel. */
  conversions: Scalars['Float']['output'];
  /** spend / conversions, to the cent; null without conversions. */
  costPerAcquisition?: Maybe<Money>;
  /** Revenue credited to the channel. */
  revenue: Scalars['Float']['output'];
  /** revenue / spend; null without spend. */
  roas?: Maybe<Scalars['Float']['output']>;
  /** Spend of the campaigns run on this channel. */
  spend: Money;
};

/** The calibration/holdout check of a BG/NBD fit: the model fitted on the purchases before holdoutFrom predicts each customer's purchases up to asOf. */
export type ClvCalibration = {
  __typename?: 'ClvCalibration';
  /** One row per number of repeat purchases before holdoutFrom. */
  groups: Array<ClvCalibrationGroup>;
  /** Start of the holdout period (its end is the model's asOf). */
  holdoutFrom: Scalars['DateTime']['output'];
  /** Length of the holdout period in weeks. */
  holdoutWeeks: Scalars['Float']['output'];
};

/** Customers with the same number of repeat purchases in the calibration period, and their holdout purchases. */
export type ClvCalibrationGroup = {
  __typename?: 'ClvCalibrationGroup';
  /** Mean purchases per customer actually made in the holdout period. */
  actualPurchases: Scalars['Float']['output'];
  /** Customers in the group. */
  customers: Scalars['Int']['output'];
  /** True for the last group, which also holds customers with more repeat purchases. */
  orMore: Scalars['Boolean']['output'];
  /** Mean purchases per customer in the holdout period, predicted by the calibration fit. */
  predictedPurchases: Scalars['Float']['output'];
  /** Repeat purchases before the holdout period. */
  repeatPurchases: Scalars['Int']['output'];
};

/** How a maximum-likelihood fit ended. */
export type ClvFitStatus =
  /** A parameter ended within a factor of 10 of its bound (1e-4 or 1e6): the data do not identify the model. */
  | 'AT_BOUND'
  /** The optimizer converged (function values and parameters stable) with every parameter inside its bounds. */
  | 'CONVERGED'
  /** The optimizer hit its iteration limit before converging. */
  | 'NOT_CONVERGED';

/** BG/NBD + Gamma-Gamma parameters fitted by maximum likelihood (Fader, Hardie & Lee 2005). Time is measured in weeks. */
export type ClvModel = {
  __typename?: 'ClvModel';
  /** End of the calibration period. */
  asOf: Scalars['DateTime']['output'];
  /** The purchase-count model. */
  bgNbd: BgNbdParameters;
  /** Predicted vs actual purchases in a holdout period, from a fit on the purchases before it; null when that period was too short to fit. */
  calibration?: Maybe<ClvCalibration>;
  /** Customers with orders in the calibration period. */
  customers: Scalars['Int']['output'];
  /** When the parameters were fitted. */
  fittedAt: Scalars['DateTime']['output'];
  /** The spend-per-purchase model. */
  gammaGamma: GammaGammaParameters;
  /** CONVERGED when both fits converged inside the parameter bounds; otherwise the worse of the two, and the fit is not served. */
  status: ClvFitStatus;
  /** Why the fit is not CONVERGED; null when it is. */
  statusReason?: Maybe<Scalars['String']['output']>;
};

/** A two-sided 95% confidence interval. */
export type ConfidenceInterval = {
  __typename?: 'ConfidenceInterval';
  /** Lower bound. */
  lower: Scalars['Float']['output'];
  /** Upper bound. */
  upper: Scalars['Float']['output'];
};

/** One consent decision of a customer for one purpose on one channel. */
export type Consent = {
  __typename?: 'Consent';
  /** When the customer decided, as the caller reported it (evidence). */
  capturedAt: Scalars['DateTime']['output'];
  /** The channel it covers. */
  channel: ConsentChannel;
  /** What the consent is for. */
  purpose: ConsentPurpose;
  /** When the server received the record; this orders a customer's decisions. */
  recordedAt: Scalars['DateTime']['output'];
  /** Where the consent was captured, e.g. checkout, preference-center, import. */
  source: Scalars['String']['output'];
  /** The decision. */
  status: ConsentStatus;
};

/** The channel a consent covers. */
export type ConsentChannel =
  | 'EMAIL'
  | 'PHONE'
  | 'PUSH'
  | 'SMS';

/** A page of consents, with the cursor to the next page. */
export type ConsentConnection = {
  __typename?: 'ConsentConnection';
  /** The consents of this page with their cursors. */
  edges: Array<ConsentEdge>;
  /** The consents of this page. */
  nodes: Array<Consent>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
};

/** One consent of a page and its cursor. */
export type ConsentEdge = {
  __typename?: 'ConsentEdge';
  /** Pass as after to read the consents after this one. */
  cursor: Scalars['String']['output'];
  /** The consent. */
  node: Consent;
};

/** A purpose and channel whose current consent must be OPT_IN. */
export type ConsentFilter = {
  /** The consent channel. */
  channel: ConsentChannel;
  /** The consent purpose. */
  purpose: ConsentPurpose;
};

/** What a consent is for. */
export type ConsentPurpose =
  | 'ANALYTICS'
  | 'MARKETING'
  | 'PERSONALIZATION';

/** The customer's decision: opted in or out. */
export type ConsentStatus =
  | 'OPT_IN'
  | 'OPT_OUT';

/** How far one consumer of this domain has read another domain's events. */
export type ConsumerFreshness = {
  __typename?: 'ConsumerFreshness';
  /** The consumer's name. */
  consumer: Scalars['String']['output'];
  /** Events it gave up on (dead letters) that wait for a replay. */
  deadLetters: Scalars['Int']['output'];
  /** When it last applied an event (or moved its position). */
  lastAppliedAt: Scalars['DateTime']['output'];
  /** The last event position applied. */
  position: Scalars['Int']['output'];
  /** The domain whose events it reads. */
  producer: Scalars['String']['output'];
  /** Seconds since then. */
  secondsSinceLastApplied: Scalars['Int']['output'];
};

/** A new campaign. */
export type CreateCampaignInput = {
  /** Budget in EUR; not negative. */
  budget?: InputMaybe<Scalars['Float']['input']>;
  /** The channel it runs on. */
  channel: MarketingChannel;
  /** When it ends; after startsAt. */
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The campaign's name. */
  name: Scalars['Text']['input'];
  /** Products it promotes, in display order. */
  promotedSkus?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** When it starts. */
  startsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Defaults to DRAFT. */
  status?: InputMaybe<CampaignStatus>;
};

/** A new location that can hold stock. */
export type CreateLocationInput = {
  /** 2 to 32 uppercase letters, digits or inner hyphens, e.g. BER-DC. */
  code: Scalars['ID']['input'];
  /** What people call the place; not blank. */
  name: Scalars['ShortText']['input'];
};

/** A new catalogue entry. */
export type CreateProductInput = {
  /** The catalogue category; not blank. */
  category: Scalars['ShortText']['input'];
  /** The product's name as shops show it; not blank. */
  name: Scalars['ShortText']['input'];
  /** The list price of one unit: not negative, at most two decimals. */
  price: MoneyInput;
  /** 3 to 32 uppercase letters, digits or inner hyphens, e.g. SKU-00015. */
  sku: Scalars['ID']['input'];
};

/** A person marketing talks to. Owned by the customers domain; other domains add fields to it. */
export type Customer = {
  __typename?: 'Customer';
  /** Date of birth, YYYY-MM-DD; null when unknown. */
  birthDate?: Maybe<Scalars['String']['output']>;
  /** The customer's open cart, if any. */
  cart?: Maybe<Cart>;
  /** City of residence. */
  city?: Maybe<Scalars['String']['output']>;
  /** Current consent for one purpose and channel; null when nothing was ever recorded. */
  consent?: Maybe<Consent>;
  /** Every consent record, newest first (by the server's receipt time). first is at most 100. */
  consentHistory?: Maybe<ConsentConnection>;
  /** Current consent for every purpose and channel that has a record (latest record wins). */
  consents?: Maybe<Array<Consent>>;
  /** True only when the current consent for this purpose and channel is OPT_IN and no objection to direct marketing suppresses the purpose (MARKETING, PERSONALIZATION); no record means false. */
  contactable?: Maybe<Scalars['Boolean']['output']>;
  /** Country of residence, ISO 3166-1 alpha-2 (e.g. DE). Coarse enough to segment on without pii:read. */
  country?: Maybe<Scalars['String']['output']>;
  /** When the customers domain first recorded the customer. */
  createdAt: Scalars['DateTime']['output'];
  /** The name to greet the customer with: first and last name, or what the customer chose. */
  displayName?: Maybe<Scalars['String']['output']>;
  /** The customer asked not to have their personal information sold or shared (CCPA), directly or by Global Privacy Control. */
  doNotSellOrShare?: Maybe<Scalars['Boolean']['output']>;
  /** The customer's primary email (the first EMAIL identity). */
  email?: Maybe<Scalars['String']['output']>;
  /** Given name. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** The customer id, assigned by the customers domain (e.g. cus-0000001). */
  id: Scalars['ID']['output'];
  /** Every identity of the customer (email, phone, loyalty id, device id), normalized, oldest first. */
  identities?: Maybe<Array<Identity>>;
  /** Family name. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** Historical and predicted value; null when the customer has no orders, or only cancelled or refunded ones. */
  lifetimeValue?: Maybe<LifetimeValue>;
  /** The customer objects to direct marketing (GDPR Art. 21(2)): no marketing or personalization on any channel. */
  objectsToDirectMarketing?: Maybe<Scalars['Boolean']['output']>;
  /** Newest first. first is at most 100. */
  orders?: Maybe<OrderConnection>;
  /** The customer's primary phone (the first PHONE identity), in E.164 form. */
  phone?: Maybe<Scalars['String']['output']>;
  /** The current record of each privacy preference kind that has one. */
  privacyPreferences?: Maybe<Array<PrivacyPreference>>;
  /** Nullable like every field a domain adds to another's entity, so an orders outage only blanks these fields. */
  purchaseStats?: Maybe<PurchaseStats>;
  /** Skus frequently bought with what this customer bought, excluding what they bought and discontinued products, best first (lift, then confidence). Inventory filters these to products available now. */
  recommendationCandidateSkus?: Maybe<Array<Scalars['ID']['output']>>;
  /** Cross-sell candidates from orders that can be sold now (availableQuantity >= minAvailable, not discontinued), best first. first is at most 100. */
  recommendedProducts?: Maybe<Array<Product>>;
  /** RFM scores from the snapshot as of asOf (default: the latest); null when the customer had no orders then or no snapshot exists. */
  rfm?: Maybe<RfmScore>;
  /** Newest first. first is at most 100. Null only when the campaigns domain fails. */
  touchpoints?: Maybe<TouchpointConnection>;
  /** When the profile last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/** A person marketing talks to. Owned by the customers domain; other domains add fields to it. */
export type CustomerConsentArgs = {
  channel: ConsentChannel;
  purpose: ConsentPurpose;
};


/** A person marketing talks to. Owned by the customers domain; other domains add fields to it. */
export type CustomerConsentHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A person marketing talks to. Owned by the customers domain; other domains add fields to it. */
export type CustomerContactableArgs = {
  channel: ConsentChannel;
  purpose?: InputMaybe<ConsentPurpose>;
};


/** A person marketing talks to. Owned by the customers domain; other domains add fields to it. */
export type CustomerOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A person marketing talks to. Owned by the customers domain; other domains add fields to it. */
export type CustomerRecommendedProductsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  minAvailable?: InputMaybe<Scalars['Int']['input']>;
};


/** A person marketing talks to. Owned by the customers domain; other domains add fields to it. */
export type CustomerRfmArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};


/** A person marketing talks to. Owned by the customers domain; other domains add fields to it. */
export type CustomerTouchpointsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of customers, with the cursor to the next page. */
export type CustomerConnection = {
  __typename?: 'CustomerConnection';
  /** The customers of this page with their cursors. */
  edges: Array<CustomerEdge>;
  /** The customers of this page. */
  nodes: Array<Customer>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
};

/** One customer of a page and its cursor. */
export type CustomerEdge = {
  __typename?: 'CustomerEdge';
  /** Pass as after to read the customers after this one. */
  cursor: Scalars['String']['output'];
  /** The customer. */
  node: Customer;
};

/** Narrows Query.customers; every given condition must hold. */
export type CustomerFilter = {
  /** Only customers in this city (exact match). */
  city?: InputMaybe<Scalars['Text']['input']>;
  /** Only customers in this country (ISO 3166-1 alpha-2). */
  country?: InputMaybe<Scalars['ShortText']['input']>;
  /** Only customers created at or after this time. */
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only customers created before this time. */
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only customers whose current consent for this purpose and channel is OPT_IN. */
  optedIn?: InputMaybe<ConsentFilter>;
  /** Only customers whose first name, last name or an email identity starts with this text (case-insensitive, 2 to 100 characters). Needs pii:read. */
  search?: InputMaybe<Scalars['ShortText']['input']>;
};

/** Data quality as each domain measures it on its own data; each domain contributes its part. Ask for it with Query.dataQuality. */
export type DataQuality = {
  __typename?: 'DataQuality';
  /** The campaigns domain's measurements (cached for up to a minute). */
  campaigns: DomainQuality;
  /** The customers domain's measurements (cached for up to a minute). */
  customers: DomainQuality;
  /** Always mesh: there is one report. */
  id: Scalars['ID']['output'];
  /** The inventory domain's measurements (cached for up to a minute). */
  inventory: DomainQuality;
  /** The orders domain's measurements (cached for up to a minute). */
  orders: DomainQuality;
};

/** A request of a person about their data, owned by customers and carried out by every domain. */
export type DataSubjectRequest = {
  __typename?: 'DataSubjectRequest';
  /** When the last domain did its part; null while open. */
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the request was opened. */
  createdAt: Scalars['DateTime']['output'];
  /** The customer; null once an erasure completed (the request then knows the subject only by tombstone hash). */
  customerId?: Maybe<Scalars['ID']['output']>;
  /** Each domain's part, by domain name. */
  domains: Array<DataSubjectRequestDomain>;
  /** When the answer is due under the regime. */
  dueAt: Scalars['DateTime']['output'];
  /** EXPORT, once completed: the JSON document of every domain's part, until exportExpiresAt (then purged, and null). */
  exportDocument?: Maybe<Scalars['String']['output']>;
  /** When the export is purged (its retention). */
  exportExpiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The request id. */
  id: Scalars['ID']['output'];
  /** Erasure or export. */
  kind: DataSubjectRequestKind;
  /** The law the request is answered under; it sets the due date. */
  regime: PrivacyRegime;
  /** Who opened the request (the token's subject). */
  requestedBy: Scalars['String']['output'];
  /** Open until every domain did its part. */
  status: DataSubjectRequestStatus;
};

/** One domain's part of a data-subject request. */
export type DataSubjectRequestDomain = {
  __typename?: 'DataSubjectRequestDomain';
  /** When it reported its part done; null while pending. */
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The domain (subgraph) name. */
  domain: Scalars['String']['output'];
  /** Whether its part is done. */
  status: DataSubjectRequestDomainStatus;
};

/** Where one domain's part of a request stands. */
export type DataSubjectRequestDomainStatus =
  /** Done. */
  | 'DONE'
  /** Not done yet (a failed part is retried until it succeeds). */
  | 'PENDING';

/** What a data-subject request asks for. */
export type DataSubjectRequestKind =
  /** Erase the customer in every domain; orders keep an anonymised financial record. */
  | 'ERASURE'
  /** Collect everything every domain holds about the customer into one JSON document. */
  | 'EXPORT';

/** Where a data-subject request stands as a whole. */
export type DataSubjectRequestStatus =
  /** Every domain did its part. */
  | 'COMPLETED'
  /** At least one domain has not done its part yet (failed parts are retried until they succeed). */
  | 'OPEN';

/** A discount offered in a message. */
export type DiscountRule = {
  __typename?: 'DiscountRule';
  /** The code the customer enters. */
  code: Scalars['String']['output'];
  /** Percent off the order, e.g. 10. */
  percentOff: Scalars['Float']['output'];
  /** The discount applies to orders placed before this time. */
  validUntil: Scalars['DateTime']['output'];
};

/** One domain's data-quality measurements. */
export type DomainQuality = {
  __typename?: 'DomainQuality';
  /** Completeness, validity and uniqueness checks on the domain's own tables. */
  checks: Array<QualityCheck>;
  /** How fresh the facts this domain consumes from others are: one entry per consumer and producer. */
  consumers: Array<ConsumerFreshness>;
  /** The domain (subgraph) name. */
  domain: Scalars['String']['output'];
  /** The latest change in that table; null when it is empty. */
  lastChangeAt?: Maybe<Scalars['DateTime']['output']>;
  /** When these figures were computed. */
  measuredAt: Scalars['DateTime']['output'];
  /** Rows in the domain's main table (customers, orders, products, touchpoints). */
  rows: Scalars['Int']['output'];
};

/** A/B test results of a campaign. */
export type ExperimentResult = {
  __typename?: 'ExperimentResult';
  /** The control variant. */
  control: CampaignVariant;
  /** Days after a customer's first exposure an order counts as a conversion. */
  conversionWindowDays: Scalars['Int']['output'];
  /** The touchpoint kinds the experiment counts as exposures. */
  exposureKinds: Array<TouchpointKind>;
  /** Only customers first exposed before this time are judged: their conversion window has closed. */
  judgedBefore: Scalars['DateTime']['output'];
  /** Customers assigned to a variant that setCampaignVariants has since removed; they are in no variant's figures. */
  removedVariantExposures: Scalars['Int']['output'];
  /** Every variant with its results, the control included. */
  variants: Array<VariantResult>;
};

/** How far customers went after a campaign or channel reached them. */
export type Funnel = {
  __typename?: 'Funnel';
  /** The campaign; null for a channel funnel. */
  campaign?: Maybe<Campaign>;
  /** The channel touchpoints were limited to; null for every channel. */
  channel?: Maybe<MarketingChannel>;
  /** Start of the exposure period (inclusive). */
  from: Scalars['DateTime']['output'];
  /** EXPOSURE, CLICK, CART, ORDER, in order. */
  steps: Array<FunnelStepResult>;
  /** End of the exposure period (exclusive); later steps may fall up to windowDays after it. */
  to: Scalars['DateTime']['output'];
  /** Days after a customer's first exposure in the period within which each later step counts. */
  windowDays: Scalars['Int']['output'];
};

/** A step of a funnel: exposures and clicks are touchpoints; carts and orders come from the orders domain's events (cart activities with at least one line; orders neither cancelled nor refunded). */
export type FunnelStep =
  | 'CART'
  | 'CLICK'
  | 'EXPOSURE'
  | 'ORDER';

/** How many customers reached one step of a funnel, and how fast. */
export type FunnelStepResult = {
  __typename?: 'FunnelStepResult';
  /** customers / the exposed customers; null for the first step or when none were exposed. */
  conversionFromFirst?: Maybe<Scalars['Float']['output']>;
  /** customers / the previous step's customers; null for the first step or when the previous step has none. */
  conversionFromPrevious?: Maybe<Scalars['Float']['output']>;
  /** Customers who reached it, having reached every step before it in order. */
  customers: Scalars['Int']['output'];
  /** Median seconds between a customer's previous step and this one; null for the first step or when no one reached it. */
  medianSecondsFromPrevious?: Maybe<Scalars['Float']['output']>;
  /** The step. */
  step: FunnelStep;
};

/** Gamma-Gamma parameters of the spend per purchase. */
export type GammaGammaParameters = {
  __typename?: 'GammaGammaParameters';
  /** Customers with at least one repeat purchase, the ones the spend model is fitted on. */
  customers: Scalars['Int']['output'];
  /** Scale of the gamma distribution of the customers' scale parameter. */
  gamma: Scalars['Float']['output'];
  /** Nelder–Mead iterations, over every restart. */
  iterations: Scalars['Int']['output'];
  /** Log-likelihood of the fit. */
  logLikelihood: Scalars['Float']['output'];
  /** Shape of the gamma distribution of a purchase's value. */
  p: Scalars['Float']['output'];
  /** Shape of the gamma distribution of the customers' scale parameter; fitted above 1, so the mean spend pγ/(q − 1) is finite. */
  q: Scalars['Float']['output'];
  /** How this fit ended. */
  status: ClvFitStatus;
};

/** One way to recognise a customer: an email, a phone, a loyalty id or a device id. */
export type Identity = {
  __typename?: 'Identity';
  /** When the identity was attached to the customer. */
  addedAt: Scalars['DateTime']['output'];
  /** What kind of identity the value is. */
  type: IdentityType;
  /** Normalized: emails lower-cased and trimmed, phones in E.164 digits, ids trimmed. */
  value: Scalars['String']['output'];
};

/** The kinds of identity a customer can be found by. */
export type IdentityType =
  | 'DEVICE_ID'
  | 'EMAIL'
  | 'LOYALTY_ID'
  | 'PHONE';

/**
 * Long work running in the background, in the domain that started it. A mutation that starts one
 * answers at once with it; Query.job and Query.jobs read every domain's jobs. Readable by the
 * subject that started it and by holders of the scope that starts its kind.
 */
export type Job = {
  __typename?: 'Job';
  /** When the job was started (queued). */
  createdAt: Scalars['DateTime']['output'];
  /** The subject of the token that started it. */
  createdBy: Scalars['String']['output'];
  /** Why it FAILED or was CANCELLED, with the error code first. */
  error?: Maybe<Scalars['String']['output']>;
  /** When it ended; null until then. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The job id, a UUID; the same in every domain's registry. */
  id: Scalars['ID']['output'];
  /** What work the job does. */
  kind: JobKind;
  /** From 0 to 1; 1 once SUCCEEDED. */
  progress: Scalars['Float']['output'];
  /** A reference to what it produced, read with the kind's query: a snapshot asOf, a model fittedAt, an audience version, a report id. */
  result?: Maybe<Scalars['String']['output']>;
  /** When a runner picked it up; null while queued. */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the job is in its life: QUEUED, RUNNING, then SUCCEEDED, FAILED or CANCELLED. */
  status: JobStatus;
  /** What the job works on: a campaign id, or all. */
  target: Scalars['String']['output'];
};

/** A page of jobs, with the cursor to the next page. */
export type JobConnection = {
  __typename?: 'JobConnection';
  /** The jobs of this page with their cursors. */
  edges: Array<JobEdge>;
  /** The jobs of this page. */
  nodes: Array<Job>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
};

/** One job of a page and its cursor. */
export type JobEdge = {
  __typename?: 'JobEdge';
  /** Pass as after to read the jobs after this one. */
  cursor: Scalars['String']['output'];
  /** The job. */
  node: Job;
};

/** The kinds of long work a domain runs as jobs. */
export type JobKind =
  | 'ATTRIBUTION'
  | 'BUILD_AUDIENCE'
  | 'CART_REMINDERS'
  | 'FIT_CLV_MODEL'
  | 'MINE_ASSOCIATION_RULES'
  | 'REFRESH_RFM';

/** The life of a job: QUEUED, RUNNING, then one of SUCCEEDED, FAILED, CANCELLED. */
export type JobStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

/** What a customer is worth: to date, and predicted by the fitted model. */
export type LifetimeValue = {
  __typename?: 'LifetimeValue';
  /** Net revenue to date (orders minus refunds). */
  historical: Scalars['Float']['output'];
  /** Expected value over the next horizonDays from the latest fitted model; null before the first fit. */
  predicted?: Maybe<PredictedValue>;
};


/** What a customer is worth: to date, and predicted by the fitted model. */
export type LifetimeValuePredictedArgs = {
  horizonDays?: InputMaybe<Scalars['Int']['input']>;
};

/** A place that holds stock (a warehouse, a store). */
export type Location = {
  __typename?: 'Location';
  /** Uppercase letters, digits and inner hyphens, e.g. BER-DC. */
  code: Scalars['ID']['output'];
  /** When the location was created. */
  createdAt: Scalars['DateTime']['output'];
  /** What people call the place, e.g. Berlin distribution centre. */
  name: Scalars['String']['output'];
};

/** Channels campaigns run and touch customers on. */
export type MarketingChannel =
  | 'DISPLAY'
  | 'EMAIL'
  | 'PUSH'
  | 'SEARCH'
  | 'SMS'
  | 'SOCIAL';

/** Why a queued message was cancelled. */
export type MessageCancellationReason =
  /** The customer opted out of MARKETING on the message's channel. */
  | 'CONSENT_WITHDRAWN'
  /** The customer objected to direct marketing (GDPR Art. 21): every channel is cancelled. */
  | 'OBJECTED_TO_DIRECT_MARKETING';

/** Thresholds of a mining run; absent values take the defaults. */
export type MineAssociationRulesInput = {
  /** 1 to 3; defaults to 3. */
  maxItemsetSize?: InputMaybe<Scalars['Int']['input']>;
  /** Defaults to 0.05. */
  minConfidence?: InputMaybe<Scalars['Float']['input']>;
  /** Defaults to 0.001. */
  minSupport?: InputMaybe<Scalars['Float']['input']>;
};

/** An exact amount: a decimal string with two decimals (e.g. "34.00") and its ISO 4217 currency. Amounts in different currencies are never added together. */
export type Money = {
  __typename?: 'Money';
  /** A decimal string with two decimals, e.g. "34.00". */
  amount: Scalars['String']['output'];
  /** ISO 4217 currency code, e.g. EUR. */
  currency: Scalars['String']['output'];
};

/** An exact amount to record. */
export type MoneyInput = {
  /** A decimal string with at most two decimals, e.g. "34.90". */
  amount: Scalars['ShortText']['input'];
  /** ISO 4217; defaults to EUR. */
  currency?: InputMaybe<Scalars['ShortText']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Attaches an identity; CONFLICT when the normalized value already belongs to another customer. */
  addIdentity: Customer;
  /** Adds delta (may be negative) to the on-hand quantity at a location; on hand never drops below what is reserved. NOT_FOUND for an unknown location. */
  adjustStock: Product;
  /** Starts a job that evaluates the audience rule through the graph and stores the members as a new snapshot version; the job's result is that version (read it with Campaign.audience). CONFLICT while one runs for the campaign. */
  buildAudience: Job;
  /** Cancels a job of any domain: a queued one ends at once, a running one stops with its SQL. Allowed to whoever may read the job; a finished job is answered unchanged. */
  cancelJob: Job;
  /** changeOrderStatus to CANCELLED: an order that has not shipped (PLACED or PAID). It no longer counts as revenue or conversion. */
  cancelOrder: Order;
  /**
   * Moves a recorded order to status along the order state machine (README, "Order status"): PLACED → PAID,
   * CANCELLED; PAID → SHIPPED, CANCELLED; SHIPPED → DELIVERED, RETURNED; DELIVERED → RETURNED, REFUNDED;
   * RETURNED → REFUNDED; CANCELLED and REFUNDED are final. Any other move is a CONFLICT naming from and to;
   * the status the order already has changes nothing. Kept in statusHistory and published as OrderStatusChanged.
   */
  changeOrderStatus: Order;
  /** Creates a campaign (DRAFT unless a status is given). */
  createCampaign: Campaign;
  /** Adds a location that can hold stock. CONFLICT when the code exists. */
  createLocation: Location;
  /** Adds a product to the catalogue. CONFLICT when the sku exists; BAD_USER_INPUT for a malformed sku, an empty name or category, or a negative or inexact price. */
  createProduct: Product;
  /** Discontinues a product for good: it is never promoted, recommended or reserved again; its stock and existing reservations stay. CONFLICT when it already is discontinued. */
  discontinueProduct: Product;
  /** Starts a job that fits BG/NBD and Gamma-Gamma by maximum likelihood on the orders up to asOf (default now) and stores the fit with its status; the job's result is the fit's fittedAt (read it with clvModelFits). Only a CONVERGED fit replaces the served clvModel. CONFLICT while one runs. */
  fitClvModel: Job;
  /** Starts a job that mines frequent itemsets (up to maxItemsetSize) and association rules from order baskets and stores them as the latest run; the job's result is the run's computedAt (read it with associationRuleMining). CONFLICT while one runs. */
  mineAssociationRules: Job;
  /** Sets what the campaign cost on one UTC day (recording the same day again replaces it). Amounts are in EUR, the currency of budgets; NOT_FOUND for an unknown campaign. */
  recordCampaignSpend: CampaignSpend;
  /** Idempotent on externalId: recording the same external order twice returns the first order unchanged. */
  recordOrder: Order;
  /** Records one interaction of a customer with a campaign (impression, click, open, send). */
  recordTouchpoint: Touchpoint;
  /** Starts a job that computes RFM scores for every customer with orders as of asOf (default now) and stores them as a snapshot; the job's result is the snapshot's asOf (read it with rfmSegments). CONFLICT while one runs. */
  refreshRfm: Job;
  /** changeOrderStatus to REFUNDED: the whole order was refunded (DELIVERED or RETURNED). It no longer counts as revenue or conversion. */
  refundOrder: Order;
  /** Releases an active reservation and returns its units to the locations that gave them. */
  releaseReservation: Reservation;
  /** Opens an export of everything every domain holds about the customer (GDPR Art. 15 and 20, CCPA right to know), or answers the open one. NOT_FOUND for an unknown customer. */
  requestDataExport: DataSubjectRequest;
  /** Opens an erasure of the customer in every domain (GDPR Art. 17, CCPA right to delete), or answers the open one. NOT_FOUND for an unknown or already erased customer. */
  requestErasure: DataSubjectRequest;
  /** Reserves units atomically, from several locations when none holds enough (see ReserveStockInput); CONFLICT when fewer than quantity are available or the product is discontinued, so stock is never oversold. */
  reserveStock: Reservation;
  /** changeOrderStatus to RETURNED: the whole order came back (SHIPPED or DELIVERED). It counts as revenue until refunded. */
  returnOrder: Order;
  /** Starts a job that runs the abandoned-cart trigger once now (it also runs on an interval); the job's result is the queuedAt of the messages it queued (read them with queuedMessages). */
  runCartReminderTrigger: Job;
  /** Sets who the campaign is for; the consent channel is the campaign's own channel. */
  setAudienceRule: Campaign;
  /** Replaces the campaign's A/B variants; shares must sum to 1 and exactly one variant is the control. Customers already exposed keep the variant recorded at their first exposure; the new shares apply to customers exposed from now on. */
  setCampaignVariants: Campaign;
  /** Appends a consent record; the record the server received last per purpose and channel is the current consent (capturedAt is evidence only). CONFLICT for an opt-in captured before the withdrawal in force. A request with the Sec-GPC: 1 header also records DO_NOT_SELL_OR_SHARE. */
  setConsent: Consent;
  /** Appends an objection to direct marketing (GDPR Art. 21) or a do-not-sell/share preference (CCPA), or lifts one (active: false). */
  setPrivacyPreference: PrivacyPreference;
  /** Starts a job that computes an attribution report (any window up to the attribution query's limits, without its timeout); the job's result is the report id for attributionReport. The same question asked while it runs answers CONFLICT. */
  startAttribution: Job;
  /** Changes the given fields of a campaign; NOT_FOUND for an unknown id. */
  updateCampaign: Campaign;
  /** Replaces the customer's open cart with these lines (an empty list empties it) and touches lastActivityAt. */
  updateCart: Cart;
  /** Changes the given fields of a product (at least one). NOT_FOUND when the sku is unknown. */
  updateProduct: Product;
  /** Creates a customer, or updates it when id (or else email) matches an existing one. */
  upsertCustomer: Customer;
};


export type MutationAddIdentityArgs = {
  customerId: Scalars['ID']['input'];
  type: IdentityType;
  value: Scalars['Text']['input'];
};


export type MutationAdjustStockArgs = {
  input: AdjustStockInput;
};


export type MutationBuildAudienceArgs = {
  campaignId: Scalars['ID']['input'];
};


export type MutationCancelJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelOrderArgs = {
  orderId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['Text']['input']>;
};


export type MutationChangeOrderStatusArgs = {
  orderId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['Text']['input']>;
  status: OrderStatus;
};


export type MutationCreateCampaignArgs = {
  input: CreateCampaignInput;
};


export type MutationCreateLocationArgs = {
  input: CreateLocationInput;
};


export type MutationCreateProductArgs = {
  input: CreateProductInput;
};


export type MutationDiscontinueProductArgs = {
  sku: Scalars['ID']['input'];
};


export type MutationFitClvModelArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};


export type MutationMineAssociationRulesArgs = {
  input?: InputMaybe<MineAssociationRulesInput>;
};


export type MutationRecordCampaignSpendArgs = {
  input: RecordCampaignSpendInput;
};


export type MutationRecordOrderArgs = {
  input: RecordOrderInput;
};


export type MutationRecordTouchpointArgs = {
  input: RecordTouchpointInput;
};


export type MutationRefreshRfmArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};


export type MutationRefundOrderArgs = {
  orderId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['Text']['input']>;
};


export type MutationReleaseReservationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRequestDataExportArgs = {
  customerId: Scalars['ID']['input'];
  regime?: InputMaybe<PrivacyRegime>;
};


export type MutationRequestErasureArgs = {
  customerId: Scalars['ID']['input'];
  regime?: InputMaybe<PrivacyRegime>;
};


export type MutationReserveStockArgs = {
  input: ReserveStockInput;
};


export type MutationReturnOrderArgs = {
  orderId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['Text']['input']>;
};


export type MutationSetAudienceRuleArgs = {
  campaignId: Scalars['ID']['input'];
  rule: AudienceRuleInput;
};


export type MutationSetCampaignVariantsArgs = {
  campaignId: Scalars['ID']['input'];
  exposureKinds?: InputMaybe<Array<TouchpointKind>>;
  variants: Array<CampaignVariantInput>;
};


export type MutationSetConsentArgs = {
  input: SetConsentInput;
};


export type MutationSetPrivacyPreferenceArgs = {
  input: SetPrivacyPreferenceInput;
};


export type MutationStartAttributionArgs = {
  from: Scalars['DateTime']['input'];
  lookbackDays?: InputMaybe<Scalars['Int']['input']>;
  model: AttributionModel;
  to: Scalars['DateTime']['input'];
};


export type MutationUpdateCampaignArgs = {
  id: Scalars['ID']['input'];
  input: UpdateCampaignInput;
};


export type MutationUpdateCartArgs = {
  input: UpdateCartInput;
};


export type MutationUpdateProductArgs = {
  input: UpdateProductInput;
};


export type MutationUpsertCustomerArgs = {
  input: UpsertCustomerInput;
};

/** A purchase a customer made in one shop. Owned by the orders domain. */
export type Order = {
  __typename?: 'Order';
  /** The sales channel the order was placed through. */
  channel: SalesChannel;
  /** ISO 4217 currency of every amount of the order. */
  currency: Scalars['String']['output'];
  /** A reference the customers domain resolves; null when it cannot (customer unknown or that domain down). */
  customer?: Maybe<Customer>;
  /** The id the order has in the shop that placed it. */
  externalId: Scalars['String']['output'];
  /** The order id, assigned by the orders domain. */
  id: Scalars['ID']['output'];
  /** The products bought, in line order. */
  lines: Array<OrderLine>;
  /** When the customer placed it. */
  placedAt: Scalars['DateTime']['output'];
  /** Where the order is: placed, paid, shipped, delivered, returned, or cancelled or refunded. */
  status: OrderStatus;
  /** Every status change after the order was recorded, oldest first; empty when its status never changed. */
  statusHistory: Array<OrderStatusChange>;
  /**
   * Sum of quantity × unit price over the lines.
   * @deprecated A float cannot hold every amount exactly; use totalMoney.
   */
  total: Scalars['Float']['output'];
  /** Sum of quantity × unit price over the lines, exact, in the order's currency. */
  totalMoney: Money;
};

/** A page of orders, with the cursor to the next page. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** The orders of this page with their cursors. */
  edges: Array<OrderEdge>;
  /** The orders of this page. */
  nodes: Array<Order>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
};

/** One order of a page and its cursor. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** Pass as after to read the orders after this one. */
  cursor: Scalars['String']['output'];
  /** The order. */
  node: Order;
};

/** Narrows Query.orders; every given condition must hold. */
export type OrderFilter = {
  /** At most 1000 ids. */
  customerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Inclusive. */
  placedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** Exclusive. */
  placedTo?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only orders in one of these statuses. */
  statuses?: InputMaybe<Array<OrderStatus>>;
};

/** One product of an order with its quantity and price. */
export type OrderLine = {
  __typename?: 'OrderLine';
  /** quantity × unitPrice. */
  lineTotal: Scalars['Float']['output'];
  /** Resolved by inventory; null when the sku is unknown there or inventory is down. */
  product?: Maybe<Product>;
  /** Units bought. */
  quantity: Scalars['Int']['output'];
  /** The product's sku. */
  sku: Scalars['ID']['output'];
  /** Price of one unit in the order's currency. */
  unitPrice: Scalars['Float']['output'];
};

/** One product of an order to record. */
export type OrderLineInput = {
  /** Units bought; at least 1. */
  quantity: Scalars['Int']['input'];
  /** The product. */
  sku: Scalars['ID']['input'];
  /** Price of one unit; not negative. */
  unitPrice: Scalars['Float']['input'];
};

/** Where an order is; see Mutation.changeOrderStatus for the moves allowed. CANCELLED and REFUNDED orders are no revenue. */
export type OrderStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'PAID'
  | 'PLACED'
  | 'REFUNDED'
  /** The whole order came back; still revenue until it is REFUNDED. */
  | 'RETURNED'
  | 'SHIPPED';

/** One status change of an order. */
export type OrderStatusChange = {
  __typename?: 'OrderStatusChange';
  /** When the change was made. */
  changedAt: Scalars['DateTime']['output'];
  /** The subject of the token that made the change (a person or a service identity). */
  changedBy: Scalars['String']['output'];
  /** The status before the change. */
  fromStatus: OrderStatus;
  /** Why, as given by whoever made the change; null when none was given. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The status after the change. */
  toStatus: OrderStatus;
  /** The order's status version after the change (1 is the status it was recorded with); OrderStatusChanged carries it. */
  version: Scalars['Int']['output'];
};

/** Where a page of a connection ends and whether another follows. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last item on this page; pass it as after to read the next page. Null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** The closed set of personal-data classes a @pii field belongs to. */
export type PiiCategory =
  /** What the person did or decided: consent records, preferences, touchpoints, browsing. */
  | 'BEHAVIOURAL'
  /** Reaches the person: email address, phone number. */
  | 'CONTACT'
  /** Describes the person: birth date, gender, age. */
  | 'DEMOGRAPHIC'
  /** Money the person has or spends: payment details, bank accounts. */
  | 'FINANCIAL'
  /** Names the person or identifies them directly: first and last name, display name, identifiers the person holds. */
  | 'IDENTITY'
  /** Where the person lives or is: street address, city, postal code, geolocation. */
  | 'LOCATION'
  /** Identifies a device or an online account: device id, IP address, cookie id, advertising id. */
  | 'ONLINE_IDENTIFIER';

/** A customer's expected value over a horizon, from the fitted BG/NBD + Gamma-Gamma model. */
export type PredictedValue = {
  __typename?: 'PredictedValue';
  /** BG/NBD expected number of purchases in the horizon. */
  expectedPurchases: Scalars['Float']['output'];
  /** Gamma-Gamma expected spend per purchase. */
  expectedSpendPerPurchase: Scalars['Float']['output'];
  /** expectedPurchases × expectedSpendPerPurchase. */
  expectedValue: Scalars['Float']['output'];
  /** The horizon in days. */
  horizonDays: Scalars['Int']['output'];
  /** When the model used was fitted. */
  modelFittedAt: Scalars['DateTime']['output'];
  /** BG/NBD probability that the customer is still active. */
  probabilityAlive: Scalars['Float']['output'];
};

/** One privacy preference of a customer and whether it is in force. */
export type PrivacyPreference = {
  __typename?: 'PrivacyPreference';
  /** True while the objection or preference is in force; false once lifted. */
  active: Scalars['Boolean']['output'];
  /** When the customer expressed it (evidence). */
  capturedAt: Scalars['DateTime']['output'];
  /** Which preference. */
  kind: PrivacyPreferenceKind;
  /** When the server received it; this orders the records. */
  recordedAt: Scalars['DateTime']['output'];
  /** Where it was expressed, e.g. preference-center, support, gpc. */
  source: Scalars['String']['output'];
};

/** Privacy preferences a customer can express beyond consent. */
export type PrivacyPreferenceKind =
  /** CCPA/CPRA: do not sell or share the customer's personal information. */
  | 'DO_NOT_SELL_OR_SHARE'
  /** GDPR Art. 21(2)-(3): suppresses every marketing purpose (MARKETING, PERSONALIZATION) on every channel while active. */
  | 'OBJECT_TO_DIRECT_MARKETING';

/** The law a data-subject request is answered under; it sets the due date. */
export type PrivacyRegime =
  /** CCPA: 45 days. */
  | 'CCPA'
  /** GDPR Art. 12(3): one month. */
  | 'GDPR';

/** A sellable item. Owned by the inventory domain; other domains add fields to it. */
export type Product = {
  __typename?: 'Product';
  /** Units on hand minus units reserved, over all locations. */
  availableQuantity: Scalars['Int']['output'];
  /** The catalogue category, e.g. dresses or shoes. */
  category: Scalars['String']['output'];
  /** A discontinued product is never promoted, recommended or reserved. */
  discontinued: Scalars['Boolean']['output'];
  /** When the product was discontinued; null while it is sold. */
  discontinuedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Rules of the latest mining run whose antecedent contains this product, by lift then confidence; never a rule recommending a discontinued product (as of the last ProductChanged event applied). first is at most 100. */
  frequentlyBoughtWith?: Maybe<Array<AssociationRule>>;
  /** True when availableQuantity > 0. */
  inStock: Scalars['Boolean']['output'];
  /** The product's name as shops show it. */
  name: Scalars['String']['output'];
  /**
   * List price of one unit.
   * @deprecated A float cannot hold every amount exactly; use priceMoney.
   */
  price: Scalars['Float']['output'];
  /** The list price of one unit, exact, with its currency. */
  priceMoney: Money;
  /** The stock-keeping unit that identifies the product (e.g. SKU-00001). */
  sku: Scalars['ID']['output'];
  /** Stock at every location that holds the product. */
  stock: Array<StockLevel>;
};


/** A sellable item. Owned by the inventory domain; other domains add fields to it. */
export type ProductFrequentlyBoughtWithArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of products, with the cursor to the next page. */
export type ProductConnection = {
  __typename?: 'ProductConnection';
  /** The products of this page with their cursors. */
  edges: Array<ProductEdge>;
  /** The products of this page. */
  nodes: Array<Product>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
};

/** One product of a page and its cursor. */
export type ProductEdge = {
  __typename?: 'ProductEdge';
  /** Pass as after to read the products after this one. */
  cursor: Scalars['String']['output'];
  /** The product. */
  node: Product;
};

/** Narrows Query.products; every given condition must hold. */
export type ProductFilter = {
  /** Only products of this category. */
  category?: InputMaybe<Scalars['ShortText']['input']>;
  /** true: only discontinued products; false: only products still sold. */
  discontinued?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: only products with availableQuantity > 0; false: only sold-out products. */
  inStock?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A customer's purchase totals over all their orders. */
export type PurchaseStats = {
  __typename?: 'PurchaseStats';
  /**
   * totalSpent divided by the orders counted in it.
   * @deprecated Mixes currencies and rounds a float; use averageOrderValueByCurrency.
   */
  averageOrderValue: Scalars['Float']['output'];
  /** Per currency: that revenue divided by the number of those orders in that currency, rounded once to the cent, half-even. */
  averageOrderValueByCurrency: Array<Money>;
  /** When the first order was placed; null without orders. */
  firstOrderAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the latest order was placed; null without orders. */
  lastOrderAt?: Maybe<Scalars['DateTime']['output']>;
  /** Orders placed, whatever their status. */
  orderCount: Scalars['Int']['output'];
  /**
   * Revenue of orders that were not cancelled or refunded.
   * @deprecated Adds amounts of different currencies and is a float; use totalSpentByCurrency.
   */
  totalSpent: Scalars['Float']['output'];
  /** Revenue of orders that were not cancelled or refunded, one entry per currency (by currency code); empty without such orders. */
  totalSpentByCurrency: Array<Money>;
};

/** One data-quality check and its result. */
export type QualityCheck = {
  __typename?: 'QualityCheck';
  /** Rows the check looked at. */
  checked: Scalars['Int']['output'];
  /** What passes, and why it matters. */
  description: Scalars['String']['output'];
  /** Which quality it measures. */
  dimension: QualityDimension;
  /** Rows that fail it. */
  failing: Scalars['Int']['output'];
  /** A short name of the check. */
  name: Scalars['String']['output'];
  /** Share of checked rows that pass, 0 to 1 (1 when nothing was checked). */
  passingRatio: Scalars['Float']['output'];
};

/** The dimensions of data quality the checks measure. */
export type QualityDimension =
  /** Key fields are filled in. */
  | 'COMPLETENESS'
  /** Data is recent. */
  | 'FRESHNESS'
  /** A thing is recorded once. */
  | 'UNIQUENESS'
  /** Values are well formed and plausible. */
  | 'VALIDITY';

export type Query = {
  __typename?: 'Query';
  /** Open carts idle at least idleMinutes with no order placed since their last activity, longest idle first. first is at most 100. */
  abandonedCarts: AbandonedCartConnection;
  /** The latest association-rule mining run; null before the first run. */
  associationRuleMining?: Maybe<AssociationRuleMining>;
  /** Rules of the latest mining run that pass the thresholds, by lift then confidence, without rules recommending a discontinued product unless asked. first is at most 100. */
  associationRules: Array<AssociationRule>;
  /** Credits orders placed in [from, to) to the touchpoints of their customer in the lookbackDays before each order. */
  attribution: AttributionReport;
  /** A report an ATTRIBUTION job stored: id is the job's result. Null when there is none. */
  attributionReport?: Maybe<AttributionReport>;
  /** The access logs of every domain for a customer, a subject and/or a time range [from, to): who read whose personal data, and which mutations ran. Each domain's records are a field of the trail. */
  auditTrail: AuditTrail;
  /** One campaign by id; null when unknown. */
  campaign?: Maybe<Campaign>;
  /** Newest first. first is at most 100. */
  campaigns: CampaignConnection;
  /** The funnel of every campaign on one channel (touchpoints on that channel): see Campaign.funnel. The period spans at most 366 days; windowDays is 1 to 90. */
  channelFunnel: Funnel;
  /** The served BG/NBD + Gamma-Gamma model: the CONVERGED fit with the latest asOf; null before the first such fit. Fits that did not converge or ended at a parameter bound are never served. */
  clvModel?: Maybe<ClvModel>;
  /** The most recent fits whatever their status, newest first, to see why a fit was not served. first is 1 to 100. */
  clvModelFits: Array<ClvModel>;
  /** One customer by id; null when unknown. */
  customer?: Maybe<Customer>;
  /** Finds a customer by one of its identities; the value is normalized the same way as when it was added. */
  customerByIdentity?: Maybe<Customer>;
  /** Newest customers first. first is at most 100. */
  customers: CustomerConnection;
  /** The customers with these ids, in the same order; null for an unknown id. At most 1000 ids. */
  customersByIds: Array<Maybe<Customer>>;
  /** Members of one segment of the RFM snapshot (default: the latest), by customer id. first is at most 1000. */
  customersInSegment: SegmentMemberConnection;
  /** How good each domain's data is: completeness, validity, uniqueness and the freshness of what it consumes. Each domain measures its own. */
  dataQuality: DataQuality;
  /** A data-subject request (erasure or export) and its progress in every domain; null for an unknown id. */
  dataSubjectRequest?: Maybe<DataSubjectRequest>;
  /** A job of any domain, from the job registry; null when unknown. Readable by the subject that started it and by holders of the scope that starts its kind (FORBIDDEN otherwise). */
  job?: Maybe<Job>;
  /** Jobs of every domain the caller may read (see job), newest first. first is at most 100. */
  jobs: JobConnection;
  /** Every location that can hold stock, ordered by code. */
  locations: Array<Location>;
  /** One order by id; null when unknown. */
  order?: Maybe<Order>;
  /** One order by the id the shop that placed it gave it; null when unknown. */
  orderByExternalId?: Maybe<Order>;
  /** Order facts for other domains' analytics (attribution, experiments), oldest first. first is at most 1000. */
  orders: OrderConnection;
  /** One product by sku; null when unknown. */
  product?: Maybe<Product>;
  /** Ordered by sku. first is at most 100. */
  products: ProductConnection;
  /** Reminders the abandoned-cart trigger queued, newest first. first is at most 100. */
  queuedMessages: QueuedMessageConnection;
  /** Segment sizes of the RFM snapshot as of asOf (default: the latest snapshot); null when none was computed. */
  rfmSegments?: Maybe<RfmSegmentReport>;
};


export type QueryAbandonedCartsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  idleMinutes?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAssociationRulesArgs = {
  antecedentSkus?: InputMaybe<Array<Scalars['ID']['input']>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDiscontinued?: InputMaybe<Scalars['Boolean']['input']>;
  minConfidence?: InputMaybe<Scalars['Float']['input']>;
  minLift?: InputMaybe<Scalars['Float']['input']>;
  minSupport?: InputMaybe<Scalars['Float']['input']>;
};


export type QueryAttributionArgs = {
  from: Scalars['DateTime']['input'];
  lookbackDays?: InputMaybe<Scalars['Int']['input']>;
  model: AttributionModel;
  to: Scalars['DateTime']['input'];
};


export type QueryAttributionReportArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAuditTrailArgs = {
  customerId?: InputMaybe<Scalars['ID']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  subject?: InputMaybe<Scalars['ShortText']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryCampaignArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCampaignsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<CampaignStatus>;
};


export type QueryChannelFunnelArgs = {
  channel: MarketingChannel;
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
  windowDays?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryClvModelFitsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomerByIdentityArgs = {
  type: IdentityType;
  value: Scalars['Text']['input'];
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CustomerFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCustomersByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryCustomersInSegmentArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  segment: RfmSegment;
};


export type QueryDataSubjectRequestArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<JobKind>;
  status?: InputMaybe<JobStatus>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrderByExternalIdArgs = {
  externalId: Scalars['Text']['input'];
};


export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrderFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryProductArgs = {
  sku: Scalars['ID']['input'];
};


export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProductFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryQueuedMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRfmSegmentsArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A reminder the abandoned-cart trigger queued for sending. */
export type QueuedMessage = {
  __typename?: 'QueuedMessage';
  /** Why it was cancelled; null unless CANCELLED. */
  cancellationReason?: Maybe<MessageCancellationReason>;
  /** When it was cancelled; null unless CANCELLED. */
  cancelledAt?: Maybe<Scalars['DateTime']['output']>;
  /** The cart activity this reminder answers; at most one message per cart activity. */
  cartActivityAt: Scalars['DateTime']['output'];
  /** The abandoned cart it reminds of. */
  cartId: Scalars['ID']['output'];
  /** The channel it is sent on. */
  channel: MarketingChannel;
  /** The recipient, a reference the customers domain resolves. */
  customer?: Maybe<Customer>;
  /** The discount it offers. */
  discount: DiscountRule;
  /** The message id. */
  id: Scalars['ID']['output'];
  /** The cart's lines still available when it was queued. */
  items: Array<QueuedMessageItem>;
  /** When it was queued. */
  queuedAt: Scalars['DateTime']['output'];
  /** QUEUED until sent; CANCELLED when the customer withdrew marketing consent on the channel or objected to direct marketing first. A cancelled message is kept as evidence, never sent. */
  status: QueuedMessageStatus;
  /** The SEND touchpoint recorded for it. */
  touchpoint: Touchpoint;
};

/** A page of queued messages, with the cursor to the next page. */
export type QueuedMessageConnection = {
  __typename?: 'QueuedMessageConnection';
  /** The queued messages of this page with their cursors. */
  edges: Array<QueuedMessageEdge>;
  /** The queued messages of this page. */
  nodes: Array<QueuedMessage>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
};

/** One queued message of a page and its cursor. */
export type QueuedMessageEdge = {
  __typename?: 'QueuedMessageEdge';
  /** Pass as after to read the queued messages after this one. */
  cursor: Scalars['String']['output'];
  /** The queued message. */
  node: QueuedMessage;
};

/** One product a reminder shows. */
export type QueuedMessageItem = {
  __typename?: 'QueuedMessageItem';
  /** The product, resolved by inventory. */
  product: Product;
  /** Units in the cart. */
  quantity: Scalars['Int']['output'];
};

/** Whether a queued message may still be sent. */
export type QueuedMessageStatus =
  | 'CANCELLED'
  | 'QUEUED';

/** What a campaign cost on one day. */
export type RecordCampaignSpendInput = {
  /** The cost, in EUR: a decimal of at most 2 decimals, not negative. */
  amount: MoneyInput;
  /** The campaign. */
  campaignId: Scalars['ID']['input'];
  /** The UTC day. */
  day: Scalars['Date']['input'];
};

/** An order from a shop, recorded once per externalId. */
export type RecordOrderInput = {
  /** The sales channel. */
  channel: SalesChannel;
  /** ISO 4217; defaults to EUR. */
  currency?: InputMaybe<Scalars['ShortText']['input']>;
  /** The customer who placed it. */
  customerId: Scalars['ID']['input'];
  /** The order's id in the shop; makes recording idempotent. */
  externalId: Scalars['Text']['input'];
  /** At least one line. */
  lines: Array<OrderLineInput>;
  /** Defaults to now. */
  placedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Defaults to PLACED. */
  status?: InputMaybe<OrderStatus>;
};

/** One interaction of a customer with a campaign. */
export type RecordTouchpointInput = {
  /** The campaign. */
  campaignId: Scalars['ID']['input'];
  /** Defaults to the campaign's channel. */
  channel?: InputMaybe<MarketingChannel>;
  /** The customer. */
  customerId: Scalars['ID']['input'];
  /** What happened. */
  kind: TouchpointKind;
  /** Defaults to now. */
  occurredAt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Units of a product held at one location for a cart or order until released. */
export type Reservation = {
  __typename?: 'Reservation';
  /** Which locations gave how many units, ordered by location; release returns each share to its location. */
  allocations: Array<ReservationAllocation>;
  /** When the units were reserved. */
  createdAt: Scalars['DateTime']['output'];
  /** The reservation id. */
  id: Scalars['ID']['output'];
  /** The location that gave units first (the preferred one, or the one with the most available units); see allocations for all of them. */
  location: Scalars['String']['output'];
  /** Units held over every location. */
  quantity: Scalars['Int']['output'];
  /** Free text the caller uses to find its reservation again, e.g. a cart or order id. */
  reference?: Maybe<Scalars['String']['output']>;
  /** When the reservation was released; null while active. */
  releasedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The reserved product. */
  sku: Scalars['ID']['output'];
  /** ACTIVE while the units are held, RELEASED after. */
  status: ReservationStatus;
};

/** The units one location gave to a reservation. */
export type ReservationAllocation = {
  __typename?: 'ReservationAllocation';
  /** The location code. */
  location: Scalars['String']['output'];
  /** Units this location gave. */
  quantity: Scalars['Int']['output'];
};

/** Whether a reservation still holds its units. */
export type ReservationStatus =
  | 'ACTIVE'
  | 'RELEASED';

/**
 * Units to reserve for a cart or order. Without location, units are allocated by one rule:
 * preferredLocation first (as many as it has), then the locations with the most available units,
 * ties by code; a reservation splits over locations only when no single one can cover it in that order.
 */
export type ReserveStockInput = {
  /** Only this location, all units or CONFLICT. Not together with preferredLocation. */
  location?: InputMaybe<Scalars['ShortText']['input']>;
  /** This location first, then the others by the rule above. */
  preferredLocation?: InputMaybe<Scalars['ShortText']['input']>;
  /** Units to hold; at least 1. */
  quantity: Scalars['Int']['input'];
  /** What the units are held for, e.g. a cart or order id. */
  reference?: InputMaybe<Scalars['Text']['input']>;
  /** The product. */
  sku: Scalars['ID']['input'];
};

/** One customer's RFM scores, as defined in MARKETING.md. */
export type RfmScore = {
  __typename?: 'RfmScore';
  /** The reference date the scores were computed for. */
  asOf: Scalars['DateTime']['output'];
  /** When the snapshot was computed. */
  computedAt: Scalars['DateTime']['output'];
  /** Frequency score, 1 to 5 (5: the highest fifth). */
  f: Scalars['Int']['output'];
  /** Distinct orders. */
  frequency: Scalars['Int']['output'];
  /** Monetary score, 1 to 5 (5: the highest fifth). */
  m: Scalars['Int']['output'];
  /** Net revenue: orders minus refunds. */
  monetary: Scalars['Float']['output'];
  /** Recency score, 1 to 5 (5: the most recent fifth). */
  r: Scalars['Int']['output'];
  /** Whole days from the last order to asOf. */
  recencyDays: Scalars['Int']['output'];
  /** The segment of the R and F scores. */
  segment: RfmSegment;
};

/** The ten RFM segments, from the R and F scores (MARKETING.md table). */
export type RfmSegment =
  | 'ABOUT_TO_SLEEP'
  | 'AT_RISK'
  | 'CANT_LOSE'
  | 'CHAMPIONS'
  | 'HIBERNATING'
  | 'LOYAL'
  | 'NEED_ATTENTION'
  | 'NEW'
  | 'POTENTIAL_LOYALIST'
  | 'PROMISING';

/** Segment sizes and revenue of one RFM snapshot. */
export type RfmSegmentReport = {
  __typename?: 'RfmSegmentReport';
  /** The reference date of the snapshot. */
  asOf: Scalars['DateTime']['output'];
  /** When the snapshot was computed. */
  computedAt: Scalars['DateTime']['output'];
  /** Customers with orders, the population the quintiles are taken over. */
  customerCount: Scalars['Int']['output'];
  /** Every segment, including empty ones, in the order of the RfmSegment enum. */
  segments: Array<RfmSegmentSize>;
  /** Net revenue of those customers. */
  totalRevenue: Scalars['Float']['output'];
};

/** One segment of a snapshot: its customers and revenue. */
export type RfmSegmentSize = {
  __typename?: 'RfmSegmentSize';
  /** Customers in the segment. */
  customers: Scalars['Int']['output'];
  /** Their net revenue. */
  revenue: Scalars['Float']['output'];
  /** revenue / totalRevenue. */
  revenueShare: Scalars['Float']['output'];
  /** The segment. */
  segment: RfmSegment;
  /** customers / customerCount. */
  share: Scalars['Float']['output'];
};

/** Where an order was placed. */
export type SalesChannel =
  | 'MARKETPLACE'
  | 'MOBILE_APP'
  | 'STORE'
  | 'WEB';

/** A page of segment members, with the cursor to the next page. */
export type SegmentMemberConnection = {
  __typename?: 'SegmentMemberConnection';
  /** The segment members of this page with their cursors. */
  edges: Array<SegmentMemberEdge>;
  /** The segment members of this page. */
  nodes: Array<Customer>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
  /** Members of the segment in the snapshot, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One segment member of a page and its cursor. */
export type SegmentMemberEdge = {
  __typename?: 'SegmentMemberEdge';
  /** Pass as after to read the segment members after this one. */
  cursor: Scalars['String']['output'];
  /** The segment member. */
  node: Customer;
  /** The member's scores in the snapshot. */
  rfm: RfmScore;
};

/** One consent decision to append to a customer's history. */
export type SetConsentInput = {
  /** Evidence of when the customer decided; defaults to now. Later than the server's clock plus a small skew (60 s by default) is refused. */
  capturedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The channel it covers. */
  channel: ConsentChannel;
  /** The customer who decided. */
  customerId: Scalars['ID']['input'];
  /** Also record a do-not-sell/share preference (CCPA): true or false. Absent: unchanged, unless the request carries Sec-GPC: 1 (then true). */
  doNotSellOrShare?: InputMaybe<Scalars['Boolean']['input']>;
  /** What the consent is for. */
  purpose: ConsentPurpose;
  /** At most 100 characters. */
  source: Scalars['ShortText']['input'];
  /** The decision. */
  status: ConsentStatus;
};

/** One privacy preference record to append to a customer's history. */
export type SetPrivacyPreferenceInput = {
  /** true records the objection or preference; false lifts it. */
  active: Scalars['Boolean']['input'];
  /** Evidence of when the customer expressed it; defaults to now, same skew rule as setConsent. */
  capturedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The customer who expressed it. */
  customerId: Scalars['ID']['input'];
  /** Which preference. */
  kind: PrivacyPreferenceKind;
  /** At most 100 characters. */
  source: Scalars['ShortText']['input'];
};

/** A product's stock at one location. */
export type StockLevel = {
  __typename?: 'StockLevel';
  /** onHand - reserved */
  available: Scalars['Int']['output'];
  /** The warehouse or store code, e.g. BER-DC. */
  location: Scalars['String']['output'];
  /** Units physically there. */
  onHand: Scalars['Int']['output'];
  /** Units promised to active reservations. */
  reserved: Scalars['Int']['output'];
  /** When this location's stock last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** One interaction of a customer with a campaign. */
export type Touchpoint = {
  __typename?: 'Touchpoint';
  /** The campaign. */
  campaign: Campaign;
  /** The channel of the interaction. */
  channel: MarketingChannel;
  /** A reference the customers domain resolves; null when it cannot. */
  customer?: Maybe<Customer>;
  /** The touchpoint id. */
  id: Scalars['ID']['output'];
  /** What happened. */
  kind: TouchpointKind;
  /** When it happened. */
  occurredAt: Scalars['DateTime']['output'];
};

/** A page of touchpoints, with the cursor to the next page. */
export type TouchpointConnection = {
  __typename?: 'TouchpointConnection';
  /** The touchpoints of this page with their cursors. */
  edges: Array<TouchpointEdge>;
  /** The touchpoints of this page. */
  nodes: Array<Touchpoint>;
  /** Where this page ends and whether another follows. */
  pageInfo: PageInfo;
};

/** One touchpoint of a page and its cursor. */
export type TouchpointEdge = {
  __typename?: 'TouchpointEdge';
  /** Pass as after to read the touchpoints after this one. */
  cursor: Scalars['String']['output'];
  /** The touchpoint. */
  node: Touchpoint;
};

/** What kind of interaction a touchpoint is. */
export type TouchpointKind =
  | 'CLICK'
  | 'IMPRESSION'
  | 'OPEN'
  /** A message sent (or queued) to the customer, such as an abandoned-cart reminder. */
  | 'SEND';

/** Changes to a campaign; absent fields stay unchanged. */
export type UpdateCampaignInput = {
  /** Budget in EUR; not negative. */
  budget?: InputMaybe<Scalars['Float']['input']>;
  /** The channel it runs on. */
  channel?: InputMaybe<MarketingChannel>;
  /** When it ends; after startsAt. */
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The campaign's name. */
  name?: InputMaybe<Scalars['Text']['input']>;
  /** Products it promotes, in display order (replaces the list). */
  promotedSkus?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** When it starts. */
  startsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Its new status. */
  status?: InputMaybe<CampaignStatus>;
};

/** The complete new contents of a customer's open cart. */
export type UpdateCartInput = {
  /** Whose cart. */
  customerId: Scalars['ID']['input'];
  /** Every line of the cart; an empty list empties it. */
  lines: Array<CartLineInput>;
};

/** The catalogue fields to change; the ones left out stay as they are. */
export type UpdateProductInput = {
  /** A new category; not blank. */
  category?: InputMaybe<Scalars['ShortText']['input']>;
  /** A new name; not blank. */
  name?: InputMaybe<Scalars['ShortText']['input']>;
  /** A new list price: not negative, at most two decimals. */
  price?: InputMaybe<MoneyInput>;
  /** The product to change. */
  sku: Scalars['ID']['input'];
};

/** A customer profile to create or update; absent fields stay unchanged on update. */
export type UpsertCustomerInput = {
  /** YYYY-MM-DD, not in the future */
  birthDate?: InputMaybe<Scalars['Date']['input']>;
  /** City of residence. */
  city?: InputMaybe<Scalars['Text']['input']>;
  /** ISO 3166-1 alpha-2, e.g. DE */
  country?: InputMaybe<Scalars['ShortText']['input']>;
  /** Primary email; added as an EMAIL identity. */
  email?: InputMaybe<Scalars['Email']['input']>;
  /** Given name. */
  firstName?: InputMaybe<Scalars['Text']['input']>;
  /** The customer to update; absent: matched by email, or a new customer is created. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Family name. */
  lastName?: InputMaybe<Scalars['Text']['input']>;
  /** Primary phone in E.164 form; added as a PHONE identity. */
  phone?: InputMaybe<Scalars['Phone']['input']>;
  /** The person signs up themself (again): an email or phone of an erased customer is accepted for a new customer. Imports leave it false, so erased identifiers are refused (CONFLICT, reason ERASED). */
  signUp?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Exposures, conversions and the test against the control of one variant. */
export type VariantResult = {
  __typename?: 'VariantResult';
  /** This variant's rate minus the control's; null for the control itself. */
  absoluteLift?: Maybe<Scalars['Float']['output']>;
  /** pValue after Holm's correction over every comparison of a variant with the control (one too small to test counts as p = 1). */
  adjustedPValue?: Maybe<Scalars['Float']['output']>;
  /** conversions / exposures; 0 without exposures. */
  conversionRate: Scalars['Float']['output'];
  /** 95% Wilson score interval of the conversion rate; null without exposures. */
  conversionRateInterval?: Maybe<ConfidenceInterval>;
  /** Exposed customers with an order within the window after their first exposure. */
  conversions: Scalars['Int']['output'];
  /** Customers assigned to this variant at their first exposure whose conversion window has closed. */
  exposures: Scalars['Int']['output'];
  /** 95% Newcombe (hybrid score) interval of absoluteLift; null for the control or an empty group. */
  liftInterval?: Maybe<ConfidenceInterval>;
  /** Two-sided two-proportion z-test, uncorrected; null for the control or when the sample is too small. */
  pValue?: Maybe<Scalars['Float']['output']>;
  /** Customers assigned to this variant whose conversion window is still open; not judged yet. */
  pendingExposures: Scalars['Int']['output'];
  /** absoluteLift / the control's rate; null for the control or a control rate of 0. */
  relativeLift?: Maybe<Scalars['Float']['output']>;
  /** True when the z-test cannot be trusted: fewer than 30 judged exposures in this variant or the control, or fewer than 5 expected conversions or non-conversions in either under the pooled rate. Null for the control. */
  sampleTooSmall?: Maybe<Scalars['Boolean']['output']>;
  /** Why the sample is too small; null otherwise. */
  sampleTooSmallReason?: Maybe<Scalars['String']['output']>;
  /** adjustedPValue < 0.05; null when there is no p-value. */
  significant?: Maybe<Scalars['Boolean']['output']>;
  /** The variant. */
  variant: CampaignVariant;
  /** The pooled two-proportion z statistic; null for the control or when the sample is too small. */
  zScore?: Maybe<Scalars['Float']['output']>;
};

export type ConsoleCampaignsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCampaignsQuery = { __typename?: 'Query', campaigns: { __typename?: 'CampaignConnection', nodes: Array<{ __typename?: 'Campaign', id: string, name: string, channel: MarketingChannel, status: CampaignStatus }> } };

export type ConsoleCampaignAudienceQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConsoleCampaignAudienceQuery = { __typename?: 'Query', campaign?: { __typename?: 'Campaign', id: string, name: string, channel: MarketingChannel, audienceRule?: { __typename?: 'AudienceRule', segments: Array<RfmSegment>, channel: MarketingChannel, country?: string | null, minPredictedValue?: number | null, horizonDays: number } | null, audienceVersions: Array<{ __typename?: 'AudienceVersion', version: number, size: number, computedAt: string }> } | null };

export type ConsoleSetAudienceRuleMutationVariables = Exact<{
  campaignId: Scalars['ID']['input'];
  rule: AudienceRuleInput;
}>;


export type ConsoleSetAudienceRuleMutation = { __typename?: 'Mutation', setAudienceRule: { __typename?: 'Campaign', id: string, audienceRule?: { __typename?: 'AudienceRule', segments: Array<RfmSegment>, channel: MarketingChannel, country?: string | null, minPredictedValue?: number | null, horizonDays: number } | null } };

export type ConsoleBuildAudienceMutationVariables = Exact<{
  campaignId: Scalars['ID']['input'];
}>;


export type ConsoleBuildAudienceMutation = { __typename?: 'Mutation', buildAudience: { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, progress: number } };

export type ConsoleJobQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConsoleJobQuery = { __typename?: 'Query', job?: { __typename?: 'Job', id: string, kind: JobKind, status: JobStatus, progress: number, error?: string | null, result?: string | null } | null };

export type ConsoleCampaignResultsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
}>;


export type ConsoleCampaignResultsQuery = { __typename?: 'Query', campaign?: { __typename?: 'Campaign', id: string, name: string, channel: MarketingChannel, status: CampaignStatus, promotableProducts?: Array<{ __typename?: 'Product', sku: string, name: string, price: number, availableQuantity: number }> | null, variants: Array<{ __typename?: 'CampaignVariant', key: string, name?: string | null, trafficShare: number, control: boolean }>, experiment?: { __typename?: 'ExperimentResult', conversionWindowDays: number, control: { __typename?: 'CampaignVariant', key: string }, variants: Array<{ __typename?: 'VariantResult', exposures: number, conversions: number, conversionRate: number, absoluteLift?: number | null, relativeLift?: number | null, pValue?: number | null, significant?: boolean | null, variant: { __typename?: 'CampaignVariant', key: string, name?: string | null } }> } | null } | null, firstTouch: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }> }, lastTouch: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }> }, linear: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }> }, positionBased: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }> }, timeDecay: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }> }, shapley: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }> } };

export type ConsoleChannelCreditsFragment = { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }> };

export type ConsoleCustomersQueryVariables = Exact<{
  country?: InputMaybe<Scalars['ShortText']['input']>;
  search?: InputMaybe<Scalars['ShortText']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleCustomersQuery = { __typename?: 'Query', customers: { __typename?: 'CustomerConnection', nodes: Array<{ __typename?: 'Customer', id: string, displayName?: string | null, email?: string | null, country?: string | null, createdAt: string }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type ConsoleCustomerByIdentityQueryVariables = Exact<{
  type: IdentityType;
  value: Scalars['Text']['input'];
}>;


export type ConsoleCustomerByIdentityQuery = { __typename?: 'Query', customerByIdentity?: { __typename?: 'Customer', id: string, displayName?: string | null, email?: string | null, country?: string | null, createdAt: string } | null };

export type ConsoleCustomer360QueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConsoleCustomer360Query = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, displayName?: string | null, email?: string | null, phone?: string | null, country?: string | null, city?: string | null, createdAt: string, consents?: Array<{ __typename?: 'Consent', purpose: ConsentPurpose, channel: ConsentChannel, status: ConsentStatus, source: string, recordedAt: string }> | null, consentHistory?: { __typename?: 'ConsentConnection', nodes: Array<{ __typename?: 'Consent', purpose: ConsentPurpose, channel: ConsentChannel, status: ConsentStatus, source: string, recordedAt: string }> } | null, rfm?: { __typename?: 'RfmScore', segment: RfmSegment, r: number, f: number, m: number, recencyDays: number, frequency: number, monetary: number, computedAt: string } | null, lifetimeValue?: { __typename?: 'LifetimeValue', historical: number, predicted?: { __typename?: 'PredictedValue', expectedValue: number, probabilityAlive: number, expectedPurchases: number } | null } | null, orders?: { __typename?: 'OrderConnection', nodes: Array<{ __typename?: 'Order', id: string, placedAt: string, status: OrderStatus, channel: SalesChannel, totalMoney: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', sku: string, quantity: number, lineTotal: number, product?: { __typename?: 'Product', sku: string, name: string, availableQuantity: number } | null }> }> } | null, touchpoints?: { __typename?: 'TouchpointConnection', nodes: Array<{ __typename?: 'Touchpoint', id: string, kind: TouchpointKind, channel: MarketingChannel, occurredAt: string, campaign: { __typename?: 'Campaign', id: string, name: string } }> } | null, recommendedProducts?: Array<{ __typename?: 'Product', sku: string, name: string, price: number, availableQuantity: number }> | null } | null };

export type ConsoleSegmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSegmentsQuery = { __typename?: 'Query', rfmSegments?: { __typename?: 'RfmSegmentReport', asOf: string, computedAt: string, customerCount: number, totalRevenue: number, segments: Array<{ __typename?: 'RfmSegmentSize', segment: RfmSegment, customers: number, share: number, revenue: number, revenueShare: number }> } | null };

export const ConsoleChannelCreditsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleChannelCredits"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributionReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversions"}},{"kind":"Field","name":{"kind":"Name","value":"conversionValue"}},{"kind":"Field","name":{"kind":"Name","value":"byChannel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}}]}}]}}]} as unknown as DocumentNode<ConsoleChannelCreditsFragment, unknown>;
export const ConsoleCampaignsDocument = {"__meta__":{"hash":"501645d481dd45cbb42459bb17c288a9bd4e002628bc694ea84cee9c6ae0b6fe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCampaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCampaignsQuery, ConsoleCampaignsQueryVariables>;
export const ConsoleCampaignAudienceDocument = {"__meta__":{"hash":"e7af79d3b894d8dce84fa03a10f4e3a148dd4aee11a67b4ab97e3083b57daed6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCampaignAudience"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"audienceRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segments"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"minPredictedValue"}},{"kind":"Field","name":{"kind":"Name","value":"horizonDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"audienceVersions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCampaignAudienceQuery, ConsoleCampaignAudienceQueryVariables>;
export const ConsoleSetAudienceRuleDocument = {"__meta__":{"hash":"f48c4d1336f40e030315932562ded5c198b4470b495dac90544b4aa487b4d1ad"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSetAudienceRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rule"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAudienceRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"rule"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rule"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"audienceRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segments"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"minPredictedValue"}},{"kind":"Field","name":{"kind":"Name","value":"horizonDays"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleSetAudienceRuleMutation, ConsoleSetAudienceRuleMutationVariables>;
export const ConsoleBuildAudienceDocument = {"__meta__":{"hash":"ce5d90d03bec84f38004c99bb8393e138a8689f362208d4dfe805b37de15efbf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleBuildAudience"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buildAudience"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}}]}}]}}]} as unknown as DocumentNode<ConsoleBuildAudienceMutation, ConsoleBuildAudienceMutationVariables>;
export const ConsoleJobDocument = {"__meta__":{"hash":"9e198ba63da8098c247983261bb4dd3b572ecd5ee04001d9b007e055e3dbed32"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]} as unknown as DocumentNode<ConsoleJobQuery, ConsoleJobQueryVariables>;
export const ConsoleCampaignResultsDocument = {"__meta__":{"hash":"86b0cb670d293394abda3b52893441cec16760cf75bbf4cd6915753893478893"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCampaignResults"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"promotableProducts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"availableQuantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"trafficShare"}},{"kind":"Field","name":{"kind":"Name","value":"control"}}]}},{"kind":"Field","name":{"kind":"Name","value":"experiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversionWindowDays"},"value":{"kind":"IntValue","value":"7"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversionWindowDays"}},{"kind":"Field","name":{"kind":"Name","value":"control"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"variant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exposures"}},{"kind":"Field","name":{"kind":"Name","value":"conversions"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"absoluteLift"}},{"kind":"Field","name":{"kind":"Name","value":"relativeLift"}},{"kind":"Field","name":{"kind":"Name","value":"pValue"}},{"kind":"Field","name":{"kind":"Name","value":"significant"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"firstTouch"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"FIRST_TOUCH"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"lastTouch"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"LAST_TOUCH"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"linear"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"LINEAR"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"positionBased"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"POSITION_BASED"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"timeDecay"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"TIME_DECAY"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"shapley"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"SHAPLEY"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleChannelCredits"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributionReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversions"}},{"kind":"Field","name":{"kind":"Name","value":"conversionValue"}},{"kind":"Field","name":{"kind":"Name","value":"byChannel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}}]}}]}}]} as unknown as DocumentNode<ConsoleCampaignResultsQuery, ConsoleCampaignResultsQueryVariables>;
export const ConsoleCustomersDocument = {"__meta__":{"hash":"841ec51cdc7d014c6db1c6f4a028fd20479368ebb02beea1411ab2725cb40700"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"country"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ShortText"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ShortText"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"country"},"value":{"kind":"Variable","name":{"kind":"Name","value":"country"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCustomersQuery, ConsoleCustomersQueryVariables>;
export const ConsoleCustomerByIdentityDocument = {"__meta__":{"hash":"699d42cf24e6fdfc3aec4a29f31ea404f09ea7796d657978f019606524997997"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCustomerByIdentity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Text"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerByIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<ConsoleCustomerByIdentityQuery, ConsoleCustomerByIdentityQueryVariables>;
export const ConsoleCustomer360Document = {"__meta__":{"hash":"2422be7239c31237487a607b2dfb79c0378eecd72971a214932f36ff1ecf044d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCustomer360"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"consents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consentHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"rfm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"r"}},{"kind":"Field","name":{"kind":"Name","value":"f"}},{"kind":"Field","name":{"kind":"Name","value":"m"}},{"kind":"Field","name":{"kind":"Name","value":"recencyDays"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}},{"kind":"Field","name":{"kind":"Name","value":"monetary"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lifetimeValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"historical"}},{"kind":"Field","name":{"kind":"Name","value":"predicted"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"horizonDays"},"value":{"kind":"IntValue","value":"365"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expectedValue"}},{"kind":"Field","name":{"kind":"Name","value":"probabilityAlive"}},{"kind":"Field","name":{"kind":"Name","value":"expectedPurchases"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"placedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"totalMoney"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"lineTotal"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"availableQuantity"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"touchpoints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"recommendedProducts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"availableQuantity"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCustomer360Query, ConsoleCustomer360QueryVariables>;
export const ConsoleSegmentsDocument = {"__meta__":{"hash":"143fd3b5352083605d0e371eb339f83bfbe5cfe99be3ae29b33828cfe11f70fb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleSegments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rfmSegments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}},{"kind":"Field","name":{"kind":"Name","value":"customerCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"customers"}},{"kind":"Field","name":{"kind":"Name","value":"share"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"revenueShare"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleSegmentsQuery, ConsoleSegmentsQueryVariables>;