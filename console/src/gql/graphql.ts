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

/** How an order's value is split over the touchpoints before it (MARKETING.md). */
export type AttributionModel =
  | 'FIRST_TOUCH'
  | 'LAST_TOUCH'
  | 'LINEAR'
  | 'POSITION_BASED'
  | 'SHAPLEY'
  | 'TIME_DECAY';

/** Who a campaign is for. */
export type AudienceRuleInput = {
  /** Must be the campaign's channel and one consent is recorded for (EMAIL, SMS, PUSH). */
  channel: MarketingChannel;
  /** Only customers in one of these churn bands of the served churn model (orders); null for any. A customer the model did not score is in none. */
  churnBands?: InputMaybe<Array<ChurnBand>>;
  /** Only customers in one of these behavioural clusters (ids 1 to 10) of the served clustering (orders); null for any. */
  clusters?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** Only customers in this country (ISO 3166-1 alpha-2). */
  country?: InputMaybe<Scalars['ShortText']['input']>;
  /** Defaults to 365. */
  horizonDays?: InputMaybe<Scalars['Int']['input']>;
  /** Minimum predicted lifetime value over horizonDays. */
  minPredictedValue?: InputMaybe<Scalars['Float']['input']>;
  /** RFM segments a member must be in (any of them); at least one. */
  segments: Array<RfmSegment>;
};

/** What an access record records. */
export type AuditKind =
  /** A mutation. */
  | 'MUTATION'
  /** A read of fields that need pii:read. */
  | 'READ';

/** The life of a campaign. */
export type CampaignStatus =
  | 'ACTIVE'
  | 'COMPLETED'
  | 'DRAFT'
  | 'PAUSED'
  | 'SCHEDULED';

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

/** One product to put in a cart. */
export type CartLineInput = {
  /** Units; at least 1. */
  quantity: Scalars['Int']['input'];
  /** The product. */
  sku: Scalars['ID']['input'];
  /** Price of one unit; not negative. */
  unitPrice: Scalars['Float']['input'];
};

/** A churn probability band of the orders domain's churn model. */
export type ChurnBand =
  /** Probability of 0.8 or more. */
  | 'HIGH'
  /** Probability below 0.5. */
  | 'LOW'
  /** Probability from 0.5 to below 0.8. */
  | 'MEDIUM';

/** The churn model's inputs, from the customer's purchases up to the scoring date. */
export type ChurnFeature =
  /** Share of orders placed in the mobile app. */
  | 'APP_SHARE'
  /** Purchases to date. */
  | 'FREQUENCY'
  /** Last gap between purchases over the mean gap (above 1: purchases slowing down). */
  | 'INTERVAL_TREND'
  /** Channels with a MARKETING opt-in in force. */
  | 'MARKETING_CONSENT'
  /** Average order value. */
  | 'MONETARY'
  /** Days since the last purchase over the mean gap between purchases. */
  | 'OVERDUE'
  /** Distinct products bought. */
  | 'PRODUCT_BREADTH'
  /** Days since the last purchase. */
  | 'RECENCY'
  /** Purchases in the horizon before the scoring date. */
  | 'RECENT_ORDERS'
  /** Share of orders placed in a store. */
  | 'STORE_SHARE'
  /** Days since the first purchase. */
  | 'TENURE'
  /** Share of orders placed on the web. */
  | 'WEB_SHARE';

/** How the number of clusters was decided. */
export type ClusterKChoice =
  /** The k the caller gave. */
  | 'GIVEN'
  /** The k with the highest mean silhouette over 2 to 10. */
  | 'SILHOUETTE';

/** How a maximum-likelihood fit ended. */
export type ClvFitStatus =
  /** A parameter ended within a factor of 10 of its bound (1e-4 or 1e6): the data do not identify the model. */
  | 'AT_BOUND'
  /** The optimizer converged (function values and parameters stable) with every parameter inside its bounds. */
  | 'CONVERGED'
  /** The optimizer hit its iteration limit before converging. */
  | 'NOT_CONVERGED';

/** The channel a consent covers. */
export type ConsentChannel =
  | 'EMAIL'
  | 'PHONE'
  | 'PUSH'
  | 'SMS';

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

