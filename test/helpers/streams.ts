/** A body streamed in `chunkBytes` chunks up to `total` bytes (no Content-Length), counting how much was pulled. */
export function countedStream(total: number, chunkBytes = 16 * 1024) {
	const pulled = { bytes: 0 };
	const chunk = new Uint8Array(chunkBytes).fill(0x61);
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (pulled.bytes >= total) return controller.close();
			pulled.bytes += chunk.byteLength;
			controller.enqueue(chunk);
		},
	});
	return { body, pulled };
}
