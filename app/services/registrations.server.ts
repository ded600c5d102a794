import { and, asc, count, desc, eq, gt, gte, ilike, inArray, isNull, lte, ne, or, type SQL } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { getDb, type Executor, type Transaction } from '../../db/client'
import {
	engagementPeriods,
	menteeProfiles,
	mentorProfiles,
	programmeCoordinators,
	programmes,
	registrations,
	relationships,
	users,
	type RegistrationRole,
	type RegistrationStatus,
} from '../../db/schema'
import { checkAudience, type RegistrationInput } from '../rules/programmes'
import { actionOnPeriodAdded, checkPeriodsOpen, JOURNEY, nextStatus, type JourneyAction, type JourneyActor } from '../rules/registration-journey'
import { DomainError } from '../utils/errors'
import { writeAudit } from './audit.server'
import { onRegistrationStatusChanged } from './journey-emails.server'
import { queueEmail } from './outbox.server'
import { findProgramme, standingIn, type Programme } from './programmes.server'
import { ensure } from './session-lifecycle.server'

/**
 * Registrations for a programme and their journey (app/rules/registration-journey.ts). Each step
 * locks the registration first, so two steps on one registration are decided one after the other;
 * coordinators' steps are audited, and the person concerned is emailed in the same transaction.
 */

export type Registration = typeof registrations.$inferSelect

export type RegistrationView = {
	id: string
	programme: { slug: string; name: string }
	user: { id: string; name: string }
	role: RegistrationRole
	status: RegistrationStatus
	capacity?: number
	periods: { id: string; start: string; end: string | null }[]
	declineReason?: string
	createdAt: string
	statusChangedAt: string
}

export const REGISTRATIONS_PAGE_SIZE = 50

async function viewsOf(db: Executor, ids: string[]): Promise<RegistrationView[]> {
	if (ids.length === 0) return []
	const rows = await db
		.select({ r: registrations, programme: { slug: programmes.slug, name: programmes.name }, user: { id: users.id, name: users.name } })
		.from(registrations)
		.innerJoin(programmes, eq(programmes.id, registrations.programmeId))
		.innerJoin(users, eq(users.id, registrations.userId))
		.where(inArray(registrations.id, ids))
	const periods = await db
		.select()
		.from(engagementPeriods)
		.where(inArray(engagementPeriods.registrationId, ids))
		.orderBy(asc(engagementPeriods.startDate))
	const byId = new Map(
		rows.map(({ r, programme, user }) => [
			r.id,
			{
				id: r.id,
				programme,
				user,
				role: r.role,
				status: r.status,
				...(r.capacity !== null ? { capacity: r.capacity } : {}),
				periods: periods.filter((p) => p.registrationId === r.id).map((p) => ({ id: p.id, start: p.startDate, end: p.endDate })),
				...(r.declineReason ? { declineReason: r.declineReason } : {}),
				createdAt: r.createdAt.toISOString(),
				statusChangedAt: r.statusChangedAt.toISOString(),
			},
		]),
	)
	return ids.map((id) => byId.get(id)!)
}

async function viewOf(db: Executor, id: string): Promise<RegistrationView> {
	return (await viewsOf(db, [id]))[0]!
}

/** Coordinators hear of a new registration; a programme with none named yet tells the admins, so no one waits unheard. */
async function reviewersOf(tx: Transaction, programmeId: string): Promise<string[]> {
	const coordinators = await tx.select({ id: programmeCoordinators.userId }).from(programmeCoordinators).where(eq(programmeCoordinators.programmeId, programmeId))
	if (coordinators.length > 0) return coordinators.map((c) => c.id)
	return (await tx.select({ id: users.id }).from(users).where(eq(users.isAdmin, true))).map((a) => a.id)
}

function isConstraintViolation(error: unknown, sqlState: string, constraint: string): boolean {
	const e = error as { code?: string; constraint_name?: string; cause?: unknown } | null
	if (!e || typeof e !== 'object') return false
	if (e.code === sqlState && e.constraint_name === constraint) return true
	return e.cause !== undefined && isConstraintViolation(e.cause, sqlState, constraint)
}

const alreadyRegistered = (role: RegistrationRole) =>
	new DomainError('already_registered', `You are already registered for this programme as ${role}.`)

/**
 * A person registers as mentor or mentee. They must hold that role on their account (its dossier
 * is what the audience reads: department and location; the email's domain too) and have no open
 * registration in that role already.
 */