/** A step of a funnel: exposures and clicks are touchpoints; carts and orders come from the orders domain's events (cart activities with at least one line; orders neither cancelled nor refunded). */
export type FunnelStep =
  | 'CART'
  | 'CLICK'
  | 'EXPOSURE'
  | 'ORDER';

/** The kinds of identity a customer can be found by. */
export type IdentityType =
  | 'DEVICE_ID'
  | 'EMAIL'
  | 'LOYALTY_ID'
  | 'PHONE';

/** The kinds of long work a domain runs as jobs. */
export type JobKind =
  | 'ATTRIBUTION'
  | 'BUILD_AUDIENCE'
  | 'CART_REMINDERS'
  | 'FIT_CHURN_MODEL'
  | 'FIT_CLV_MODEL'
  | 'FIT_CUSTOMER_CLUSTERS'
  | 'MINE_ASSOCIATION_RULES'
  | 'REFRESH_RFM'
  | 'TRAIN_RECOMMENDATIONS';

/** The life of a job: QUEUED, RUNNING, then one of SUCCEEDED, FAILED, CANCELLED. */
export type JobStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

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
  /** At send time the customers domain answered that the customer may not be contacted on the channel (no current opt-in, an objection, or the customer no longer exists). */
  | 'NOT_CONTACTABLE_AT_SEND'
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

