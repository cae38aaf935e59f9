// The query GraphiQL opens with and `npm start` prints; kept apart so printing it loads no gateway code.
export const EXAMPLE_QUERY = `# A customer 360 across all four domains
query Customer360 {
  customer(id: "cus-0000001") {
    displayName email country
    consents { purpose channel status }
    purchaseStats { orderCount totalSpent lastOrderAt }
    orders(first: 3) { nodes { placedAt total lines { quantity product { name availableQuantity } } } }
    touchpoints(first: 3) { nodes { kind occurredAt campaign { name } } }
  }
}`;
