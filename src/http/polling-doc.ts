import { KEY_CACHE_TTL_MS } from "../auth/api-keys";
import { API_RATE_POLICIES } from "./middleware/limits";

const perSecond = (p: { limit: number; windowSeconds: number }) => p.limit / p.windowSeconds;
const { live, test } = API_RATE_POLICIES;

/** Limits, conditional GET and read consistency, as published in the OpenAPI description (and in docs/partners.md, "Limits"). */
export const POLLING_DOC = `## Polling, limits and consistency
- **Rate limits** per API key: live mode ${live.limit} requests per ${live.windowSeconds} s (${perSecond(live)}/s), test mode ${test.limit} per ${test.windowSeconds} s (${perSecond(test)}/s), counted per Cloudflare location. Every authenticated answer carries \`RateLimit-Policy\` (e.g. \`"live";q=${live.limit};w=${live.windowSeconds}\`); a \`429\` also carries \`RateLimit: "live";r=0;t=${live.windowSeconds}\` and \`Retry-After\`. To follow many verifications, use webhooks or the event feed (\`GET /api/events\`: every change, in one request) rather than polling each one.
- **Conditional GET**: every \`GET\` under \`/api\` answers with a weak \`ETag\`; send it back as \`If-None-Match\` and an unchanged resource answers \`304\` with no body.
- **Read-your-writes**: reads may come from a nearby D1 read replica a moment behind. An answer that used the database carries \`Consistency-Bookmark\`; send it on a later \`GET\` to read at least that state. A verification itself (\`GET /api/verifications/{id}\`) is always current.
- **Key revocation** takes effect within ${KEY_CACHE_TTL_MS / 1000} s everywhere.`;