/** An exact amount to record. */
export type MoneyInput = {
  /** A decimal string with at most two decimals, e.g. "34.90". */
  amount: Scalars['ShortText']['input'];
  /** ISO 4217; defaults to EUR. */
  currency?: InputMaybe<Scalars['ShortText']['input']>;
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

/** Narrows Query.products; every given condition must hold. */
export type ProductFilter = {
  /** Only products of this category. */
  category?: InputMaybe<Scalars['ShortText']['input']>;
  /** true: only discontinued products; false: only products still sold. */
  discontinued?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: only products with availableQuantity > 0; false: only sold-out products. */
  inStock?: InputMaybe<Scalars['Boolean']['input']>;
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

/** Where a queued message is in its delivery. */
export type QueuedMessageStatus =
  /** Cancelled before it was sent; never sent. */
  | 'CANCELLED'
  /** Given up after the last attempt, or refused for good by the mail server; never sent. */
  | 'FAILED'
  /** Waiting to be sent (again, after a failed attempt: see nextAttemptAt). */
  | 'QUEUED'
  /** Claimed by a delivery worker that is sending it now. */
  | 'SENDING'
  /** Delivered; its SEND touchpoint is recorded. */
  | 'SENT';

/** Why a product is recommended. */
export type RecommendationReason =
  /** An association rule: it sells in the same basket as what this customer bought. */
  | 'BOUGHT_TOGETHER'
  /** Among the most bought products lately (non-personalised). */
  | 'POPULAR'
  /** Customers who bought a product this customer bought also bought it (item-to-item similarity). */
  | 'SIMILAR_ITEMS';

/** What the offline evaluation compares. */
export type RecommendationStrategy =
  /** Association rules alone. */
  | 'ASSOCIATION_RULES'
  /** Similarity, rules and popularity blended (what is served). */
  | 'BLEND'
  /** Item-to-item similarity alone. */
  | 'ITEM_SIMILARITY'
  /** The most bought products (non-personalised). */
  | 'POPULARITY';

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

/** The languages reviews are scored in. */
export type ReviewLanguage =
  /** English, scored with AFINN-165. */
  | 'EN'
  /** Chinese, scored with the mesh360 Chinese lexicon. */
  | 'ZH';

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

/** Where an order was placed. */
export type SalesChannel =
  | 'MARKETPLACE'
  | 'MOBILE_APP'
  | 'STORE'
  | 'WEB';

/** The sentiment of a review's text. */
export type Sentiment =
  /** Score at most -1. */
  | 'NEGATIVE'
  /** Score between -1 and +1. */
  | 'NEUTRAL'
  /** Score at least +1. */
  | 'POSITIVE';

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

/** A new review. */
export type SubmitReviewInput = {
  /** The review text; not blank. */
  body: Scalars['Text']['input'];
  /** The customer who wrote it; not blank. */
  customerId: Scalars['ID']['input'];
  /** The text's language; detected from the text when absent. */
  language?: InputMaybe<ReviewLanguage>;
  /** Stars, 1 to 5. */
  rating: Scalars['Int']['input'];
  /** The reviewed product: 3 to 32 uppercase letters, digits or inner hyphens. */
  sku: Scalars['ID']['input'];
  /** An optional headline. */
  title?: InputMaybe<Scalars['ShortText']['input']>;
};

/** What kind of interaction a touchpoint is. */
export type TouchpointKind =
  | 'CLICK'
  | 'IMPRESSION'
  | 'OPEN'
  /** A message delivered to the customer, such as an abandoned-cart reminder (recorded when delivery succeeds, never at queue time). */
  | 'SEND';

/** Parameters of a recommendation model; absent values take the defaults. */
export type TrainRecommendationsInput = {
  /** Days after which a purchase weighs half; 1 to 3650, defaults to 180. */
  halfLifeDays?: InputMaybe<Scalars['Float']['input']>;
  /** Customers a pair must share to be similar; 1 to 1000, defaults to 2. */
  minCoCustomers?: InputMaybe<Scalars['Int']['input']>;
  /** Neighbours kept per product; 1 to 200, defaults to 50. */
  neighbours?: InputMaybe<Scalars['Int']['input']>;
};

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


export type ConsoleCampaignResultsQuery = { __typename?: 'Query', campaign?: { __typename?: 'Campaign', id: string, name: string, channel: MarketingChannel, status: CampaignStatus, promotableProducts?: Array<{ __typename?: 'Product', sku: string, name: string, price: number, availableQuantity: number }> | null, variants: Array<{ __typename?: 'CampaignVariant', key: string, name?: string | null, trafficShare: number, control: boolean }>, experiment?: { __typename?: 'ExperimentResult', conversionWindowDays: number, judgedBefore: string, removedVariantExposures: number, control: { __typename?: 'CampaignVariant', key: string }, variants: Array<{ __typename?: 'VariantResult', exposures: number, pendingExposures: number, conversions: number, conversionRate: number, absoluteLift?: number | null, relativeLift?: number | null, pValue?: number | null, adjustedPValue?: number | null, significant?: boolean | null, sampleTooSmall?: boolean | null, sampleTooSmallReason?: string | null, variant: { __typename?: 'CampaignVariant', key: string, name?: string | null, control: boolean }, conversionRateInterval?: { __typename?: 'ConfidenceInterval', lower: number, upper: number } | null, liftInterval?: { __typename?: 'ConfidenceInterval', lower: number, upper: number } | null }> } | null } | null, firstTouch: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }>, returns: { __typename?: 'AttributionReturns', byChannel: Array<{ __typename?: 'ChannelReturn', channel: MarketingChannel, revenue: number, conversions: number, roas?: number | null, spend: { __typename?: 'Money', amount: string, currency: string }, costPerAcquisition?: { __typename?: 'Money', amount: string, currency: string } | null }> } }, lastTouch: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }>, returns: { __typename?: 'AttributionReturns', byChannel: Array<{ __typename?: 'ChannelReturn', channel: MarketingChannel, revenue: number, conversions: number, roas?: number | null, spend: { __typename?: 'Money', amount: string, currency: string }, costPerAcquisition?: { __typename?: 'Money', amount: string, currency: string } | null }> } }, linear: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }>, returns: { __typename?: 'AttributionReturns', byChannel: Array<{ __typename?: 'ChannelReturn', channel: MarketingChannel, revenue: number, conversions: number, roas?: number | null, spend: { __typename?: 'Money', amount: string, currency: string }, costPerAcquisition?: { __typename?: 'Money', amount: string, currency: string } | null }> } }, positionBased: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }>, returns: { __typename?: 'AttributionReturns', byChannel: Array<{ __typename?: 'ChannelReturn', channel: MarketingChannel, revenue: number, conversions: number, roas?: number | null, spend: { __typename?: 'Money', amount: string, currency: string }, costPerAcquisition?: { __typename?: 'Money', amount: string, currency: string } | null }> } }, timeDecay: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }>, returns: { __typename?: 'AttributionReturns', byChannel: Array<{ __typename?: 'ChannelReturn', channel: MarketingChannel, revenue: number, conversions: number, roas?: number | null, spend: { __typename?: 'Money', amount: string, currency: string }, costPerAcquisition?: { __typename?: 'Money', amount: string, currency: string } | null }> } }, shapley: { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }>, returns: { __typename?: 'AttributionReturns', byChannel: Array<{ __typename?: 'ChannelReturn', channel: MarketingChannel, revenue: number, conversions: number, roas?: number | null, spend: { __typename?: 'Money', amount: string, currency: string }, costPerAcquisition?: { __typename?: 'Money', amount: string, currency: string } | null }> } } };

