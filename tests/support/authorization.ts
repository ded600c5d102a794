/**
 * People, resources and one request helper for the authorization matrix: every cell gets fresh
 * ones, so no cell can see (or spoil) another's.
 */
import { type AppLoadContext } from '@remix-run/node'
import { and, count, eq } from 'drizzle-orm'
import { getDb } from '../../db/client'
import {
	assignments,
	auditLog,
	availabilityCalendars,
	authSessions,
	bundleOffers,
	bundles,
	calendarFeeds,
	emailMutes,
	emailOutbox,
	engagementPeriods,
	goals,
	learningAssignments,
	messages,
	relationshipReads,
	menteeProfiles,
	mentorProfiles,
	payouts,
	profilePhotos,
	programmeCoordinators,
	programmes,
	refunds,
	registrations,
	relationshipFit,
	relationships,
	reportDigestSubscriptions,
	sessions,
	stripeAccounts,
	users,
	type Audience,
} from '../../db/schema'
import { createSession } from '../../app/services/auth-sessions.server'
import { startAssignment } from '../../app/services/assignments.server'
import { createOffer } from '../../app/services/bundle-offers.server'
import { listMentorSlots, saveCalendar } from '../../app/services/calendars.server'
import { runAssignmentJob } from '../../jobs/run-assignment'
import { uniqueEmail } from './factories'
import { programme, registration } from './programmes'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export type Person = { id: string; cookie: string; slug: string }

/** A person inserted directly (no password hashing: the matrix never logs in), with a session cookie. */
export async function person(kind: 'mentee' | 'mentor' | 'admin'): Promise<Person> {
	const db = getDb()
	const [user] = await db
		.insert(users)
		.values({
			email: uniqueEmail(kind),
			name: `A ${kind}`,
			timeZone: 'Europe/Berlin',
			passwordHash: 'not-a-real-hash',
			emailVerifiedAt: new Date(),
			isMentee: kind === 'mentee',
			isMentor: kind === 'mentor',
			isAdmin: kind === 'admin',
		})
		.returning({ id: users.id })
	const id = user!.id
	const slug = kind === 'mentor' ? `mentor-${id.slice(0, 8)}` : ''
	if (kind === 'mentor') await db.insert(mentorProfiles).values({ userId: id, slug })
	if (kind === 'mentee') await db.insert(menteeProfiles).values({ userId: id })
	const { token } = await createSession(id, new Date())
	return { id, cookie: `mentora_session=${token}`, slug }
}

const EVERY_DAY = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '08:00', end: '20:00' }))

/** A mentor whose calendar of `type` is open every day, and the first slot it offers. */
export async function mentorWithSlot(type: 'intro' | 'paid'): Promise<{ mentor: Person; start: string }> {
	const mentor = await person('mentor')
	const now = new Date()
	await saveCalendar(mentor.id, type, { timeZone: 'Europe/Berlin', weekly: EVERY_DAY, overrides: [], bufferMinutes: 0, slotMinutes: 60 }, now)
	const { slots } = await listMentorSlots({ mentorSlug: mentor.slug, type, from: now, to: new Date(now.getTime() + 14 * DAY), now, slotMinutes: type === 'paid' ? 60 : undefined })
	if (!slots[0]) throw new Error('the calendar offers no slot')
	return { mentor, start: slots[0].start.toISOString() }
}

/** An active bundle of four 60-minute sessions, as its verified webhook leaves it. */
export async function activeBundle(menteeId: string, mentorId: string) {
	const [bundle] = await getDb()
		.insert(bundles)
		.values({ mentorId, menteeId, status: 'active', sessionMinutes: 60, creditsTotal: 4, priceCents: 24_000, paidAt: new Date() })
		.returning()
	return bundle!
}

export const INTRO_FORM = { helpWith: 'Moving into product management', background: 'Support lead', goals: 'A plan for the year' }

type SessionState = 'pending' | 'scheduled' | 'awaiting_confirmation' | 'completed'

