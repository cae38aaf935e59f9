// The closed set of personal-data classes (README, "Personal data"):
// the GraphQL enum PiiCategory of every subgraph that has personal fields and the `x-pii` keyword of
// event contracts take their values from here, and `npm run schema:lint` checks both against it.

/** Personal-data classes, each with what belongs to it. */
export const PII_CATEGORIES = {
  CONTACT: 'Reaches the person: email address, phone number.',
  IDENTITY: 'Names or identifies the person directly: names, display name, identifiers the person holds.',
  DEMOGRAPHIC: 'Describes the person: birth date, gender, age.',
  BEHAVIOURAL: 'What the person did or decided: consent records, privacy preferences, touchpoints, browsing.',
  FINANCIAL: 'Money the person has or owes: payment details, bank accounts.',
  LOCATION: 'Where the person lives or is: street address, city, postal code, geolocation.',
  ONLINE_IDENTIFIER: 'Identifies a device or an online account: device id, IP address, cookie or advertising id.',
} as const;

export type PiiCategory = keyof typeof PII_CATEGORIES;

/** The JSON Schema annotation of a personal event property: `z.string().meta(pii('LOCATION'))`. */
export function pii(category: PiiCategory): { 'x-pii': PiiCategory } {
  return { 'x-pii': category };
}
