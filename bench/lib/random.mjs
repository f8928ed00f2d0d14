// @ts-check
// A small seeded PRNG, so a chaos run (when it kills, which outcomes in which order) can be replayed with --seed.

/**
 * mulberry32: 32-bit state, uniform floats in [0, 1). Not for cryptography; plenty for picking kill times.
 * @param {number} seed
 * @returns {() => number}
 */
export function seeded(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** A fresh seed when none is given: printed with the run so it can be repeated. */
export const randomSeed = () => Math.floor(Math.random() * 2 ** 31);
