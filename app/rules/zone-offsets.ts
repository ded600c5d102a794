/**
 * A zone's UTC offset at any instant without asking Intl each time: every offset look-up through
 * Luxon is an `Intl.DateTimeFormat.formatToParts` call, which made up most of the slot engine's
 * time. A zone's offsets change a few times a year, so its transitions are found once per 30-day
 * block (the offset read once a day, each change bisected to its minute) and kept; an offset is
 * then a look-up among a block's zero to two transitions.
 *
 * Like the slot engine this assumes no two changes within a day that cancel out, true of every
 * zone in the tz database today. Offsets change on whole minutes.
 */
import type { IANAZone } from 'luxon'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const BLOCK = 30 * DAY
/** Blocks kept over all zones before the cache starts again: a few years of every zone in use. */
const MAX_BLOCKS = 20_000

/** Offsets (minutes east of UTC) within one block: `offsets[i]` holds until `changes[i]`. */
type Block = { changes: number[]; offsets: number[] }

export type ZoneOffsets = {
	/** The zone's offset in minutes at instant `t` (epoch ms). */
	at(t: number): number
	/** The last instant in (lo, hi] at which the offset changes, or undefined when it does not. */
	lastChangeIn(lo: number, hi: number): number | undefined
}

const zones = new Map<string, Map<number, Block>>()
let blockCount = 0

/** The offsets of a valid IANA zone, shared by every caller. */
export function zoneOffsets(zone: IANAZone): ZoneOffsets {
	let blocks = zones.get(zone.name)
	if (!blocks) zones.set(zone.name, (blocks = new Map()))
	const known = blocks
	const blockOf = (index: number): Block => {
		let block = known.get(index)
		if (block) return block
		if (blockCount >= MAX_BLOCKS) {
			for (const other of zones.values()) other.clear()
			blockCount = 0
		}
		block = readBlock(zone, index * BLOCK)
		known.set(index, block)
		blockCount++
		return block
	}
	return {
		at(t) {
			const { changes, offsets } = blockOf(Math.floor(t / BLOCK))
			let i = 0
			while (i < changes.length && t >= changes[i]!) i++
			return offsets[i]!
		},
		lastChangeIn(lo, hi) {
			let last: number | undefined
			for (let index = Math.floor(lo / BLOCK); index <= Math.floor(hi / BLOCK); index++) {
				for (const change of blockOf(index).changes) if (change > lo && change <= hi) last = change
			}
			return last
		},
	}
}

function readBlock(zone: IANAZone, start: number): Block {
	const changes: number[] = []
	const offsets = [zone.offset(start)]
	let previous = offsets[0]!
	for (let day = start + DAY; day <= start + BLOCK; day += DAY) {
		const offset = zone.offset(day)
		if (offset === previous) continue
		// The first whole minute on the new offset: changes on the block's last edge belong to the next block.
		const change = firstMinuteOn(zone, day - DAY, day, offset)
		if (change < start + BLOCK) {
			changes.push(change)
			offsets.push(offset)
		}
		previous = offset
	}
	return { changes, offsets }
}

function firstMinuteOn(zone: IANAZone, lo: number, hi: number, offset: number): number {
	while (hi - lo > MINUTE) {
		const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE
		if (zone.offset(mid) === offset) hi = mid
		else lo = mid
	}
	return hi
}