export async function register(input: { slug: string; userId: string; registration: RegistrationInput; now: Date }): Promise<RegistrationView> {
	const { role } = input.registration
	return getDb().transaction(async (tx) => {
		const programme = await findProgramme(tx, input.slug)
		const [person] = await tx.select().from(users).where(eq(users.id, input.userId))
		if (!person) throw new DomainError('unauthenticated', 'Log in to do this.')
		if (role === 'mentor' ? !person.isMentor : !person.isMentee) {
			throw new DomainError('not_allowed', `Only a ${role} account can register as ${role}.`, { role: [`Your account is not a ${role} account.`] })
		}
		const dossier = role === 'mentor' ? mentorProfiles : menteeProfiles
		const [background] = await tx.select({ department: dossier.department, location: dossier.location }).from(dossier).where(eq(dossier.userId, person.id))
		ensure(checkAudience(programme.audience, role, { email: person.email, department: background?.department ?? '', location: background?.location ?? '' }))
		if (programme.managerValidation && !input.registration.managerEmail) {
			throw new DomainError('validation_failed', 'This programme asks your manager to validate your engagement.', {
				managerEmail: ["Give your manager's email address."],
			})
		}
		const [created] = await tx
			.insert(registrations)
			.values({
				programmeId: programme.id,
				userId: person.id,
				role,
				capacity: input.registration.capacity,
				managerEmail: input.registration.managerEmail,
				partnerEmail: input.registration.partnerEmail,
				motivation: input.registration.motivation,
				statusChangedAt: input.now,
				createdAt: input.now,
			})
			.returning()
			.catch((error: unknown) => {
				throw isConstraintViolation(error, '23505', 'registrations_open_unique') ? alreadyRegistered(role) : error
			})
		for (const reviewer of await reviewersOf(tx, programme.id)) {
			await queueEmail(tx, {
				to: reviewer,
				template: 'registration_received',
				data: { programme: { slug: programme.slug, name: programme.name }, registrationId: created!.id, participantName: person.name, role },
			})
		}
		return viewOf(tx, created!.id)
	})
}

export type RegistrationFilters = { statuses?: RegistrationStatus[]; role?: RegistrationRole; q?: string; page?: number }

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** A programme's registrations for its coordinators and admins, oldest first, filtered by status, role and name or email. */
export async function listRegistrations(input: { slug: string; actorId: string; filters: RegistrationFilters }) {
	const db = getDb()
	const programme = await findProgramme(db, input.slug)
	if (!(await standingIn(db, programme.id, input.actorId))) {
		throw new DomainError('not_allowed', 'Only admins and the coordinators of this programme see its registrations.')
	}
	const { statuses, role, q } = input.filters
	const conditions: SQL[] = [eq(registrations.programmeId, programme.id)]
	if (statuses && statuses.length > 0) conditions.push(inArray(registrations.status, statuses))
	if (role) conditions.push(eq(registrations.role, role))
	if (q?.trim()) {
		const pattern = `%${escapeLike(q.trim())}%`
		conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern)) as SQL)
	}
	const where = and(...conditions)
	const page = Math.max(1, input.filters.page ?? 1)
	const [rows, [total]] = await Promise.all([
		db
			.select({ id: registrations.id })
			.from(registrations)
			.innerJoin(users, eq(users.id, registrations.userId))
			.where(where)
			.orderBy(asc(registrations.createdAt), asc(registrations.id))
			.limit(REGISTRATIONS_PAGE_SIZE)
			.offset((page - 1) * REGISTRATIONS_PAGE_SIZE),
		db.select({ n: count() }).from(registrations).innerJoin(users, eq(users.id, registrations.userId)).where(where),
	])
	return {
		registrations: await viewsOf(
			db,
			rows.map((r) => r.id),
		),
		page,
		total: total?.n ?? 0,
	}
}

/** The parts `userId` plays in a registration: its person, a coordinator of its programme (admins count as one), or none. */
async function partsOf(db: Executor, registration: Registration, userId: string): Promise<JourneyActor[]> {
	const parts: JourneyActor[] = []
	if (registration.userId === userId) parts.push('participant')
	if (await standingIn(db, registration.programmeId, userId)) parts.push('coordinator')
	return parts
}

const notAllowed = () => new DomainError('not_allowed', 'Only the registered person, the coordinators of its programme and admins can see or change this registration.')

