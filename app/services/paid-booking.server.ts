import { availableCredits } from '../rules/money'
import { listMenteeBundles } from './bundles.server'
import { listMentorSlots } from './calendars.server'

/**
 * What the paid booking box on a mentor's public page shows: only to a mentee holding an active
 * bundle with that mentor that still has a credit, the mentor's paid slots over the next weeks.
 * Booking one reserves a credit of the oldest such bundle, the booking service's own default.
 */

const DAY = 24 * 60 * 60_000
export const PAID_DAYS_SHOWN = 21

export type PaidSlot = { start: string; end: string }

export type PaidBookingState = {
	slots: PaidSlot[]
	/** The bundle a booking draws on, with what is left on it. */
	bundle: { id: string; available: number; creditsTotal: number; sessionMinutes: number }
	/** Credits left over all the viewer's active bundles with this mentor. */
	available: number
	/** Booking waits until the viewer's email address is confirmed. */
	emailVerified: boolean
}

export async function getPaidBookingState(input: { mentorSlug: string; mentorId: string; viewer: { id: string; emailVerifiedAt: Date | null } | null; now: Date }): Promise<PaidBookingState | null> {
	const { viewer, now } = input
	if (!viewer || viewer.id === input.mentorId) return null
	const usable = (await listMenteeBundles(viewer.id, input.mentorId))
		.filter((b) => b.status === 'active' && availableCredits(b) > 0)
		// The booking service draws on the oldest bundle first; show that one.
		.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
	const first = usable[0]
	if (!first) return null
	const to = new Date(now.getTime() + PAID_DAYS_SHOWN * DAY)
	// A paid session lasts its bundle's length, whatever the calendar's slot length.
	const { slots } = await listMentorSlots({ mentorSlug: input.mentorSlug, type: 'paid', from: now, to, now, slotMinutes: first.sessionMinutes })
	return {
		slots: slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() })),
		bundle: { id: first.id, available: availableCredits(first), creditsTotal: first.creditsTotal, sessionMinutes: first.sessionMinutes },
		available: usable.reduce((sum, b) => sum + availableCredits(b), 0),
		emailVerified: viewer.emailVerifiedAt !== null,
	}
}
