import { Writable } from 'node:stream'
import { writeReadableStreamToWritable } from '@remix-run/node'
import { describe, expect, test } from 'vitest'

/**
 * How Remix writes a streamed body to Node's response (patches/@remix-run+node): it waits for the
 * socket to drain before it reads more, and stops reading, cancelling the stream, once the
 * response closes. Without it a slow client would have the whole of a CSV export buffered in
 * memory, and one who left would have it read to the end for nobody.
 */

/** A pull stream of `count` chunks that counts how many were asked for. */
function counted(count: number) {
	const seen = { pulled: 0, cancelled: false }
	const stream = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				seen.pulled += 1
				if (seen.pulled > count) controller.close()
				else controller.enqueue(new Uint8Array(1024))
			},
			cancel() {
				seen.cancelled = true
			},
		},
		{ highWaterMark: 1 },
	)
	return { stream, seen }
}

describe('writing a streamed body', () => {
	test('a writable that is slow to drain is not run ahead of', async () => {
		const { stream, seen } = counted(1000)
		let written = 0
		const slow = new Writable({
			highWaterMark: 2048,
			write(_chunk, _encoding, done) {
				written += 1
				setTimeout(done, 1)
			},
		})
		const writing = writeReadableStreamToWritable(stream, slow)
		await new Promise((r) => setTimeout(r, 50))
		// Only a few chunks beyond what was written: the stream waits for the writable.
		expect(seen.pulled - written).toBeLessThan(6)
		await writing
		expect(seen.pulled).toBe(1001)
	})

	test('a response closed midway cancels the stream and reads no more of it', async () => {
		const { stream, seen } = counted(1_000_000)
		const sink = new Writable({
			highWaterMark: 2048,
			write(_chunk, _encoding, done) {
				setTimeout(done, 1)
			},
		})
		const writing = writeReadableStreamToWritable(stream, sink)
		await new Promise((r) => setTimeout(r, 30))
		sink.destroy()
		await writing
		const pulled = seen.pulled
		await new Promise((r) => setTimeout(r, 30))
		expect(seen.cancelled).toBe(true)
		expect(seen.pulled).toBe(pulled)
		expect(pulled).toBeLessThan(1000)
	})
})