/** An intro between two fresh people: an invitation or a scheduled one five days ahead, or one that ended two hours ago. */
export async function introSession(status: SessionState) {
	const [mentor, mentee] = [await person('mentor'), await person('mentee')]
	const start = status === 'awaiting_confirmation' || status === 'completed' ? new Date(Date.now() - 2 * HOUR) : new Date(Date.now() + 5 * DAY)
	const [session] = await getDb()
		.insert(sessions)
		.values({
			mentorId: mentor.id,
			menteeId: mentee.id,
			type: 'intro',
			status,
			startsAt: start,
			endsAt: new Date(start.getTime() + 20 * 60_000),
			introForm: INTRO_FORM,
			quotaMonth: start.toISOString().slice(0, 7),
		})
		.returning()
	return { mentor, mentee, session: session! }
}

/** Everything a change to a session can write: the row, audit entries, a relationship opened by the decision. */
export async function sessionState(id: string) {
	const db = getDb()
	const [row] = await db.select().from(sessions).where(eq(sessions.id, id))
	const [audits] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.subjectId, id))
	const [opened] = await db
		.select({ n: count() })
		.from(relationships)
		.where(and(eq(relationships.mentorId, row!.mentorId), eq(relationships.menteeId, row!.menteeId)))
	return { row, audits: audits!.n, relationships: opened!.n }
}

export async function relationship(status: 'pending' | 'confirmed') {
	const [mentor, mentee] = [await person('mentor'), await person('mentee')]
	const now = new Date()
	const [row] = await getDb()
		.insert(relationships)
		// A pending one as a coordinator proposes it: neither side has answered yet.
		.values({ mentorId: mentor.id, menteeId: mentee.id, status, origin: 'admin', mentorConfirmedAt: status === 'confirmed' ? now : null, menteeConfirmedAt: status === 'confirmed' ? now : null })
		.returning()
	return { mentor, mentee, relationship: row! }
}

export async function relationshipState(id: string) {
	const [row] = await getDb().select().from(relationships).where(eq(relationships.id, id))
	const [audits] = await getDb().select({ n: count() }).from(auditLog).where(eq(auditLog.subjectId, id))
	return { row, audits: audits!.n }
}

/** A paid session that took place, whose payout gave up after its retries. */
export async function deadPayout() {
	const [mentor, mentee] = [await person('mentor'), await person('mentee')]
	const bundle = await activeBundle(mentee.id, mentor.id)
	const start = new Date(Date.now() - 3 * DAY)
	const [session] = await getDb()
		.insert(sessions)
		.values({ mentorId: mentor.id, menteeId: mentee.id, type: 'paid', status: 'completed', bundleId: bundle.id, startsAt: start, endsAt: new Date(start.getTime() + HOUR), quotaMonth: start.toISOString().slice(0, 7) })
		.returning({ id: sessions.id })
	const [payout] = await getDb()
		.insert(payouts)
		.values({ sessionId: session!.id, bundleId: bundle.id, mentorId: mentor.id, amountCents: 4_800, currency: 'eur', status: 'dead', attempts: 8, lastError: 'account closed' })
		.returning()
	return { mentor, mentee, payout: payout! }
}

export async function payoutState(id: string) {
	const [row] = await getDb().select().from(payouts).where(eq(payouts.id, id))
	const [audits] = await getDb().select({ n: count() }).from(auditLog).where(eq(auditLog.subjectId, id))
	return { status: row!.status, attempts: row!.attempts, audits: audits!.n }
}

export async function bundleState(id: string) {
	const [row] = await getDb().select().from(bundles).where(eq(bundles.id, id))
	const [refunded] = await getDb().select({ n: count() }).from(refunds).where(eq(refunds.bundleId, id))
	return { status: row!.status, creditsRefunded: row!.creditsRefunded, amountRefunded: row!.amountRefunded, refunds: refunded!.n }
}

export const OFFER_FIELDS = { sessionsCount: '5', sessionMinutes: '45', sessionPrice: '70', currency: 'eur', validityMonths: '' }

export async function mentorWithOffer() {
	const mentor = await person('mentor')
	const offer = await createOffer(mentor.id, { sessionsCount: 4, sessionMinutes: 60, sessionPrice: 60, currency: 'eur', validityMonths: 6 }, new Date())
	return { mentor, offer }
}

export const offersOf = (mentorId: string) => getDb().select().from(bundleOffers).where(eq(bundleOffers.mentorId, mentorId))

