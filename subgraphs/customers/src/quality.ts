// The customers domain's data-quality checks (shared/quality.ts): on its own tables only.
import { sql } from 'kysely';
import { countCheck, duplicateCheck, type DomainQualityDefinition } from '../../../shared/quality.js';

export const customersQuality: DomainQualityDefinition = {
  rows: { table: 'customers', changedAt: 'updated_at' },
  checks: [
    countCheck(
      'profile has an email',
      'COMPLETENESS',
      'Customers with at least one EMAIL identity: without one, no email campaign can reach them.',
      'customers',
      sql`not exists (select 1 from customer_identities i where i.customer_id = customers.id and i.type = 'EMAIL')`,
    ),
    countCheck(
      'profile has a country',
      'COMPLETENESS',
      'Customers whose country is known (audiences and currencies go by it).',
      'customers',
      sql`country is null`,
    ),
    countCheck(
      'profile has a name',
      'COMPLETENESS',
      'Customers with a first and a last name (greetings, deduplication).',
      'customers',
      sql`first_name is null or last_name is null`,
    ),
    countCheck(
      'birth date is plausible',
      'VALIDITY',
      'Birth dates, where given, between 1900 and today.',
      'customers',
      sql`birth_date is not null and (birth_date < date '1900-01-01' or birth_date > current_date)`,
    ),
    countCheck(
      'email identity is well formed',
      'VALIDITY',
      'EMAIL identities with one @ and a dot in the domain, lower-cased as the API stores them.',
      'customer_identities',
      sql`type = 'EMAIL' and (value !~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$' or value <> lower(value))`,
    ),
    countCheck(
      'phone identity is E.164',
      'VALIDITY',
      'PHONE identities in E.164 form (+ and 8 to 15 digits).',
      'customer_identities',
      sql`type = 'PHONE' and value !~ '^\\+[0-9]{8,15}$'`,
    ),
    duplicateCheck(
      'no likely duplicate profile',
      'Customers who share first name, last name and birth date with another customer: probably one person twice.',
      'customers',
      sql`lower(first_name), lower(last_name), birth_date`,
      sql`birth_date is not null and first_name is not null and last_name is not null`,
    ),
  ],
};