async function load(db: Executor, id: string, lock: boolean) {
	const query = db.select({ r: registrations, programme: programmes }).from(registrations).innerJoin(programmes, eq(programmes.id, registrations.programmeId)).where(eq(registrations.id, id))
	const [row] = lock ? await query.for('update', { of: registrations }) : await query
	if (!row) throw new DomainError('not_found', 'That registration does not exist.')
	return row
}

export async function getRegistration(input: { id: string; actorId: string }): Promise<RegistrationView> {
	const db = getDb()
	const { r } = await load(db, input.id, false)
	if ((await partsOf(db, r, input.actorId)).length === 0) throw notAllowed()
	return viewOf(db, r.id)
}

type Step = { id: string; actorId: string; now: Date }

/** The status a step leads to, or its refusal thrown. */
function stepTo(registration: Registration, programme: Programme, action: JourneyAction, actor: JourneyActor): RegistrationStatus {
	const next = nextStatus({ status: registration.status, action, actor, managerValidation: programme.managerValidation })
	if (!next.ok) throw new DomainError(next.code, next.message, next.fields)
	return next.status
}

/** Every status change goes through here, so the journey's emails (and links) go out in the same transaction. */
async function setStatus(tx: Transaction, id: string, status: RegistrationStatus, now: Date, extra: Partial<Registration> = {}) {
	const [before] = await tx.select({ status: registrations.status }).from(registrations).where(eq(registrations.id, id))
	const [registration] = await tx
		.update(registrations)
		.set({ ...extra, status, statusChangedAt: now })
		.where(eq(registrations.id, id))
		.returning()
	if (before && registration) await onRegistrationStatusChanged(tx, { registration, from: before.status, to: status, now })
}

/** Locks the registration, finds the caller's part for this step, takes it, and returns the view. */
async function step(input: Step, action: JourneyAction, then?: (tx: Transaction, r: Registration, p: Programme) => Promise<Partial<Registration>>) {
	return getDb().transaction(async (tx) => {
		const { r, programme } = await load(tx, input.id, true)
		const parts = await partsOf(tx, r, input.actorId)
		if (parts.length === 0) throw notAllowed()
		const actor = parts.find((part) => JOURNEY[action].by.includes(part)) ?? parts[0]!
		// The rule refuses first (wrong part, wrong status): nothing is written then.
		const status = stepTo(r, programme, action, actor)
		await setStatus(tx, r.id, status, input.now, await then?.(tx, r, programme))
		return viewOf(tx, r.id)
	})
}

const programmeRef = (p: Programme) => ({ slug: p.slug, name: p.name })

/** A coordinator validates an application, once: the person starts looking for a match. */
export function validateRegistration(input: Step): Promise<RegistrationView> {
	return step(input, 'validate', async (tx, r, programme) => {
		await writeAudit(tx, { actorId: input.actorId, action: 'registration.validate', subjectType: 'registration', subjectId: r.id, details: { programmeId: programme.id }, at: input.now })
		await queueEmail(tx, { to: r.userId, template: 'registration_validated', data: { programme: programmeRef(programme), role: r.role } })
		return { validatedAt: input.now }
	})
}

/** A coordinator declines an application with a reason the person reads. */
export async function declineRegistration(input: Step & { reason: string }): Promise<RegistrationView> {
	const reason = input.reason.trim()
	if (!reason) throw new DomainError('validation_failed', 'Give a reason for declining.', { reason: ['Give a reason for declining.'] })
	return step(input, 'decline', async (tx, r, programme) => {
		await writeAudit(tx, { actorId: input.actorId, action: 'registration.decline', subjectType: 'registration', subjectId: r.id, details: { programmeId: programme.id, reason }, at: input.now })
		await queueEmail(tx, { to: r.userId, template: 'registration_declined', data: { programme: programmeRef(programme), reason } })
		return { declineReason: reason }
	})
}

/** The person leaves the programme, from any status but a final one. */
export const withdrawRegistration = (input: Step) => step(input, 'withdraw')

/** The person says the mission ended; participation then waits for confirmation. */
export const endRegistration = (input: Step) => step(input, 'end')

/** The person confirms their participation. */
export const confirmRegistration = (input: Step) => step(input, 'confirm')

/**
 * The person adds an engagement period. Overlap with another of their periods is refused by the
 * database's exclusion constraint (so concurrent requests cannot slip past), answered as a 422.
 * The first dates added while searching are the match found.
 */
