import { useQuery } from 'urql';
import { ProductList, TableHead } from '../fields';
import { ConsoleCustomer360Document } from '../gql/graphql';
import { href } from '../router';
import {
  Empty,
  ErrorState,
  Field,
  formatDate,
  formatDay,
  formatMoney,
  formatPercent,
  Loading,
  PartialBanner,
  Unavailable,
  useErrors,
} from '../states';

export function Customer360Page({ id }: { id: string }) {
  const [result] = useQuery({ query: ConsoleCustomer360Document, variables: { id } });
  const errors = useErrors(result.error);
  if (result.fetching) return <Loading what="the customer" />;
  const customer = result.data?.customer;
  const at = (...path: (string | number)[]) => ['customer', ...path];
  if (!customer)
    return (
      <section aria-labelledby="c360-title">
        <h1 id="c360-title">Customer {id}</h1>
        <PartialBanner errors={errors} />
        <ErrorState error={result.error} errors={errors} />
        {!result.error && <Empty>No customer has the id {id}.</Empty>}
        <a href={href.customers()}>Back to customers</a>
      </section>
    );
  return (
    <section aria-labelledby="c360-title">
      <h1 id="c360-title">
        <Field errors={errors} path={at('displayName')} value={customer.displayName} />{' '}
        <span className="muted">{customer.id}</span>
      </h1>
      <PartialBanner errors={errors} />
      <ErrorState error={result.error} errors={errors} />
      <div className="cards">
        <article className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">Profile</h2>
          <dl>
            <dt>Email</dt>
            <dd data-testid="customer-email">
              <Field errors={errors} path={at('email')} value={customer.email} />
            </dd>
            <dt>Phone</dt>
            <dd>
              <Field errors={errors} path={at('phone')} value={customer.phone} />
            </dd>
            <dt>City</dt>
            <dd>
              <Field errors={errors} path={at('city')} value={customer.city} />
            </dd>
            <dt>Country</dt>
            <dd>{customer.country ?? '—'}</dd>
            <dt>Customer since</dt>
            <dd>{formatDate(customer.createdAt)}</dd>
          </dl>
        </article>
        <article className="card" aria-labelledby="value-title">
          <h2 id="value-title">Value</h2>
          <Unavailable
            errors={errors}
            path={at('rfm')}
            domain="orders"
            value={customer.rfm ?? customer.lifetimeValue}
          />
          <dl>
            <dt>RFM segment</dt>
            <dd data-testid="rfm-segment">
              {customer.rfm
                ? `${customer.rfm.segment} (R${customer.rfm.r} F${customer.rfm.f} M${customer.rfm.m})`
                : '—'}
            </dd>
            <dt>Last order</dt>
            <dd>{customer.rfm ? `${customer.rfm.recencyDays} days ago` : '—'}</dd>
            <dt>Lifetime value so far</dt>
            <dd>{formatMoney(customer.lifetimeValue?.historical)}</dd>
            <dt>Predicted value, next 365 days</dt>
            <dd>{formatMoney(customer.lifetimeValue?.predicted?.expectedValue)}</dd>
            <dt>Probability still active</dt>
            <dd>{formatPercent(customer.lifetimeValue?.predicted?.probabilityAlive)}</dd>
          </dl>
        </article>
        <article className="card" aria-labelledby="consent-title">
          <h2 id="consent-title">Consent</h2>
          {isHiddenList(errors, at('consents')) ? (
            <p>
              <Field errors={errors} path={at('consents')} value={null} />
            </p>
          ) : customer.consents && customer.consents.length > 0 ? (
            <table>
              <TableHead columns={['Purpose', 'Channel', 'Status', 'Since']} />
              <tbody>
                {customer.consents.map((consent) => (
                  <tr key={`${consent.purpose}-${consent.channel}`}>
                    <td>{consent.purpose}</td>
                    <td>{consent.channel}</td>
                    <td>{consent.status}</td>
                    <td>{formatDay(consent.recordedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No consent recorded.</Empty>
          )}
          {customer.consentHistory && customer.consentHistory.nodes.length > 0 && (
            <details>
              <summary>History ({customer.consentHistory.nodes.length} latest)</summary>
              <ol>
                {customer.consentHistory.nodes.map((record) => (
                  <li key={`${record.recordedAt}-${record.purpose}-${record.channel}`}>
                    {formatDate(record.recordedAt)}: {record.purpose} {record.channel} {record.status} ({record.source})
                  </li>
                ))}
              </ol>
            </details>
          )}
        </article>
      </div>
      <article aria-labelledby="orders-title">
        <h2 id="orders-title">Latest orders</h2>
        <Unavailable errors={errors} path={at('orders')} domain="orders" value={customer.orders} />
        {customer.orders && customer.orders.nodes.length === 0 && <Empty>No orders yet.</Empty>}
        {customer.orders && customer.orders.nodes.length > 0 && (
          <table>
            <TableHead columns={['Placed', 'Status', 'Products (available now)', 'Total']} />
            <tbody>
              {customer.orders.nodes.map((order) => (
                <tr key={order.id}>
                  <td>{formatDate(order.placedAt)}</td>
                  <td>{order.status}</td>
                  <td>
                    {order.lines.map((line) => (
                      <div key={line.sku}>
                        {line.quantity} × {line.product?.name ?? line.sku}{' '}
                        <span className="muted">
                          ({line.product ? `${line.product.availableQuantity} in stock` : 'stock unknown'})
                        </span>
                      </div>
                    ))}
                  </td>
                  <td>{formatMoney(order.totalMoney.amount, order.totalMoney.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
      <div className="cards">
        <article className="card" aria-labelledby="touchpoints-title">
          <h2 id="touchpoints-title">Touchpoints</h2>
          <Unavailable errors={errors} path={at('touchpoints')} domain="campaigns" value={customer.touchpoints} />
          {customer.touchpoints && customer.touchpoints.nodes.length === 0 && <Empty>No touchpoints.</Empty>}
          {customer.touchpoints && customer.touchpoints.nodes.length > 0 && (
            <ol className="timeline">
              {customer.touchpoints.nodes.map((touchpoint) => (
                <li key={touchpoint.id}>
                  {formatDate(touchpoint.occurredAt)}: {touchpoint.kind} on {touchpoint.channel},{' '}
                  <a href={href.campaigns(touchpoint.campaign.id)}>{touchpoint.campaign.name}</a>
                </li>
              ))}
            </ol>
          )}
        </article>
        <article className="card" aria-labelledby="recommendations-title">
          <h2 id="recommendations-title">Recommended, in stock</h2>
          <Unavailable
            errors={errors}
            path={at('recommendedProducts')}
            domain="inventory"
            value={customer.recommendedProducts}
          />
          {customer.recommendedProducts && customer.recommendedProducts.length === 0 && (
            <Empty>No in-stock recommendation.</Empty>
          )}
          <ProductList products={customer.recommendedProducts} />
        </article>
      </div>
    </section>
  );
}

function isHiddenList(errors: ReturnType<typeof useErrors>, path: (string | number)[]) {
  return errors.some((error) => error.code === 'FORBIDDEN' && error.path?.join('.') === path.join('.'));
}