export async function sessionsWith(mentorId: string) {
	const [live] = await getDb().select({ n: count() }).from(sessions).where(eq(sessions.mentorId, mentorId))
	const [bought] = await getDb().select({ n: count() }).from(bundles).where(eq(bundles.mentorId, mentorId))
	const reserved = await getDb().select({ r: bundles.creditsReserved }).from(bundles).where(eq(bundles.mentorId, mentorId))
	return { sessions: live!.n, bundles: bought!.n, reserved: reserved.map((b) => b.r) }
}

/** What one person's own settings hold: reminders muted, calendar feed, Stripe account, sessions, calendars, profile. */
export async function accountState(userId: string) {
	const db = getDb()
	const [muted, feed, stripe, signedIn, profile, calendar, photo] = await Promise.all([
		db.select({ c: emailMutes.category }).from(emailMutes).where(eq(emailMutes.userId, userId)),
		db.select({ at: calendarFeeds.createdAt, hash: calendarFeeds.tokenHash }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId)),
		db.select({ id: stripeAccounts.accountId }).from(stripeAccounts).where(eq(stripeAccounts.userId, userId)),
		db.select({ n: count() }).from(authSessions).where(eq(authSessions.userId, userId)),
		db.select({ name: users.name, timeZone: users.timeZone, updatedAt: users.updatedAt }).from(users).where(eq(users.id, userId)),
		db.select().from(availabilityCalendars).where(eq(availabilityCalendars.mentorId, userId)),
		db.select({ version: profilePhotos.version }).from(profilePhotos).where(eq(profilePhotos.userId, userId)),
	])
	return { muted: muted.map((m) => m.c).sort(), feed, stripe, sessions: signedIn[0]!.n, profile, calendar, photo }
}

/** A programme open to everyone, with one coordinator (a mentor, so the coordinator is no admin). */
export async function coordinatedProgramme(audience: Partial<Audience> = {}) {
	const coordinator = await person('mentor')
	const row = await programme({ audience, coordinators: [coordinator.id] })
	return { programme: row, coordinator }
}

/** A mentor who coordinates another programme: someone with admin work elsewhere, none in this one. */
export async function coordinatorElsewhere(): Promise<Person> {
	return (await coordinatedProgramme()).coordinator
}

type RegistrationStatus = NonNullable<(typeof registrations.$inferInsert)['status']>

/**
 * A mentee's registration for a coordinated programme, in `status`, and another participant of the
 * same programme: a peer, with a part in the programme but none in this registration.
 */
export async function programmeRegistration(status: RegistrationStatus) {
	const { programme: p, coordinator } = await coordinatedProgramme()
	const registrant = await person('mentee')
	const row = await registration({ programmeId: p.id, userId: registrant.id, status })
	const peer = await person('mentee')
	await registration({ programmeId: p.id, userId: peer.id, status })
	return { programme: p, coordinator, registrant, peer, registration: row }
}

/**
 * A self-matching programme with a searching mentee, a mentor with a place, and a peer: another
 * searching mentee of the same programme. Both dossiers speak English, so the pair may be matched.
 */
export async function selfMatchingProgramme() {
	const { programme: p, coordinator } = await coordinatedProgramme()
	await getDb().update(programmes).set({ matchingMode: 'self' }).where(eq(programmes.id, p.id))
	const [mentee, mentor, peer] = [await person('mentee'), await person('mentor'), await person('mentee')]
	await getDb().update(menteeProfiles).set({ languages: ['English'] }).where(eq(menteeProfiles.userId, mentee.id))
	await getDb().update(mentorProfiles).set({ languages: ['English'] }).where(eq(mentorProfiles.userId, mentor.id))
	await registration({ programmeId: p.id, userId: mentee.id, status: 'searching' })
	await registration({ programmeId: p.id, userId: peer.id, status: 'searching' })
	await registration({ programmeId: p.id, userId: mentor.id, role: 'mentor', status: 'searching' })
	return { programme: p, coordinator, mentee, mentor, peer }
}

/** Everything a match request can write: the programme's relationships and the emails asking its two people. */
export async function matchState(programmeId: string, people: string[]) {
	const db = getDb()
	const rows = await db.select().from(relationships).where(eq(relationships.programmeId, programmeId))
	const emails = await Promise.all(people.map(async (id) => (await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.userId, id)))[0]!.n))
	return { relationships: rows, emails }
}