export async function addPeriod(input: Step & { start: string; end: string | null }): Promise<RegistrationView> {
	return getDb().transaction(async (tx) => {
		const { r, programme } = await load(tx, input.id, true)
		const parts = await partsOf(tx, r, input.actorId)
		if (parts.length === 0) throw notAllowed()
		if (!parts.includes('participant')) throw new DomainError('not_allowed', 'Only the registered person adds their engagement dates.')
		ensure(checkPeriodsOpen(r.status))
		await tx
			.insert(engagementPeriods)
			.values({ registrationId: r.id, startDate: input.start, endDate: input.end, createdAt: input.now })
			.catch((error: unknown) => {
				if (isConstraintViolation(error, '23P01', 'engagement_periods_no_overlap')) {
					throw new DomainError('periods_overlap', 'These dates overlap another of your engagement periods.', { start: ['These dates overlap another of your engagement periods.'] })
				}
				throw error
			})
		const action = actionOnPeriodAdded(r.status)
		if (action) await setStatus(tx, r.id, stepTo(r, programme, action, 'participant'), input.now)
		return viewOf(tx, r.id)
	})
}

/**
 * "Ending it (lapsed, or the mentor cannot continue) puts the mentee back to `searching`." Called in
 * the transaction that ends a programme relationship. Each side still engaged by it (in progress, or
 * waiting for the manager) and with no other live relationship in the programme (a mentor's other
 * mentees, a mentee's other mentor) has its open engagement period end that day, in their own
 * zone, and goes back to searching. A side past the engagement (mission ended, final) is left alone.
 */
export async function returnToSearchingOnMatchEnded(
	tx: Transaction,
	input: { programmeId: string; relationshipId: string; mentorId: string; menteeId: string; now: Date },
): Promise<void> {
	const sides = [
		{ userId: input.mentorId, role: 'mentor' as const, column: relationships.mentorId },
		{ userId: input.menteeId, role: 'mentee' as const, column: relationships.menteeId },
	]
	for (const side of sides) {
		const [row] = await tx
			.select({ r: registrations, programme: programmes, timeZone: users.timeZone })
			.from(registrations)
			.innerJoin(programmes, eq(programmes.id, registrations.programmeId))
			.innerJoin(users, eq(users.id, registrations.userId))
			.where(
				and(
					eq(registrations.programmeId, input.programmeId),
					eq(registrations.userId, side.userId),
					eq(registrations.role, side.role),
					inArray(registrations.status, JOURNEY.match_ended.from as RegistrationStatus[]),
				),
			)
			.for('update', { of: registrations })
		if (!row) continue
		const [stillEngaged] = await tx
			.select({ id: relationships.id })
			.from(relationships)
			.where(
				and(
					eq(relationships.programmeId, input.programmeId),
					eq(side.column, side.userId),
					inArray(relationships.status, ['pending', 'confirmed']),
					ne(relationships.id, input.relationshipId),
				),
			)
			.limit(1)
		if (stillEngaged) continue
		const today = DateTime.fromJSDate(input.now, { zone: row.timeZone }).toISODate()!
		await tx
			.update(engagementPeriods)
			.set({ endDate: today })
			.where(
				and(
					eq(engagementPeriods.registrationId, row.r.id),
					lte(engagementPeriods.startDate, today),
					or(isNull(engagementPeriods.endDate), gt(engagementPeriods.endDate, today)),
				),
			)
		await setStatus(tx, row.r.id, stepTo(row.r, row.programme, 'match_ended', 'system'), input.now)
	}
}

/** What the coordinators' table shows beside each registration: the person's email and that role's department and location. */
export async function backgroundsOf(ids: string[]): Promise<Map<string, { email: string; department: string; location: string }>> {
	if (ids.length === 0) return new Map()
	const rows = await getDb()
		.select({
			id: registrations.id,
			email: users.email,
			role: registrations.role,
			mentor: { department: mentorProfiles.department, location: mentorProfiles.location },
			mentee: { department: menteeProfiles.department, location: menteeProfiles.location },
		})
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.leftJoin(mentorProfiles, eq(mentorProfiles.userId, registrations.userId))
		.leftJoin(menteeProfiles, eq(menteeProfiles.userId, registrations.userId))
		.where(inArray(registrations.id, ids))
	return new Map(
		rows.map((r) => {
			const dossier = r.role === 'mentor' ? r.mentor : r.mentee
			return [r.id, { email: r.email, department: dossier?.department ?? '', location: dossier?.location ?? '' }]
		}),
	)
}