export type ConsoleChannelCreditsFragment = { __typename?: 'AttributionReport', conversions: number, conversionValue: number, byChannel: Array<{ __typename?: 'ChannelCredit', channel: MarketingChannel, revenue: number }>, returns: { __typename?: 'AttributionReturns', byChannel: Array<{ __typename?: 'ChannelReturn', channel: MarketingChannel, revenue: number, conversions: number, roas?: number | null, spend: { __typename?: 'Money', amount: string, currency: string }, costPerAcquisition?: { __typename?: 'Money', amount: string, currency: string } | null }> } };

export type ConsoleCampaignFunnelQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
  channel?: InputMaybe<MarketingChannel>;
}>;


export type ConsoleCampaignFunnelQuery = { __typename?: 'Query', campaign?: { __typename?: 'Campaign', id: string, funnel: { __typename?: 'Funnel', windowDays: number, channel?: MarketingChannel | null, steps: Array<{ __typename?: 'FunnelStepResult', step: FunnelStep, customers: number, conversionFromPrevious?: number | null, conversionFromFirst?: number | null, medianSecondsFromPrevious?: number | null }> } } | null };

export type ConsoleAudiencePreviewQueryVariables = Exact<{
  campaignId: Scalars['ID']['input'];
  rule: AudienceRuleInput;
}>;


export type ConsoleAudiencePreviewQuery = { __typename?: 'Query', audiencePreview: { __typename?: 'AudiencePreview', size: number, candidates: number, bySegment: Array<{ __typename?: 'AudiencePreviewSegment', segment: RfmSegment, candidates: number, members: number }> } };

export type ConsoleAudienceComparisonQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  from: Scalars['Int']['input'];
  to: Scalars['Int']['input'];
}>;


export type ConsoleAudienceComparisonQuery = { __typename?: 'Query', campaign?: { __typename?: 'Campaign', id: string, audienceComparison: { __typename?: 'AudienceComparison', added: number, removed: number, kept: number, from: { __typename?: 'AudienceVersion', version: number, size: number }, to: { __typename?: 'AudienceVersion', version: number, size: number }, addedSample: Array<{ __typename?: 'Customer', id: string, country?: string | null }>, removedSample: Array<{ __typename?: 'Customer', id: string, country?: string | null }> } } | null };

export type ConsoleAudienceExportQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConsoleAudienceExportQuery = { __typename?: 'Query', campaign?: { __typename?: 'Campaign', id: string, audience?: { __typename?: 'Audience', version: number, size: number, members: { __typename?: 'AudienceMemberConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Customer', id: string, emailSha256?: string | null }> } } | null } | null };

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

export type ConsoleSegmentTrendQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleSegmentTrendQuery = { __typename?: 'Query', rfmSegmentTrend: Array<{ __typename?: 'RfmSegmentReport', asOf: string, customerCount: number, segments: Array<{ __typename?: 'RfmSegmentSize', segment: RfmSegment, customers: number }> }> };

