/** The sandbox outcomes, as published in the OpenAPI description (and mirrored in the README). */
export const SANDBOX_TABLE = `## Sandbox outcomes
With \`PROVIDER=sandbox\` the passport number's last digit decides:

| last digit | outcome |
|---|---|
| 0 | verified |
| 1 | failed, \`passport_not_found\`, not retryable |
| 2 | requires_action, \`date_of_birth_mismatch\`; a retry with a different \`date_of_birth\` is verified |
| 3 | provider unavailable on the first two attempts, then verified |
| 4 | provider unavailable on every attempt → failed, retryable; a later retry is verified |
| 5 | never decides → expired at the deadline |
| 6–9 | verified after a short delay (answered on a later poll) |`;
