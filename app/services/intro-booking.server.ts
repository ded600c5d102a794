import { getDb } from '../../db/client'
import * as rules from '../rules/booking-rules'
import { findTies } from './booking.server'
import { listMentorSlots } from './calendars.server'
import { countQuotaIntros, findIntroInProgress, type SessionItem } from './my-sessions.server'

/**
 * What the booking box on a mentor's public page shows: the next two weeks of intro slots, and,
 * before anyone fills in a form, the reason they cannot book when the booking service would refuse.
 */

const DAY = 24 * 60 * 60_000
export const INTRO_DAYS_SHOWN = 14

export type IntroSlot = { start: string; end: string }

export type IntroBookingState = {
	slots: IntroSlot[]
	/** Months ('YYYY-MM', the mentee's zone) in which the viewer has used the whole intro quota; their slots are left out. */
	fullMonths: string[]
	blocker:
		| null
		| { reason: 'logged_out' }
		| { reason: 'own_profile' }
		| { reason: 'not_mentee' }
		| { reason: 'email_unverified' }
		| { reason: 'intro_in_progress'; session: SessionItem }
		| { reason: 'already_related'; message: string }
		| { reason: 'quota_used'; months: string[] }
}

type Viewer = { id: string; timeZone: string; isMentee: boolean; emailVerifiedAt: Date | null } | null

export async function getIntroBookingState(input: { mentorSlug: string; viewer: Viewer; now: Date }): Promise<IntroBookingState> {
	const { now, viewer } = input
	// The last slot of the fourteenth day ends 20 minutes after it starts.
	const to = new Date(now.getTime() + INTRO_DAYS_SHOWN * DAY + rules.INTRO_MINUTES * 60_000)
	const { mentor, slots } = await listMentorSlots({ mentorSlug: input.mentorSlug, type: 'intro', from: now, to, now })
	const all = slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() }))
	if (!viewer) return { slots: all, fullMonths: [], blocker: { reason: 'logged_out' } }
	if (viewer.id === mentor.id) return { slots: all, fullMonths: [], blocker: { reason: 'own_profile' } }
	const booker = rules.checkBooker(viewer)
	if (!booker.ok) return { slots: all, fullMonths: [], blocker: { reason: booker.code === 'email_not_verified' ? 'email_unverified' : 'not_mentee' } }

	const inProgress = await findIntroInProgress(viewer.id, mentor.id, now)
	if (inProgress) return { slots: all, fullMonths: [], blocker: { reason: 'intro_in_progress', session: inProgress } }
	const related = rules.checkNotAlreadyRelated(await findTies(getDb(), viewer.id, mentor.id))
	if (!related.ok) return { slots: [], fullMonths: [], blocker: { reason: 'already_related', message: related.message } }

	// "month of the session's start, in the mentee's time zone"
	const monthOf = (iso: string) => rules.quotaMonth(new Date(iso), viewer.timeZone)
	const months = [...new Set(all.map((s) => monthOf(s.start)))]
	const counts = await countQuotaIntros(viewer.id, months)
	const fullMonths = months.filter((m) => !rules.checkIntroQuota(counts.get(m) ?? 0).ok)
	const open = all.filter((s) => !fullMonths.includes(monthOf(s.start)))
	if (all.length > 0 && open.length === 0) return { slots: [], fullMonths, blocker: { reason: 'quota_used', months: fullMonths } }
	return { slots: open, fullMonths, blocker: null }
}
