/**
 * Min-cost max-flow for cohort assignment, by successive shortest paths with potentials (Dijkstra
 * on a binary heap), on typed arrays.
 *
 * The network: source → each mentee (capacity 1) → each allowed mentor (capacity 1, cost BIG −
 * score) → sink (the mentor's capacity in this run). Every unit of flow crosses exactly one pair,
 * so a flow of k pairs costs k·BIG − (their total score): each shortest path adds one pair at the
 * least cost, and stopping when no path is left gives the most pairs, and among those the largest
 * total score. BIG exceeds every score, so every cost is positive and the first potentials are 0.
 *
 * Two things keep ten million pairs workable:
 * - Unassigned mentees all sit at distance 0 from the source (their potential stays 0), so rather
 *   than scanning their pairs each round, every mentor starts the search at its best unassigned
 *   mentee: a pointer into the mentor's pairs sorted best first, which only moves forward because
 *   an assigned mentee never becomes unassigned again.
 * - The search stops when it reaches the sink; nodes it did not settle take the sink's distance as
 *   their potential change, which keeps every reduced cost non-negative.
 */

export type FlowInput = {
	menteeCount: number
	mentorCount: number
	/** Each mentor's capacity in this run. */
	capacity: Int32Array
	/** Mentee i's pairs are edges rowStart[i] .. rowStart[i + 1] - 1. */
	rowStart: Int32Array
	edgeMentor: Int32Array
	edgeScore: Uint16Array
	/** More than every score. */
	big: number
	onProgress?: (fraction: number) => void
}

/** Each mentee's mentor index, or -1. */
export function solveMinCostFlow(input: FlowInput): Int32Array {
	const { menteeCount: n, mentorCount: m, capacity, rowStart, edgeMentor, edgeScore, big } = input
	const edges = rowStart[n]!

	// Each mentor's pairs, best score first, ties by mentee index.
	const colStart = new Int32Array(m + 1)
	for (let e = 0; e < edges; e++) colStart[edgeMentor[e]! + 1]!++
	for (let j = 0; j < m; j++) colStart[j + 1]! += colStart[j]!
	const colMentee = new Int32Array(edges)
	const colScore = new Uint16Array(edges)
	{
		const order = edgesBestFirst(rowStart, edgeScore, n)
		const fill = colStart.slice(0, m)
		const menteeOfEdge = new Int32Array(edges)
		for (let i = 0; i < n; i++) menteeOfEdge.fill(i, rowStart[i]!, rowStart[i + 1]!)
		for (let k = 0; k < edges; k++) {
			const e = order[k]!
			const at = fill[edgeMentor[e]!]!++
			colMentee[at] = menteeOfEdge[e]!
			colScore[at] = edgeScore[e]!
		}
	}
	const next = colStart.slice(0, m) // each mentor's first pair whose mentee may still be unassigned
	// Each mentee's pairs best first too, so a scan can stop where no pair left could beat the sink.
	const rowMentor = new Int32Array(edges)
	const rowScore = new Uint16Array(edges)
	{
		const fill = rowStart.slice(0, n)
		for (let j = 0; j < m; j++)
			for (let k = colStart[j]!; k < colStart[j + 1]!; k++) {
				const i = colMentee[k]!
				rowMentor[fill[i]!] = j
				rowScore[fill[i]!++] = colScore[k]!
			}
		// Mentor by mentor fills each row in mentor order; sort each row by score, best first.
		const order = edgesBestFirst(rowStart, rowScore, n)
		const fillAgain = rowStart.slice(0, n)
		const sortedMentor = new Int32Array(edges)
		const sortedScore = new Uint16Array(edges)
		const menteeOfEdge = new Int32Array(edges)
		for (let i = 0; i < n; i++) menteeOfEdge.fill(i, rowStart[i]!, rowStart[i + 1]!)
		for (let k = 0; k < edges; k++) {
			const e = order[k]!
			const at = fillAgain[menteeOfEdge[e]!]!++
			sortedMentor[at] = rowMentor[e]!
			sortedScore[at] = rowScore[e]!
		}
		rowMentor.set(sortedMentor)
		rowScore.set(sortedScore)
	}
	let mostPotential = 0 // the largest mentor potential: a bound on every reduced cost into a mentor

	// Nodes: mentors 0..m-1, mentees m..m+n-1, the sink m+n.
	const sink = m + n
	const nodes = sink + 1
	const potential = new Float64Array(nodes)
	const dist = new Float64Array(nodes)
	const settledIn = new Int32Array(nodes)
	const reachedIn = new Int32Array(nodes)
	const predMentee = new Int32Array(m) // the mentee each mentor was reached from
	const predScore = new Int32Array(m)
	let sinkFrom = -1

	const mentorOf = new Int32Array(n).fill(-1)
	const pairScore = new Int32Array(n)
	const load = new Int32Array(m)
	// Each mentor's assigned mentees as a doubly linked list.
	const head = new Int32Array(m).fill(-1)
	const after = new Int32Array(n).fill(-1)
	const before = new Int32Array(n).fill(-1)
	const heap = new BinaryHeap(nodes, dist)

	let totalCapacity = 0
	for (let j = 0; j < m; j++) totalCapacity += capacity[j]!
	let withPairs = 0
	for (let i = 0; i < n; i++) if (rowStart[i + 1]! > rowStart[i]!) withPairs++
	const most = Math.min(totalCapacity, withPairs)
	let flow = 0
	let reported = 0
	input.onProgress?.(0)

	for (let round = 1; flow < most; round++) {
		heap.clear()
		const reach = (v: number, d: number) => {
			if (reachedIn[v] !== round) {
				reachedIn[v] = round
				dist[v] = d
				heap.push(v)
			} else if (d < dist[v]!) {
				dist[v] = d
				heap.decrease(v)
			}
		}
		for (let j = 0; j < m; j++) {
			let k = next[j]!
			while (k < colStart[j + 1]! && mentorOf[colMentee[k]!] !== -1) k++
			next[j] = k
			if (k === colStart[j + 1]) continue
			predMentee[j] = colMentee[k]!
			predScore[j] = colScore[k]!
			reach(j, big - colScore[k]! - potential[j]!)
		}
		let found = false
		while (heap.size > 0) {
			const v = heap.pop()
			settledIn[v] = round
			const dv = dist[v]!
			if (v === sink) {
				found = true
				break
			}
			if (v < m) {
				if (load[v]! < capacity[v]!) {
					const d = dv + potential[v]! - potential[sink]!
					if (reachedIn[sink] !== round || d < dist[sink]!) sinkFrom = v
					reach(sink, d)
				}
				for (let i = head[v]!; i !== -1; i = after[i]!) {
					const node = m + i
					if (settledIn[node] === round) continue
					reach(node, dv - (big - pairScore[i]!) + potential[v]! - potential[node]!)
				}
			} else {
				const i = v - m
				const own = mentorOf[i]!
				const base = dv + potential[v]!
				// A pair reached at or beyond the sink's distance is never settled before the sink.
				const stop = reachedIn[sink] === round ? dist[sink]! - (base + big - mostPotential) : Infinity
				for (let e = rowStart[i]!, end = rowStart[i + 1]!; e < end; e++) {
					const score = rowScore[e]!
					if (-score >= stop) break
					const j = rowMentor[e]!
					if (j === own || settledIn[j] === round) continue
					const d = base + big - score - potential[j]!
					if (reachedIn[j] !== round || d < dist[j]!) {
						predMentee[j] = i
						predScore[j] = score
						reach(j, d)
					}
				}
			}
		}
		if (!found) break

		const toSink = dist[sink]!
		for (let v = 0; v < sink; v++) {
			if (v >= m && mentorOf[v - m] === -1) continue // unassigned mentees stay at 0
			potential[v]! += settledIn[v] === round ? dist[v]! : toSink
		}
		potential[sink]! += toSink
		mostPotential = -Infinity
		for (let j = 0; j < m; j++) if (potential[j]! > mostPotential) mostPotential = potential[j]!

		// Augment along the path back from the sink: each mentee on it moves to the mentor after it.
		let j = sinkFrom
		load[j]!++
		for (;;) {
			const i = predMentee[j]!
			const from = mentorOf[i]!
			if (from !== -1) unlink(i, from)
			mentorOf[i] = j
			pairScore[i] = predScore[j]!
			link(i, j)
			if (from === -1) break
			j = from
		}
		flow++
		if (input.onProgress && flow / most - reported >= 0.01) input.onProgress((reported = flow / most))
	}
	input.onProgress?.(1)
	return mentorOf

	function link(i: number, j: number) {
		before[i] = -1
		after[i] = head[j]!
		if (head[j]! !== -1) before[head[j]!] = i
		head[j] = i
	}
	function unlink(i: number, j: number) {
		if (before[i]! !== -1) after[before[i]!] = after[i]!
		else head[j] = after[i]!
		if (after[i]! !== -1) before[after[i]!] = before[i]!
	}
}

