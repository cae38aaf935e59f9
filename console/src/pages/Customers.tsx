import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { CountryField, TableHead } from '../fields';
import { ConsoleCustomerByIdentityDocument, ConsoleCustomersDocument } from '../gql/graphql';
import { href } from '../router';
import { Empty, ErrorState, Field, formatDate, Loading, PartialBanner, useErrors } from '../states';

export function CustomersPage() {
  const [country, setCountry] = useState('');
  const [email, setEmail] = useState('');
  const [prefix, setPrefix] = useState('');
  const [search, setSearch] = useState<{ country?: string; email?: string; prefix?: string }>({});
  const prefixId = useId();
  const emailId = useId();
  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">Customers</h1>
      <search>
        <form
          className="filters"
          onSubmit={(event) => {
            event.preventDefault();
            setSearch({
              country: country.trim().toUpperCase() || undefined,
              email: email.trim() || undefined,
              prefix: prefix.trim() || undefined,
            });
          }}
        >
          <label htmlFor={prefixId}>Name or email starts with</label>
          <input id={prefixId} value={prefix} minLength={2} onChange={(event) => setPrefix(event.target.value)} />
          <label htmlFor={emailId}>Email (exact identity)</label>
          <input id={emailId} type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
          <CountryField label="Country (ISO code)" value={country} onChange={setCountry} />
          <button type="submit">Search</button>
        </form>
      </search>
      {search.email ? (
        <ByEmail email={search.email} />
      ) : (
        <List key={`${search.country}|${search.prefix}`} country={search.country} search={search.prefix} />
      )}
    </section>
  );
}

type Row = {
  id: string;
  displayName?: string | null;
  email?: string | null;
  country?: string | null;
  createdAt: string;
};

function Rows({
  rows,
  path,
  errors,
}: {
  rows: Row[];
  path: (i: number) => (string | number)[];
  errors: ReturnType<typeof useErrors>;
}) {
  return (
    <table>
      <caption className="sr-only">Customers</caption>
      <TableHead columns={['Name', 'Email', 'Country', 'Customer since']} />
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.id}>
            <td>
              <a href={href.customer(row.id)}>
                <Field errors={errors} path={[...path(index), 'displayName']} value={row.displayName ?? row.id} />
              </a>
            </td>
            <td>
              <Field errors={errors} path={[...path(index), 'email']} value={row.email} />
            </td>
            <td>{row.country ?? '—'}</td>
            <td>{formatDate(row.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function List({ country, search }: { country?: string; search?: string }) {
  const [after, setAfter] = useState<string | undefined>();
  const [result] = useQuery({ query: ConsoleCustomersDocument, variables: { country, search, after } });
  const errors = useErrors(result.error);
  if (result.fetching) return <Loading what="customers" />;
  const connection = result.data?.customers;
  return (
    <>
      <PartialBanner errors={errors} />
      <ErrorState error={result.error} errors={errors} />
      {connection && connection.nodes.length === 0 && <Empty>No customer matches.</Empty>}
      {connection && connection.nodes.length > 0 && (
        <>
          <Rows rows={connection.nodes} path={(i) => ['customers', 'nodes', i]} errors={errors} />
          {connection.pageInfo.hasNextPage && (
            <button type="button" onClick={() => setAfter(connection.pageInfo.endCursor ?? undefined)}>
              Next page
            </button>
          )}
        </>
      )}
    </>
  );
}

function ByEmail({ email }: { email: string }) {
  const [result] = useQuery({ query: ConsoleCustomerByIdentityDocument, variables: { type: 'EMAIL', value: email } });
  const errors = useErrors(result.error);
  if (result.fetching) return <Loading what="the customer" />;
  const customer = result.data?.customerByIdentity;
  return (
    <>
      <PartialBanner errors={errors} />
      <ErrorState error={result.error} errors={errors} />
      {!result.error && !customer && <Empty>No customer has the email {email}.</Empty>}
      {customer && <Rows rows={[customer]} path={() => ['customerByIdentity']} errors={errors} />}
    </>
  );
}