/** Everything a programme change can write: its row, its coordinators, its audit entries. */
export async function programmeState(id: string) {
	const db = getDb()
	const [row] = await db.select().from(programmes).where(eq(programmes.id, id))
	const coordinators = await db.select({ userId: programmeCoordinators.userId }).from(programmeCoordinators).where(eq(programmeCoordinators.programmeId, id))
	const [audits] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.subjectId, id))
	const digests = await db.select({ userId: reportDigestSubscriptions.userId }).from(reportDigestSubscriptions).where(eq(reportDigestSubscriptions.programmeId, id))
	return { row, coordinators: coordinators.map((c) => c.userId).sort(), audits: audits!.n, digests: digests.map((d) => d.userId).sort() }
}

/** Programmes under one slug: what creating one writes (its audit entry names the new id, so the row stands for both). */
export const programmesNamed = (slug: string) => getDb().select().from(programmes).where(eq(programmes.slug, slug))

/** A programme's registrations and the emails its coordinator was sent about them. */
export async function registrationsOf(programmeId: string, coordinatorId: string) {
	const db = getDb()
	const rows = await db.select().from(registrations).where(eq(registrations.programmeId, programmeId))
	const [told] = await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.userId, coordinatorId))
	return { registrations: rows.sort((a, b) => a.id.localeCompare(b.id)), emailsToCoordinator: told!.n }
}

/** Everything a step on a registration can write: the row, its periods, audit entries, the registrant's emails. */
export async function registrationState(id: string) {
	const db = getDb()
	const [row] = await db.select().from(registrations).where(eq(registrations.id, id))
	const periods = await db.select().from(engagementPeriods).where(eq(engagementPeriods.registrationId, id))
	const [audits] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.subjectId, id))
	const [told] = await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.userId, row!.userId))
	return { row, periods, audits: audits!.n, emails: told!.n }
}

type Handler = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown

export type Answer = { status: number; location: string | null; code: string | null }

/**
 * Sends one request to a route's action as Remix would and reads the answer, whatever its shape: a
 * Response (returned or thrown), Remix's `data()`, or a plain value (a 200). Anything else thrown
 * is a server error and fails the cell.
 */
export async function send(
	handler: Handler,
	options: { path: string; method?: string; params?: Record<string, string>; cookie: string | null; form?: Record<string, string>; json?: unknown; multipart?: FormData },
): Promise<Answer> {
	const headers = new Headers()
	if (options.cookie) headers.set('Cookie', options.cookie)
	let body: string | FormData | undefined
	if (options.multipart) {
		// The Request sets the multipart Content-Type with its boundary.
		body = options.multipart
	} else if (options.json !== undefined) {
		headers.set('Content-Type', 'application/json')
		body = JSON.stringify(options.json)
	} else {
		headers.set('Content-Type', 'application/x-www-form-urlencoded')
		body = new URLSearchParams(options.form ?? {}).toString()
	}
	const request = new Request(`http://localhost:3000${options.path}`, { method: options.method ?? 'POST', headers, body })
	let result: unknown
	try {
		result = await handler({ request, context: { ip: '203.0.113.7', responseCookies: [] }, params: options.params ?? {} })
	} catch (thrown) {
		if (!(thrown instanceof Response)) throw thrown
		result = thrown
	}
	if (result instanceof Response) {
		const text = await result.text()
		let parsed: { error?: { code?: string } } | null = null
		try {
			parsed = text ? JSON.parse(text) : null
		} catch {
			parsed = null
		}
		return { status: result.status, location: result.headers.get('Location'), code: parsed?.error?.code ?? null }
	}
	const wrapped = result as { type?: string; data?: { error?: { code?: string } }; init?: { status?: number } } | null
	if (wrapped?.type === 'DataWithResponseInit') return { status: wrapped.init?.status ?? 200, location: null, code: wrapped.data?.error?.code ?? null }
	return { status: 200, location: null, code: null }
}

/** Puts a department on the dossier of `role`, which a programme's audience reads. */
export async function inDepartment(p: Person, role: 'mentor' | 'mentee', department: string) {
	const dossier = role === 'mentor' ? mentorProfiles : menteeProfiles
	await getDb().update(dossier).set({ department }).where(eq(dossier.userId, p.id))
	return p
}