/** Edge indices by score, best first; ties keep edge order (mentee, then mentor). A counting sort. */
export function edgesBestFirst(rowStart: Int32Array, edgeScore: Uint16Array, n: number): Int32Array {
	const edges = rowStart[n]!
	let top = 0
	for (let e = 0; e < edges; e++) if (edgeScore[e]! > top) top = edgeScore[e]!
	const start = new Int32Array(top + 2)
	for (let e = 0; e < edges; e++) start[top - edgeScore[e]! + 1]!++
	for (let s = 0; s <= top; s++) start[s + 1]! += start[s]!
	const order = new Int32Array(edges)
	for (let e = 0; e < edges; e++) order[start[top - edgeScore[e]!]!++] = e
	return order
}

/** A binary min-heap of node numbers keyed by `key[node]`, with decrease-key. */
class BinaryHeap {
	private readonly items: Int32Array
	private readonly position: Int32Array
	size = 0
	constructor(
		capacity: number,
		private readonly key: Float64Array,
	) {
		this.items = new Int32Array(capacity)
		this.position = new Int32Array(capacity).fill(-1)
	}
	clear() {
		for (let k = 0; k < this.size; k++) this.position[this.items[k]!] = -1
		this.size = 0
	}
	push(node: number) {
		this.items[this.size] = node
		this.position[node] = this.size
		this.up(this.size++)
	}
	decrease(node: number) {
		this.up(this.position[node]!)
	}
	pop(): number {
		const top = this.items[0]!
		this.position[top] = -1
		const last = this.items[--this.size]!
		if (this.size > 0) {
			this.items[0] = last
			this.position[last] = 0
			this.down(0)
		}
		return top
	}
	private up(at: number) {
		const { items, position, key } = this
		const node = items[at]!
		const k = key[node]!
		while (at > 0) {
			const parent = (at - 1) >> 1
			const other = items[parent]!
			if (key[other]! <= k) break
			items[at] = other
			position[other] = at
			at = parent
		}
		items[at] = node
		position[node] = at
	}
	private down(at: number) {
		const { items, position, key, size } = this
		const node = items[at]!
		const k = key[node]!
		for (;;) {
			let child = 2 * at + 1
			if (child >= size) break
			if (child + 1 < size && key[items[child + 1]!]! < key[items[child]!]!) child++
			const other = items[child]!
			if (key[other]! >= k) break
			items[at] = other
			position[other] = at
			at = child
		}
		items[at] = node
		position[node] = at
	}
}
