import { aliasedTable, and, asc, eq, inArray, type SQL } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { mentorProfiles, sessions, users, type IntroForm, type SessionStatus, type SessionType } from '../../db/schema'
import { effectiveMeetingLocation, visibleMeetingLocation } from '../rules/meeting-location'
import { DomainError } from '../utils/errors'
import { bookIntroAtSlot, bookPaidAtSlot, findMentorBySlug } from './calendars.server'
import { calendarMeetingLocation } from './meeting-locations.server'

/** Sessions as the JSON API shows them: who is on each side, by name, instead of bare ids. */
export type BookingView = {
	id: string
	type: SessionType
	status: SessionStatus
	start: string
	end: string
	mentor: { id: string; name: string; slug: string | null }
	mentee: { id: string; name: string }
	introForm?: IntroForm
	rejectionReason?: string
	bundleId?: string
	agenda?: string
	/** Where it happens (its own location, else its calendar's); null when none, or before the mentee may see it. */
	meetingLocation: string | null
	/** A disputed "mentee did not show": when, the mentee's note, and the admin's decision once made. */
	dispute?: { disputedAt: string; note: string; decision: 'upheld' | 'overturned' | null }
	createdAt: string
}

const mentors = aliasedTable(users, 'mentor')
const mentees = aliasedTable(users, 'mentee')

/** `viewerId`: whose answer this is; the mentee learns the location once the session is booked. */
async function loadViews(where: SQL | undefined, viewerId: string): Promise<BookingView[]> {
	const rows = await getDb()
		.select({
			session: sessions,
			mentor: { id: mentors.id, name: mentors.name, slug: mentorProfiles.slug },
			mentee: { id: mentees.id, name: mentees.name },
			calendarLocation: calendarMeetingLocation,
		})
		.from(sessions)
		.innerJoin(mentors, eq(mentors.id, sessions.mentorId))
		.innerJoin(mentees, eq(mentees.id, sessions.menteeId))
		.leftJoin(mentorProfiles, eq(mentorProfiles.userId, sessions.mentorId))
		.where(where)
		.orderBy(asc(sessions.startsAt), asc(sessions.id))
	return rows.map(({ session: s, mentor, mentee, calendarLocation }) => ({
		id: s.id,
		type: s.type,
		status: s.status,
		start: s.startsAt.toISOString(),
		end: s.endsAt.toISOString(),
		mentor,
		mentee,
		...(s.introForm ? { introForm: s.introForm } : {}),
		...(s.rejectionReason ? { rejectionReason: s.rejectionReason } : {}),
		...(s.bundleId ? { bundleId: s.bundleId } : {}),
		...(s.agenda ? { agenda: s.agenda } : {}),
		meetingLocation: visibleMeetingLocation(
			effectiveMeetingLocation(s.meetingLocation, calendarLocation),
			viewerId === s.menteeId ? 'mentee' : 'mentor',
			s.status,
		),
		...(s.disputedAt ? { dispute: { disputedAt: s.disputedAt.toISOString(), note: s.disputeNote ?? '', decision: s.disputeDecision } } : {}),
		createdAt: s.createdAt.toISOString(),
	}))
}

/** One session as `viewerId` sees it (the mentee of a pending invitation without its location). */
export async function getBookingView(sessionId: string, viewerId: string): Promise<BookingView> {
	const [view] = await loadViews(eq(sessions.id, sessionId), viewerId)
	if (!view) throw new DomainError('not_found', 'That session does not exist.')
	return view
}

export type BookingRole = 'mentor' | 'mentee'

/** The caller's sessions on one side (as mentor or as mentee), optionally of some statuses, soonest first. */
export function listBookings(input: { userId: string; role: BookingRole; statuses?: SessionStatus[] }): Promise<BookingView[]> {
	const side = input.role === 'mentor' ? eq(sessions.mentorId, input.userId) : eq(sessions.menteeId, input.userId)
	return loadViews(input.statuses?.length ? and(side, inArray(sessions.status, input.statuses)) : side, input.userId)
}

export type BookAtSlotInput = {
	menteeId: string
	mentorSlug: string
	type: SessionType
	start: Date
	introForm?: unknown
	bundleId?: string
	now: Date
}

/** A mentee books a slot from a mentor's public calendar: an intro invitation, or a paid session. */
export async function bookAtSlot(input: BookAtSlotInput): Promise<BookingView> {
	const mentor = await findMentorBySlug(input.mentorSlug)
	const common = { menteeId: input.menteeId, mentorId: mentor.id, start: input.start, now: input.now }
	const session =
		input.type === 'intro'
			? await bookIntroAtSlot({ ...common, introForm: input.introForm })
			: await bookPaidAtSlot({ ...common, bundleId: input.bundleId })
	return getBookingView(session.id, input.menteeId)
}