/** A programme's cohort assignments: what starting or applying one writes (its row's status and progress). */
export async function assignmentState(programmeId: string) {
	const rows = await getDb().select({ id: assignments.id, status: assignments.status, appliedAt: assignments.appliedAt }).from(assignments).where(eq(assignments.programmeId, programmeId))
	return rows.sort((a, b) => a.id.localeCompare(b.id))
}

/** A cohort assignment of the programme, run to its result as the worker would; its id. */
export async function readyAssignment(programmeSlug: string, coordinatorId: string): Promise<string> {
	const { id } = await startAssignment({ slug: programmeSlug, actorId: coordinatorId, inputs: { lockedPairs: [], forbiddenPairs: [] }, now: new Date() })
	await runAssignmentJob.run({ assignmentId: id })
	return id
}

/**
 * A confirmed relationship of a coordinated programme whose first session is completed: its two
 * people may say whether it is a good fit. With `notAGoodFit`, the mentee already said it is not.
 */
export async function programmeRelationshipAfterFirstSession(options: { notAGoodFit?: boolean } = {}) {
	const { programme: p, coordinator } = await coordinatedProgramme()
	const [mentor, mentee] = [await person('mentor'), await person('mentee')]
	await registration({ programmeId: p.id, userId: mentee.id, status: 'in_progress' })
	await registration({ programmeId: p.id, userId: mentor.id, role: 'mentor', status: 'in_progress' })
	const began = new Date(Date.now() - 7 * DAY)
	const [row] = await getDb()
		.insert(relationships)
		.values({ mentorId: mentor.id, menteeId: mentee.id, status: 'confirmed', origin: 'programme', programmeId: p.id, mentorConfirmedAt: began, menteeConfirmedAt: began, createdAt: began })
		.returning()
	const start = new Date(Date.now() - 2 * DAY)
	await getDb()
		.insert(sessions)
		.values({ mentorId: mentor.id, menteeId: mentee.id, type: 'intro', status: 'completed', startsAt: start, endsAt: new Date(start.getTime() + 20 * 60_000), introForm: INTRO_FORM, quotaMonth: start.toISOString().slice(0, 7) })
	if (options.notAGoodFit) await getDb().insert(relationshipFit).values({ relationshipId: row!.id, raterId: mentee.id, answer: 'not_a_good_fit' })
	return { programme: p, coordinator, mentor, mentee, relationship: row! }
}

export const fitState = (relationshipId: string) => getDb().select().from(relationshipFit).where(eq(relationshipFit.relationshipId, relationshipId))

/**
 * A confirmed relationship of a coordinated programme with one goal and one learning assignment in
 * its workspace: its coordinator reads its activity there but writes nothing.
 */
export async function programmeWorkspace() {
	const { programme: p, coordinator } = await coordinatedProgramme()
	const [mentor, mentee] = [await person('mentor'), await person('mentee')]
	const began = new Date(Date.now() - 7 * DAY)
	const [row] = await getDb()
		.insert(relationships)
		.values({ mentorId: mentor.id, menteeId: mentee.id, status: 'confirmed', origin: 'programme', programmeId: p.id, mentorConfirmedAt: began, menteeConfirmedAt: began })
		.returning()
	const [goal] = await getDb().insert(goals).values({ relationshipId: row!.id, createdBy: mentee.id, title: 'Lead a team' }).returning()
	const [assignment] = await getDb().insert(learningAssignments).values({ relationshipId: row!.id, createdBy: mentor.id, kind: 'assigned', title: 'Read chapter 3' }).returning()
	return { programme: p, coordinator, mentor, mentee, relationship: row!, goal: goal!, assignment: assignment! }
}

/** A workspace's goals and learning assignments, as they are. */
export async function workspaceState(relationshipId: string) {
	return {
		goals: await getDb().select().from(goals).where(eq(goals.relationshipId, relationshipId)),
		assignments: await getDb().select().from(learningAssignments).where(eq(learningAssignments.relationshipId, relationshipId)),
		messages: await getDb().select().from(messages).where(eq(messages.relationshipId, relationshipId)),
		reads: await getDb().select().from(relationshipReads).where(eq(relationshipReads.relationshipId, relationshipId)),
	}
}
