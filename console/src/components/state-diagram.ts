import { type VerificationStatus } from "../api";
import { label } from "../format";
import { html } from "../html";

/**
 * The verification state machine as inline SVG, the current state marked and the path taken so far drawn solid:
 * a wide drawing for desktops and a tall one for phones (CSS shows one). Colours come from the stylesheet (CSP
 * allows no inline styles); the words carry the meaning for screen readers.
 */
type Point = { x: number; y: number };
type Layout = {
	width: number;
	height: number;
	nodes: Record<VerificationStatus, Point>;
	/** Each edge as a polyline, from the first state to the second. */
	edges: { from: VerificationStatus; to: VerificationStatus; points: Point[] }[];
	retry?: string;
};

const W = 150;
const H = 40;
const p = (x: number, y: number): Point => ({ x, y });

const WIDE: Layout = {
	width: 720,
	height: 260,
	nodes: {
		submitted: p(90, 112),
		processing: p(310, 112),
		verified: p(600, 30),
		failed: p(600, 85),
		requires_action: p(600, 140),
		expired: p(600, 195),
	},
	edges: [
		{ from: "submitted", to: "processing", points: [p(165, 112), p(235, 112)] },
		...(["verified", "failed", "requires_action", "expired"] as const).map((to, i) => ({
			from: "processing" as const,
			to,
			points: [p(385, 112), p(525, 30 + 55 * i)],
		})),
	],
	retry: "M 525 205 C 420 262, 170 262, 90 132",
};

const TALL: Layout = {
	width: 340,
	height: 300,
	nodes: {
		submitted: p(170, 25),
		processing: p(170, 105),
		verified: p(85, 190),
		failed: p(255, 190),
		requires_action: p(85, 265),
		expired: p(255, 265),
	},
	edges: [
		{ from: "submitted", to: "processing", points: [p(170, 45), p(170, 85)] },
		{ from: "processing", to: "verified", points: [p(140, 125), p(100, 170)] },
		{ from: "processing", to: "failed", points: [p(200, 125), p(240, 170)] },
		{ from: "processing", to: "requires_action", points: [p(95, 105), p(4, 105), p(4, 265), p(10, 265)] },
		{ from: "processing", to: "expired", points: [p(245, 105), p(336, 105), p(336, 265), p(330, 265)] },
	],
};

export interface DiagramProps {
	current: VerificationStatus;
	/** States this verification has been in. */
	visited: ReadonlySet<VerificationStatus>;
	/** Transitions it has made, as "from>to". */
	taken: ReadonlySet<string>;
}

export function StateDiagram(props: DiagramProps) {
	return html`<figure class="diagram">
		<${Drawing} layout=${WIDE} name="wide" ...${props} />
		<${Drawing} layout=${TALL} name="tall" ...${props} />
		<figcaption class="muted">
			Retry (<code>POST …/retry/</code>) moves <strong>failed</strong> (when retryable), <strong>requires action</strong>${" "}
			and <strong>expired</strong> back to <strong>submitted</strong>; verified and non-retryable failed are final.
		</figcaption>
	</figure>`;
}

function Drawing({ layout, name, current, visited, taken }: DiagramProps & { layout: Layout; name: string }) {
	const arrow = `arrow-${name}`;
	const titleId = `diagram-title-${name}`;
	const path = [...visited].map(label).join(", ");
	return html`<svg
		class=${`diagram-${name}`}
		viewBox=${`0 0 ${layout.width} ${layout.height}`}
		role="img"
		aria-labelledby=${titleId}
	>
		<title id=${titleId}>State diagram. Current state: ${label(current)}. Reached so far: ${path || label(current)}.</title>
		<defs>
			<marker id=${arrow} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">
				<path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
			</marker>
		</defs>
		${layout.edges.map(
			(e) =>
				html`<polyline
					class=${taken.has(`${e.from}>${e.to}`) ? "edge taken" : "edge"}
					points=${e.points.map((pt) => `${pt.x},${pt.y}`).join(" ")}
					marker-end=${`url(#${arrow})`}
				/>`,
		)}
		${layout.retry && html`<path class="edge retry" d=${layout.retry} marker-end=${`url(#${arrow})`} /><text class="edge-label" x="300" y="238">retry</text>`}
		${(Object.entries(layout.nodes) as [VerificationStatus, Point][]).map(([status, at]) => {
			const state = status === current ? "current" : visited.has(status) ? "visited" : "idle";
			return html`<g class=${`state ${state} state-${status}`} data-state=${status} data-current=${status === current ? "true" : undefined}>
				<rect x=${at.x - W / 2} y=${at.y - H / 2} width=${W} height=${H} rx="8" />
				<text x=${at.x} y=${at.y + 5} text-anchor="middle">${status === current ? `● ${label(status)}` : label(status)}</text>
			</g>`;
		})}
	</svg>`;
}