/**
 * "A confirmed programme relationship adds an engagement period starting that day to both
 * registrations and moves them to in_progress (or awaiting_manager_validation where asked)."
 * Called in the transaction that confirms the relationship. A side already engaged (a mentor with
 * several mentees) keeps the period it has; only a searching registration takes the step.
 */
export async function startEngagementFromMatch(tx: Transaction, input: { programmeId: string; mentorId: string; menteeId: string; now: Date }): Promise<void> {
	const sides = [
		{ userId: input.mentorId, role: 'mentor' as const },
		{ userId: input.menteeId, role: 'mentee' as const },
	]
	for (const side of sides) {
		const [row] = await tx
			.select({ r: registrations, programme: programmes, timeZone: users.timeZone })
			.from(registrations)
			.innerJoin(programmes, eq(programmes.id, registrations.programmeId))
			.innerJoin(users, eq(users.id, registrations.userId))
			.where(and(eq(registrations.programmeId, input.programmeId), eq(registrations.userId, side.userId), eq(registrations.role, side.role), inArray(registrations.status, ['searching', 'in_progress'])))
			.for('update', { of: registrations })
		if (!row) continue
		const today = DateTime.fromJSDate(input.now, { zone: row.timeZone }).toISODate()!
		const [open] = await tx
			.select({ id: engagementPeriods.id })
			.from(engagementPeriods)
			.where(and(eq(engagementPeriods.registrationId, row.r.id), or(isNull(engagementPeriods.endDate), gte(engagementPeriods.endDate, today))))
			.limit(1)
		if (!open) await tx.insert(engagementPeriods).values({ registrationId: row.r.id, startDate: today, endDate: null, createdAt: input.now })
		if (row.r.status === 'searching') await setStatus(tx, row.r.id, stepTo(row.r, row.programme, 'match_found', 'system'), input.now)
	}
}

/** The person's own registrations, newest first (open and past), in the programmes named or in all: what their programme pages show. */
export async function registrationsOf(input: { userId: string; programmeIds?: string[] }): Promise<RegistrationView[]> {
	if (input.programmeIds?.length === 0) return []
	const db = getDb()
	const rows = await db
		.select({ id: registrations.id })
		.from(registrations)
		.where(and(eq(registrations.userId, input.userId), input.programmeIds ? inArray(registrations.programmeId, input.programmeIds) : undefined))
		.orderBy(desc(registrations.createdAt), desc(registrations.id))
	return viewsOf(
		db,
		rows.map((r) => r.id),
	)
}

/**
 * The person ends an open engagement period by giving its end date. The same rules as adding one:
 * only the registered person, only while periods are open, the end on or after the start, and no
 * overlap with another period (the exclusion constraint answers that, as for a new period).
 */
export async function endPeriod(input: Step & { periodId: string; end: string }): Promise<RegistrationView> {
	return getDb().transaction(async (tx) => {
		const { r } = await load(tx, input.id, true)
		const parts = await partsOf(tx, r, input.actorId)
		if (!parts.includes('participant')) throw new DomainError('not_allowed', 'Only the registered person ends their engagement periods.')
		const [period] = await tx.select().from(engagementPeriods).where(eq(engagementPeriods.id, input.periodId))
		if (!period) throw new DomainError('not_found', 'That engagement period does not exist.')
		if (period.registrationId !== r.id) throw new DomainError('not_allowed', 'That engagement period belongs to another registration.')
		ensure(checkPeriodsOpen(r.status))
		if (period.endDate !== null) throw new DomainError('validation_failed', 'This period has already ended.', { end: ['This period has already ended.'] })
		// ISO dates compare as strings.
		if (input.end < period.startDate) throw new DomainError('validation_failed', 'The end date is on or after the start date.', { end: ['The end date is on or after the start date.'] })
		await tx
			.update(engagementPeriods)
			.set({ endDate: input.end })
			.where(eq(engagementPeriods.id, period.id))
			.catch((error: unknown) => {
				if (isConstraintViolation(error, '23P01', 'engagement_periods_no_overlap')) {
					throw new DomainError('periods_overlap', 'These dates overlap another of your engagement periods.', { end: ['These dates overlap another of your engagement periods.'] })
				}
				throw error
			})
		return viewOf(tx, r.id)
	})
}
