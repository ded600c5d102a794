/**
 * Min-cost max-flow for cohort assignment, by successive shortest paths with potentials (Dijkstra),
 * on typed arrays.
 *
 * The network: source → each mentee (capacity 1) → each allowed mentor (capacity 1, cost BIG −
 * score) → sink (the mentor's capacity in this run). Every unit of flow crosses exactly one pair,
 * so a flow of k pairs costs k·BIG − (their total score): each shortest path adds one pair at the
 * least cost, and stopping when no path is left gives the most pairs, and among those the largest
 * total score. BIG exceeds every score, so every cost is positive and the first potentials are 0.
 *
 * What makes ten million pairs quick is that the search runs over mentors only:
 * - An assigned mentee is reached only from its own mentor, along its pair, whose reduced cost is 0
 *   (it lay on a shortest path); so a mentee's potential is its mentor's less the pair's cost, and
 *   moving mentee i from mentor a to mentor b costs (score(i, a) − score(i, b)) + h(a) − h(b) in
 *   reduced terms. The best such move from a to b, W[a][b] = min over a's mentees of score(i, a) −
 *   score(i, b), does not depend on the potentials: it is kept in an m × m table and recomputed
 *   only for the mentors an augmenting path changes. A search is then Dijkstra on m + 1 nodes
 *   with dense rows, whatever the number of mentees.
 * - Unassigned mentees all sit at distance 0 from the source (their potential stays 0), so every
 *   mentor starts the search at its best unassigned mentee: a pointer into the mentor's pairs
 *   sorted best first, which only moves forward because an assigned mentee never becomes
 *   unassigned again.
 * - The search stops once past the sink's distance; nodes it did not settle take the sink's
 *   distance as their potential change, which keeps every reduced cost non-negative.
 * - The table takes m² × 2 bytes: 2 MB for 1,000 mentors, 200 MB for 10,000.
 * - Scores are whole numbers, so many paths tie: after each search, every further path whose
 *   reduced costs are all 0 is as short as the one found and is taken too (a depth-first walk over
 *   the mentors no farther than the sink, since distances never shrink), before the next search.
 *   The 10,000 × 1,000 benchmark needs about 430 searches for its 6,036 pairs.
 */

export type FlowInput = {
	menteeCount: number
	mentorCount: number
	/** Each mentor's capacity in this run. */
	capacity: Int32Array
	/** Mentee i's pairs are edges rowStart[i] .. rowStart[i + 1] - 1, in increasing mentor order. */
	rowStart: Int32Array
	edgeMentor: Int32Array
	edgeScore: Uint16Array
	/** More than every score. */
	big: number
	onProgress?: (fraction: number) => void
}

const NONE = 0x7fff // no move between two mentors (W fits in 16 bits: scores are below 2^14)

