import { useState } from "preact/hooks";
import { type VerificationStatus } from "../api";
import { StatusBadge } from "../components/badges";
import { ErrorNotice } from "../components/notice";
import { Pager, usePager } from "../components/pager";
import { TableScroll } from "../components/table-scroll";
import { Time } from "../components/time";
import { label } from "../format";
import { useResource } from "../hooks";
import { html } from "../html";
import { hrefs } from "../router";
import { useSession } from "../session-context";
import { STATUSES } from "../states";
import { LiveToggle } from "./live-toggle";

const PAGE_SIZE = 20;
const POLL_MS = 3000;

/** Newest first, filtered by status and reference, paged by cursor, refreshed every few seconds. */
export function VerificationsList() {
	const { client, mode } = useSession();
	const [status, setStatus] = useState<VerificationStatus | "">("");
	const [reference, setReference] = useState("");
	const [draft, setDraft] = useState("");
	const [live, setLive] = useState(true);
	const filterKey = `${status}|${reference}`;
	const pager = usePager(filterKey);
	const list = useResource(
		() =>
			client.verifications.list({
				limit: PAGE_SIZE,
				status: status || undefined,
				reference: reference || undefined,
				starting_after: pager.cursor,
			}),
		`${filterKey}|${pager.cursor ?? ""}`,
		live ? POLL_MS : 0,
	);

	const search = (e: Event) => {
		e.preventDefault();
		setReference(draft.trim());
	};
	const clear = () => {
		setDraft("");
		setReference("");
		setStatus("");
	};

	return html`<h1>Verifications</h1>
		<form class="filters" role="search" aria-label="Filter verifications" onSubmit=${search}>
			<div class="field">
				<label for="filter-status">Status</label>
				<select id="filter-status" value=${status} onChange=${(e: Event) => setStatus((e.currentTarget as HTMLSelectElement).value as VerificationStatus | "")}>
					<option value="">Any status</option>
					${STATUSES.map((s) => html`<option value=${s}>${label(s)}</option>`)}
				</select>
			</div>
			<div class="field">
				<label for="filter-reference">Reference</label>
				<input id="filter-reference" type="search" value=${draft} placeholder="user_8812" onInput=${(e: Event) => setDraft((e.currentTarget as HTMLInputElement).value)} />
			</div>
			<div class="actions">
				<button type="submit">Search</button>
				<button type="button" class="secondary" onClick=${clear}>Clear</button>
			</div>
		</form>
		<${LiveToggle} id="live-verifications" live=${live} onToggle=${setLive} updatedAt=${list.updatedAt} everyMs=${POLL_MS} />
		<${ErrorNotice} error=${list.error} />
		${list.data === undefined && !list.error && html`<p class="muted" role="status">Loading…</p>`}
		${
			list.data &&
			(list.data.data.length === 0
				? html`<p class="empty">
						No verifications${status || reference ? " match these filters" : " yet"}.
						${mode === "test" && html` Create one on the <a href=${hrefs.test()}>Test mode</a> page.`}
					</p>`
				: html`<${TableScroll} label="Verifications, newest first"><table class="cards">
						<caption class="visually-hidden">Verifications, newest first</caption>
						<thead>
							<tr><th scope="col">Verification</th><th scope="col">Status</th><th scope="col">Version</th><th scope="col">Reference</th><th scope="col">Passport</th><th scope="col">Created</th><th scope="col">Updated</th></tr>
						</thead>
						<tbody>
							${list.data.data.map(
								(v) => html`<tr key=${v.id} data-id=${v.id}>
									<td data-label="Verification"><a class="mono" href=${hrefs.verification(v.id)}>${v.id}</a></td>
									<td data-label="Status"><${StatusBadge} status=${v.status} /></td>
									<td data-label="Version">${v.version}</td>
									<td data-label="Reference">${v.reference ?? html`<span class="muted">—</span>`}</td>
									<td data-label="Passport"><span class="mono">${v.passport.country ? `${v.passport.country} ` : ""}···${v.passport.last3}</span></td>
									<td data-label="Created"><${Time} iso=${v.created_at} /></td>
									<td data-label="Updated"><${Time} iso=${v.updated_at} /></td>
								</tr>`,
							)}
						</tbody>
					</table><//>`)
		}
		${
			list.data &&
			html`<${Pager} label="Verification pages" page=${pager.page} nextCursor=${list.data.has_more ? list.data.next_cursor : null} onNext=${pager.next} onPrevious=${pager.previous} />`
		}`;
}
