// Runs graphql-http's server audits against the endpoint given as the only argument and prints the results
// as one JSON document on stdout, for the xunit test to judge. Audits run one after another so a failure's
// server log lines are not interleaved with another audit's.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({
    id: result.id,
    name: result.name,
    // The audit's name starts with its level: MUST, SHOULD or MAY.
    level: result.name.split(' ')[0],
    status: result.status,
    reason: result.status === 'ok' ? null : result.reason,
  });
}

console.log(JSON.stringify({ url, results }, null, 2));
