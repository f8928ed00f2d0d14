/** The sandbox outcomes, as published in the OpenAPI description (and mirrored in docs/partners.md). */
export const SANDBOX_TABLE = `## Sandbox outcomes
Test keys (and live keys where \`PROVIDER=sandbox\`, outside production) use the sandbox, where the passport number's last digit decides:

| last digit | outcome |
|---|---|
| 0 | verified |
| 1 | failed, \`passport_not_found\`, not retryable |
| 2 | requires_action, \`date_of_birth_mismatch\`; a retry with a different \`date_of_birth\` is verified |
| 3 | provider unavailable on the first two attempts, then verified |
| 4 | provider unavailable on every attempt → failed, retryable; a later retry is verified |
| 5 | never decides → expired at the deadline |
| 6–9 | verified after a short delay (answered on a later poll) |

**Failover.** Test keys ask two sandboxes in turn, \`sandbox\` then \`sandbox_backup\`, applying the same table. A passport number starting with \`FAILOVER\` (e.g. \`FAILOVER0\`) makes \`sandbox\` unavailable, so \`sandbox_backup\` decides within the same attempt: the verification's \`provider\` is \`sandbox_backup\`, and its timeline shows the failed call to \`sandbox\`. Live keys ask the deployment's providers the same way (\`GET /api/provider-status\` lists them).`;