/** Each mentee's mentor index, or -1. */
export function solveMinCostFlow(input: FlowInput): Int32Array {
	const { menteeCount: n, mentorCount: m, capacity, rowStart, edgeMentor, edgeScore, big } = input
	const edges = rowStart[n]!

	// Each mentor's pairs, best score first, ties by mentee index: spread by mentor in mentee order,
	// then each mentor's run sorted by score (counting, so stable).
	const colStart = new Int32Array(m + 1)
	for (let e = 0; e < edges; e++) colStart[edgeMentor[e]! + 1]!++
	for (let j = 0; j < m; j++) colStart[j + 1]! += colStart[j]!
	const colMentee = new Int32Array(edges)
	const colScore = new Uint16Array(edges)
	{
		const fill = colStart.slice(0, m)
		for (let i = 0; i < n; i++)
			for (let e = rowStart[i]!, end = rowStart[i + 1]!; e < end; e++) {
				const at = fill[edgeMentor[e]!]!++
				colMentee[at] = i
				colScore[at] = edgeScore[e]!
			}
		let top = 0
		for (let e = 0; e < edges; e++) if (edgeScore[e]! > top) top = edgeScore[e]!
		const bucket = new Int32Array(top + 2)
		let longest = 0
		for (let j = 0; j < m; j++) longest = Math.max(longest, colStart[j + 1]! - colStart[j]!)
		const menteeOut = new Int32Array(longest)
		const scoreOut = new Uint16Array(longest)
		for (let j = 0; j < m; j++) {
			const from = colStart[j]!
			const to = colStart[j + 1]!
			bucket.fill(0)
			for (let k = from; k < to; k++) bucket[top - colScore[k]! + 1]!++
			for (let v = 0; v <= top; v++) bucket[v + 1]! += bucket[v]!
			for (let k = from; k < to; k++) {
				const at = bucket[top - colScore[k]!]!++
				menteeOut[at] = colMentee[k]!
				scoreOut[at] = colScore[k]!
			}
			colMentee.set(menteeOut.subarray(0, to - from), from)
			colScore.set(scoreOut.subarray(0, to - from), from)
		}
	}
	const next = colStart.slice(0, m) // each mentor's first pair whose mentee may still be unassigned

	// Nodes: mentors 0..m-1, the sink m.
	const sink = m
	const potential = new Float64Array(m + 1)
	const dist = new Float64Array(m + 1)
	const settledIn = new Int32Array(m + 1)
	const pred = new Int32Array(m) // the mentor each mentor was reached from, or -1: from its best unassigned mentee
	let sinkFrom = -1

	const mentorOf = new Int32Array(n).fill(-1)
	const pairScore = new Int32Array(n)
	const load = new Int32Array(m)
	// Each mentor's assigned mentees as a doubly linked list.
	const head = new Int32Array(m).fill(-1)
	const after = new Int32Array(n).fill(-1)
	const before = new Int32Array(n).fill(-1)
	// move[a * m + b]: the least score(i, a) − score(i, b) over mentor a's mentees i paired with b.
	const move = new Int16Array(m * m).fill(NONE)

	let totalCapacity = 0
	for (let j = 0; j < m; j++) totalCapacity += capacity[j]!
	let withPairs = 0
	for (let i = 0; i < n; i++) if (rowStart[i + 1]! > rowStart[i]!) withPairs++
	const most = Math.min(totalCapacity, withPairs)
	let flow = 0
	let reported = 0
	input.onProgress?.(0)

	const heap = new BinaryHeap(m + 1, dist)
	// Per search, what a path into each mentor must beat, before potentials: its distance plus its
	// potential once reached, -Infinity once settled, Infinity before.
	const limit = new Float64Array(m + 1)
	const reachedIn = new Int32Array(m + 1)
	const deadIn = new Int32Array(m) // no tight path to the sink from this mentor, in this phase
	const onPath = new Uint8Array(m)
	const scanAt = new Int32Array(m)
	const near = new Int32Array(m)
	let nearCount = 0
	const path: number[] = []
	const movers: number[] = []
	let round = 0
	while (flow < most) {
		round++
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
			const k = bestUnassigned(j)
			if (k === -1) {
				limit[j] = Infinity
				continue
			}
			pred[j] = -1
			limit[j] = big - colScore[k]!
			reach(j, big - colScore[k]! - potential[j]!)
		}
		let found = false
		while (heap.size > 0) {
			// Past the sink, only the mentors exactly as far still come out: the search for tied paths needs them.
			if (found && dist[heap.peek()]! > dist[sink]!) break
			const v = heap.pop()
			settledIn[v] = round
			limit[v] = -Infinity
			const dv = dist[v]!
			if (v === sink) {
				found = true
				continue
			}
			if (load[v]! < capacity[v]! && !found) {
				const d = dv + potential[v]! - potential[sink]!
				if (reachedIn[sink] !== round || d < dist[sink]!) sinkFrom = v
				reach(sink, d)
			}
			if (head[v] === -1) continue
			const base = dv + potential[v]!
			const bound = reachedIn[sink] === round ? dist[sink]! : Infinity
			// The tightest loop of the solver: one comparison against `limit` rules out most mentors.
			for (let b = 0, row = v * m; b < m; b++) {
				const w = move[row + b]!
				const t = base + w
				if (t >= limit[b]! || w === NONE) continue
				const d = t - potential[b]!
				if (d > bound) continue
				limit[b] = t
				pred[b] = v
				reach(b, d)
			}
		}
		if (!found) break

		const toSink = dist[sink]!
		// Only a mentor at most the sink's distance away can lie on a path as short (distances never
		// shrink as paths are taken), so the search for more of them looks at those alone.
		nearCount = 0
		for (let j = 0; j < m; j++) {
			if (settledIn[j] === round) near[nearCount++] = j
			potential[j]! += settledIn[j] === round ? dist[j]! : toSink
		}
		potential[sink]! += toSink

		// The path back from the sink, and who moves along each step.
		path.length = 0
		for (let b = sinkFrom; b !== -1; b = pred[b]!) path.push(b)
		path.reverse()
		augment()
		// Every path whose reduced costs are all 0 is as short as this one: take those too before searching again.
		for (let k = 0; k < nearCount && flow < most; k++) {
			const j = near[k]!
			while (flow < most && deadIn[j] !== round && tightFromSource(j) && tightPathFrom(j)) augment()
		}
	}
	input.onProgress?.(1)
	return mentorOf

	/** Moves the mentees along `path` (mentors from the source's side to the sink's): one more pair. */
	function augment() {
		movers.length = 0
		movers.push(colMentee[bestUnassigned(path[0]!)]!)
		for (let k = 1; k < path.length; k++) movers.push(moverBetween(path[k - 1]!, path[k]!))
		load[path[path.length - 1]!]!++
		for (let k = 0; k < path.length; k++) {
			const b = path[k]!
			const i = movers[k]!
			const from = mentorOf[i]!
			if (from !== -1) unlink(i, from)
			mentorOf[i] = b
			pairScore[i] = scoreOf(i, b)
			link(i, b)
		}
		for (const b of path) refreshMoves(b)
		flow++
		if (input.onProgress && flow / most - reported >= 0.01) input.onProgress((reported = flow / most))
	}
	/** Mentor j's first pair (best first) whose mentee is unassigned, or -1. */
	function bestUnassigned(j: number): number {
		let k = next[j]!
		const end = colStart[j + 1]!
		while (k < end && mentorOf[colMentee[k]!] !== -1) k++
		next[j] = k
		return k === end ? -1 : k
	}
	function tightFromSource(j: number): boolean {
		const k = bestUnassigned(j)
		return k !== -1 && big - colScore[k]! - potential[j]! === 0
	}
	/** A path of reduced cost 0 from mentor `start` to the sink, into `path`; marks the mentors that have none. */
	function tightPathFrom(start: number): boolean {
		path.length = 0
		path.push(start)
		onPath[start] = 1
		scanAt[start] = 0
		let ok = false
		while (path.length > 0) {
			const x = path[path.length - 1]!
			if (load[x]! < capacity[x]! && potential[x]! === potential[sink]!) {
				ok = true
				break
			}
			let k = scanAt[x]!
			const row = x * m
			const hx = potential[x]!
			let c = -1
			for (; k < nearCount; k++) {
				c = near[k]!
				const w = move[row + c]!
				if (w + hx - potential[c]! === 0 && w !== NONE && !onPath[c] && deadIn[c] !== round) break
			}
			if (k < nearCount) {
				scanAt[x] = k + 1
				path.push(c)
				onPath[c] = 1
				scanAt[c] = 0
			} else {
				deadIn[x] = round
				onPath[x] = 0
				path.pop()
			}
		}
		for (const x of path) onPath[x] = 0
		return ok
	}

	function scoreOf(i: number, j: number): number {
		let lo = rowStart[i]!
		let hi = rowStart[i + 1]! - 1
		while (lo <= hi) {
			const mid = (lo + hi) >> 1
			const at = edgeMentor[mid]!
			if (at === j) return edgeScore[mid]!
			if (at < j) lo = mid + 1
			else hi = mid - 1
		}
		return -1
	}
	/** The mentee of mentor a whose move to b costs least (the smallest index among equals). */
	function moverBetween(a: number, b: number): number {
		let best = -1
		let bestCost = Infinity
		for (let i = head[a]!; i !== -1; i = after[i]!) {
			const s = scoreOf(i, b)
			if (s < 0) continue
			const cost = pairScore[i]! - s
			if (cost < bestCost || (cost === bestCost && i < best)) {
				best = i
				bestCost = cost
			}
		}
		return best
	}
	function refreshMoves(a: number) {
		const row = a * m
		move.fill(NONE, row, row + m)
		for (let i = head[a]!; i !== -1; i = after[i]!) {
			const own = pairScore[i]!
			for (let e = rowStart[i]!, end = rowStart[i + 1]!; e < end; e++) {
				const b = edgeMentor[e]!
				const w = own - edgeScore[e]!
				if (w < move[row + b]! && b !== a) move[row + b] = w
			}
		}
	}
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
	peek(): number {
		return this.items[0]!
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