export const ConsoleChannelCreditsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleChannelCredits"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributionReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversions"}},{"kind":"Field","name":{"kind":"Name","value":"conversionValue"}},{"kind":"Field","name":{"kind":"Name","value":"byChannel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"returns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"byChannel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"spend"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"conversions"}},{"kind":"Field","name":{"kind":"Name","value":"roas"}},{"kind":"Field","name":{"kind":"Name","value":"costPerAcquisition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleChannelCreditsFragment, unknown>;
export const ConsoleCampaignsDocument = {"__meta__":{"hash":"501645d481dd45cbb42459bb17c288a9bd4e002628bc694ea84cee9c6ae0b6fe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCampaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCampaignsQuery, ConsoleCampaignsQueryVariables>;
export const ConsoleCampaignAudienceDocument = {"__meta__":{"hash":"e7af79d3b894d8dce84fa03a10f4e3a148dd4aee11a67b4ab97e3083b57daed6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCampaignAudience"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"audienceRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segments"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"minPredictedValue"}},{"kind":"Field","name":{"kind":"Name","value":"horizonDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"audienceVersions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCampaignAudienceQuery, ConsoleCampaignAudienceQueryVariables>;
export const ConsoleSetAudienceRuleDocument = {"__meta__":{"hash":"f48c4d1336f40e030315932562ded5c198b4470b495dac90544b4aa487b4d1ad"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSetAudienceRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rule"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAudienceRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"rule"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rule"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"audienceRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segments"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"minPredictedValue"}},{"kind":"Field","name":{"kind":"Name","value":"horizonDays"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleSetAudienceRuleMutation, ConsoleSetAudienceRuleMutationVariables>;
export const ConsoleBuildAudienceDocument = {"__meta__":{"hash":"ce5d90d03bec84f38004c99bb8393e138a8689f362208d4dfe805b37de15efbf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleBuildAudience"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buildAudience"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}}]}}]}}]} as unknown as DocumentNode<ConsoleBuildAudienceMutation, ConsoleBuildAudienceMutationVariables>;
export const ConsoleJobDocument = {"__meta__":{"hash":"9e198ba63da8098c247983261bb4dd3b572ecd5ee04001d9b007e055e3dbed32"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"job"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]} as unknown as DocumentNode<ConsoleJobQuery, ConsoleJobQueryVariables>;
export const ConsoleCampaignResultsDocument = {"__meta__":{"hash":"930358799eb763ee31cdd54a465da7125d26eeee7fe9eae9f6f246e3048f1f63"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCampaignResults"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"promotableProducts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"availableQuantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"trafficShare"}},{"kind":"Field","name":{"kind":"Name","value":"control"}}]}},{"kind":"Field","name":{"kind":"Name","value":"experiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversionWindowDays"},"value":{"kind":"IntValue","value":"7"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversionWindowDays"}},{"kind":"Field","name":{"kind":"Name","value":"control"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"judgedBefore"}},{"kind":"Field","name":{"kind":"Name","value":"removedVariantExposures"}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"variant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"control"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exposures"}},{"kind":"Field","name":{"kind":"Name","value":"pendingExposures"}},{"kind":"Field","name":{"kind":"Name","value":"conversions"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRateInterval"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lower"}},{"kind":"Field","name":{"kind":"Name","value":"upper"}}]}},{"kind":"Field","name":{"kind":"Name","value":"absoluteLift"}},{"kind":"Field","name":{"kind":"Name","value":"relativeLift"}},{"kind":"Field","name":{"kind":"Name","value":"liftInterval"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lower"}},{"kind":"Field","name":{"kind":"Name","value":"upper"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pValue"}},{"kind":"Field","name":{"kind":"Name","value":"adjustedPValue"}},{"kind":"Field","name":{"kind":"Name","value":"significant"}},{"kind":"Field","name":{"kind":"Name","value":"sampleTooSmall"}},{"kind":"Field","name":{"kind":"Name","value":"sampleTooSmallReason"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"firstTouch"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"FIRST_TOUCH"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"lastTouch"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"LAST_TOUCH"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"linear"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"LINEAR"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"positionBased"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"POSITION_BASED"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"timeDecay"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"TIME_DECAY"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"shapley"},"name":{"kind":"Name","value":"attribution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"model"},"value":{"kind":"EnumValue","value":"SHAPLEY"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleChannelCredits"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleChannelCredits"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AttributionReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversions"}},{"kind":"Field","name":{"kind":"Name","value":"conversionValue"}},{"kind":"Field","name":{"kind":"Name","value":"byChannel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"returns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"byChannel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"spend"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"conversions"}},{"kind":"Field","name":{"kind":"Name","value":"roas"}},{"kind":"Field","name":{"kind":"Name","value":"costPerAcquisition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCampaignResultsQuery, ConsoleCampaignResultsQueryVariables>;
export const ConsoleCampaignFunnelDocument = {"__meta__":{"hash":"bbc5b2df1b281103d96dbb46c9000a04a79c71265950d3ee755e1b24fca5445b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCampaignFunnel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channel"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MarketingChannel"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"funnel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"windowDays"},"value":{"kind":"IntValue","value":"7"}},{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"windowDays"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"customers"}},{"kind":"Field","name":{"kind":"Name","value":"conversionFromPrevious"}},{"kind":"Field","name":{"kind":"Name","value":"conversionFromFirst"}},{"kind":"Field","name":{"kind":"Name","value":"medianSecondsFromPrevious"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCampaignFunnelQuery, ConsoleCampaignFunnelQueryVariables>;
export const ConsoleAudiencePreviewDocument = {"__meta__":{"hash":"d1c93dfd797c5f69dd30d0d172391d3317c8943b8eaf52d8135202366a30c8a7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleAudiencePreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rule"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AudienceRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"audiencePreview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"rule"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rule"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"bySegment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"members"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleAudiencePreviewQuery, ConsoleAudiencePreviewQueryVariables>;
export const ConsoleAudienceComparisonDocument = {"__meta__":{"hash":"176c50b0fb689512d7ddcf03b91a8ec038e916f9eef444fca674ae0ac5c4fb01"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleAudienceComparison"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"audienceComparison"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"sample"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"addedSample"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"removedSample"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleAudienceComparisonQuery, ConsoleAudienceComparisonQueryVariables>;
export const ConsoleAudienceExportDocument = {"__meta__":{"hash":"8c2fe9bb1900b23002a4aa3c670e2eb3c03d5ba69917e9401055b0f4bfbc0943"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleAudienceExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"audience"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"currentConsentOnly"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"emailSha256"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleAudienceExportQuery, ConsoleAudienceExportQueryVariables>;
export const ConsoleCustomersDocument = {"__meta__":{"hash":"841ec51cdc7d014c6db1c6f4a028fd20479368ebb02beea1411ab2725cb40700"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"country"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ShortText"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ShortText"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"country"},"value":{"kind":"Variable","name":{"kind":"Name","value":"country"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCustomersQuery, ConsoleCustomersQueryVariables>;
export const ConsoleCustomerByIdentityDocument = {"__meta__":{"hash":"699d42cf24e6fdfc3aec4a29f31ea404f09ea7796d657978f019606524997997"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCustomerByIdentity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Text"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerByIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<ConsoleCustomerByIdentityQuery, ConsoleCustomerByIdentityQueryVariables>;
export const ConsoleCustomer360Document = {"__meta__":{"hash":"2422be7239c31237487a607b2dfb79c0378eecd72971a214932f36ff1ecf044d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCustomer360"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"consents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consentHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"rfm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"r"}},{"kind":"Field","name":{"kind":"Name","value":"f"}},{"kind":"Field","name":{"kind":"Name","value":"m"}},{"kind":"Field","name":{"kind":"Name","value":"recencyDays"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}},{"kind":"Field","name":{"kind":"Name","value":"monetary"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lifetimeValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"historical"}},{"kind":"Field","name":{"kind":"Name","value":"predicted"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"horizonDays"},"value":{"kind":"IntValue","value":"365"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expectedValue"}},{"kind":"Field","name":{"kind":"Name","value":"probabilityAlive"}},{"kind":"Field","name":{"kind":"Name","value":"expectedPurchases"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"placedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"totalMoney"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"lineTotal"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"availableQuantity"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"touchpoints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"recommendedProducts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"availableQuantity"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCustomer360Query, ConsoleCustomer360QueryVariables>;
export const ConsoleSegmentsDocument = {"__meta__":{"hash":"143fd3b5352083605d0e371eb339f83bfbe5cfe99be3ae29b33828cfe11f70fb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleSegments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rfmSegments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"computedAt"}},{"kind":"Field","name":{"kind":"Name","value":"customerCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"customers"}},{"kind":"Field","name":{"kind":"Name","value":"share"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"revenueShare"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleSegmentsQuery, ConsoleSegmentsQueryVariables>;
export const ConsoleSegmentTrendDocument = {"__meta__":{"hash":"f7e40e5db7a354c1b34c850e5dfaa65f7ecb435061d28ce003871b08cd694dad"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleSegmentTrend"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rfmSegmentTrend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"12"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"customerCount"}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"customers"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleSegmentTrendQuery, ConsoleSegmentTrendQueryVariables>;