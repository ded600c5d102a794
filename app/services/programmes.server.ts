import { and, asc, count, eq, inArray, sql } from 'drizzle-orm'
import { getDb, type Executor } from '../../db/client'
import { menteeProfiles, mentorProfiles, programmeCoordinators, programmes, registrations, users, type RegistrationStatus } from '../../db/schema'
import { fitsAudience, isProgrammeSlugShaped, type ProgrammeInput, type ProgrammeUpdate } from '../rules/programmes'
import { DomainError } from '../utils/errors'
import { isUniqueViolation } from './accounts.server'
import { writeAudit } from './audit.server'

/**
 * Programmes (PRODUCT.md "Programmes and registrations"): admins create them and name their
 * coordinators; a coordinator does the admin work of that programme only. Every change is audited
 * in its own transaction.
 */

export type Programme = typeof programmes.$inferSelect

export type ProgrammeView = {
	id: string
	slug: string
	name: string
	description: string
	audience: Programme['audience']
	groupSize: number
	matchingMode: Programme['matchingMode']
	managerValidation: boolean
	lapseDays: number
	weights: Programme['weights']
	timeZone: string
	reportMetrics: Programme['reportMetrics']
	coordinators: { id: string; name: string }[]
	createdAt: string
}

/** How a person stands towards one programme's admin work: an admin, one of its coordinators, or neither. */
export type Standing = 'admin' | 'coordinator' | null

export async function standingIn(db: Executor, programmeId: string, userId: string): Promise<Standing> {
	const [row] = await db
		.select({ isAdmin: users.isAdmin, coordinator: programmeCoordinators.userId })
		.from(users)
		.leftJoin(programmeCoordinators, and(eq(programmeCoordinators.userId, users.id), eq(programmeCoordinators.programmeId, programmeId)))
		.where(eq(users.id, userId))
	if (row?.isAdmin) return 'admin'
	return row?.coordinator ? 'coordinator' : null
}

async function coordinatorsOf(db: Executor, programmeIds: string[]) {
	const byProgramme = new Map<string, { id: string; name: string }[]>()
	if (programmeIds.length === 0) return byProgramme
	const rows = await db
		.select({ programmeId: programmeCoordinators.programmeId, id: users.id, name: users.name })
		.from(programmeCoordinators)
		.innerJoin(users, eq(users.id, programmeCoordinators.userId))
		.where(inArray(programmeCoordinators.programmeId, programmeIds))
		.orderBy(asc(users.name), asc(users.id))
	for (const { programmeId, id, name } of rows) byProgramme.set(programmeId, [...(byProgramme.get(programmeId) ?? []), { id, name }])
	return byProgramme
}

function toView(p: Programme, coordinators: { id: string; name: string }[]): ProgrammeView {
	return {
		id: p.id,
		slug: p.slug,
		name: p.name,
		description: p.description,
		audience: p.audience,
		groupSize: p.groupSize,
		matchingMode: p.matchingMode,
		managerValidation: p.managerValidation,
		lapseDays: p.lapseDays,
		weights: p.weights,
		timeZone: p.timeZone,
		reportMetrics: p.reportMetrics,
		coordinators,
		createdAt: p.createdAt.toISOString(),
	}
}

async function viewOf(db: Executor, p: Programme): Promise<ProgrammeView> {
	return toView(p, (await coordinatorsOf(db, [p.id])).get(p.id) ?? [])
}

/** The programmes with this slug (none or one); a text no slug could be (a NUL from crafted input) is not sent to the database. */
function bySlug(db: Executor, slug: string) {
	return db
		.select()
		.from(programmes)
		.where(isProgrammeSlugShaped(slug) ? eq(programmes.slug, slug) : sql`false`)
}

export async function findProgramme(db: Executor, slug: string, lock = false): Promise<Programme> {
	const query = bySlug(db, slug)
	const [programme] = lock ? await query.for('update') : await query
	if (!programme) throw new DomainError('not_found', 'That programme does not exist.')
	return programme
}

async function requireAdmin(tx: Executor, userId: string, what: string) {
	const [actor] = await tx.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId))
	if (!actor?.isAdmin) throw new DomainError('not_allowed', `Only admins can ${what}.`)
}

const slugTaken = () => new DomainError('slug_taken', 'Another programme already uses that slug.', { slug: ['Another programme already uses that slug.'] })

export async function createProgramme(input: { actorId: string; programme: ProgrammeInput; now: Date }): Promise<ProgrammeView> {
	return getDb().transaction(async (tx) => {
		await requireAdmin(tx, input.actorId, 'create programmes')
		const [taken] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.slug, input.programme.slug))
		if (taken) throw slugTaken()
		const [created] = await tx
			.insert(programmes)
			.values({ ...input.programme, createdAt: input.now, updatedAt: input.now })
			.returning()
			.catch((error: unknown) => {
				throw isUniqueViolation(error, 'programmes_slug_unique') ? slugTaken() : error
			})
		await writeAudit(tx, { actorId: input.actorId, action: 'programme.create', subjectType: 'programme', subjectId: created!.id, details: { ...input.programme }, at: input.now })
		return toView(created!, [])
	})
}

/** An admin or one of the programme's coordinators changes any field but the slug. */
export async function updateProgramme(input: { actorId: string; slug: string; changes: ProgrammeUpdate; now: Date }): Promise<ProgrammeView> {
	return getDb().transaction(async (tx) => {
		const programme = await findProgramme(tx, input.slug, true)
		if (!(await standingIn(tx, programme.id, input.actorId))) {
			// As GET answers: one the caller may not see does not exist for them (decision 018).
			const viewer = await viewerOf(tx, input.actorId)
			if (!viewer || (await visibleTo(tx, viewer, [programme])).length === 0) throw new DomainError('not_found', 'That programme does not exist.')
			throw new DomainError('not_allowed', 'Only admins and the coordinators of this programme can change it.')
		}
		const [updated] = await tx
			.update(programmes)
			.set({ ...input.changes, updatedAt: input.now })
			.where(eq(programmes.id, programme.id))
			.returning()
		await writeAudit(tx, { actorId: input.actorId, action: 'programme.update', subjectType: 'programme', subjectId: programme.id, details: { ...input.changes }, at: input.now })
		return viewOf(tx, updated!)
	})
}

/** An admin names the programme's coordinators: the list replaces the one before. */
export async function setCoordinators(input: { actorId: string; slug: string; userIds: string[]; now: Date }): Promise<ProgrammeView> {
	const userIds = [...new Set(input.userIds)]
	return getDb().transaction(async (tx) => {
		await requireAdmin(tx, input.actorId, 'name coordinators')
		const programme = await findProgramme(tx, input.slug, true)
		const known = userIds.length > 0 ? await tx.select({ id: users.id }).from(users).where(inArray(users.id, userIds)) : []
		const unknown = userIds.filter((id) => !known.some((k) => k.id === id))
		if (unknown.length > 0) {
			throw new DomainError('validation_failed', 'Some coordinators are not Mentora users.', { userIds: [`No user has the id ${unknown.join(', ')}.`] })
		}
		const before = (await tx.select({ userId: programmeCoordinators.userId }).from(programmeCoordinators).where(eq(programmeCoordinators.programmeId, programme.id))).map(
			(r) => r.userId,
		)
		await tx.delete(programmeCoordinators).where(eq(programmeCoordinators.programmeId, programme.id))
		if (userIds.length > 0) await tx.insert(programmeCoordinators).values(userIds.map((userId) => ({ programmeId: programme.id, userId, createdAt: input.now })))
		await writeAudit(tx, {
			actorId: input.actorId,
			action: 'programme.coordinators',
			subjectType: 'programme',
			subjectId: programme.id,
			details: { before, after: userIds },
			at: input.now,
		})
		return viewOf(tx, programme)
	})
}

export type Viewer = { id: string; email: string; isAdmin: boolean; isMentor: boolean; isMentee: boolean }

async function viewerOf(db: Executor, userId: string): Promise<Viewer | null> {
	const [viewer] = await db
		.select({ id: users.id, email: users.email, isAdmin: users.isAdmin, isMentor: users.isMentor, isMentee: users.isMentee })
		.from(users)
		.where(eq(users.id, userId))
	return viewer ?? null
}

/** The viewer's email and, per role they hold, that role's dossier: what audiences read. */
async function audienceCandidates(db: Executor, viewer: Viewer) {
	const [mentor] = viewer.isMentor
		? await db.select({ department: mentorProfiles.department, location: mentorProfiles.location }).from(mentorProfiles).where(eq(mentorProfiles.userId, viewer.id))
		: []
	const [mentee] = viewer.isMentee
		? await db.select({ department: menteeProfiles.department, location: menteeProfiles.location }).from(menteeProfiles).where(eq(menteeProfiles.userId, viewer.id))
		: []
	return { mentor: mentor ? { email: viewer.email, ...mentor } : null, mentee: mentee ? { email: viewer.email, ...mentee } : null }
}

/** Admins see every programme, coordinators theirs, anyone else those whose audience includes them in a role they hold. */
async function visibleTo(db: Executor, viewer: Viewer, list: Programme[]): Promise<Programme[]> {
	if (viewer.isAdmin) return list
	const coordinated = new Set(
		(await db.select({ programmeId: programmeCoordinators.programmeId }).from(programmeCoordinators).where(eq(programmeCoordinators.userId, viewer.id))).map(
			(r) => r.programmeId,
		),
	)
	const as = await audienceCandidates(db, viewer)
	return list.filter(
		(p) => coordinated.has(p.id) || (as.mentor !== null && fitsAudience(p.audience, 'mentor', as.mentor)) || (as.mentee !== null && fitsAudience(p.audience, 'mentee', as.mentee)),
	)
}

export async function listProgrammes(viewer: Viewer): Promise<ProgrammeView[]> {
	const db = getDb()
	const visible = await visibleTo(db, viewer, await db.select().from(programmes).orderBy(asc(programmes.name), asc(programmes.id)))
	const coordinators = await coordinatorsOf(
		db,
		visible.map((p) => p.id),
	)
	return visible.map((p) => toView(p, coordinators.get(p.id) ?? []))
}

/** One programme; one the viewer may not see answers 404, as if it did not exist. */
export async function getProgramme(viewer: Viewer, slug: string): Promise<ProgrammeView> {
	const db = getDb()
	const [programme] = await visibleTo(db, viewer, await bySlug(db, slug))
	if (!programme) throw new DomainError('not_found', 'That programme does not exist.')
	return viewOf(db, programme)
}

/**
 * A programme for its admin pages: an admin's or one of its coordinators'. One the viewer may not
 * see answers 404 as if it did not exist; one they see as a participant, 403.
 */
export async function getProgrammeToAdminister(viewer: Viewer, slug: string): Promise<{ programme: ProgrammeView; standing: 'admin' | 'coordinator' }> {
	const programme = await getProgramme(viewer, slug)
	const standing = await standingIn(getDb(), programme.id, viewer.id)
	if (!standing) throw new DomainError('not_allowed', 'Only admins and the coordinators of this programme can manage it.')
	return { programme, standing }
}

export type AdministeredProgramme = Pick<ProgrammeView, 'id' | 'slug' | 'name' | 'matchingMode'> & { registrations: Partial<Record<RegistrationStatus, number>> }

/** The programmes whose admin work the viewer does (an admin all, a coordinator theirs), with their registrations counted by status. */
export async function listAdministeredProgrammes(viewer: Pick<Viewer, 'id' | 'isAdmin'>): Promise<AdministeredProgramme[]> {
	const db = getDb()
	const rows = await db
		.select({ id: programmes.id, slug: programmes.slug, name: programmes.name, matchingMode: programmes.matchingMode })
		.from(programmes)
		.where(
			viewer.isAdmin
				? undefined
				: inArray(programmes.id, db.select({ id: programmeCoordinators.programmeId }).from(programmeCoordinators).where(eq(programmeCoordinators.userId, viewer.id))),
		)
		.orderBy(asc(programmes.name), asc(programmes.id))
	const counts = rows.length
		? await db
				.select({ programmeId: registrations.programmeId, status: registrations.status, n: count() })
				.from(registrations)
				.where(inArray(registrations.programmeId, rows.map((r) => r.id)))
				.groupBy(registrations.programmeId, registrations.status)
		: []
	return rows.map((r) => ({
		...r,
		registrations: Object.fromEntries(counts.filter((c) => c.programmeId === r.id).map((c) => [c.status, c.n])),
	}))
}

/** Whether the person coordinates any programme: the header then offers the programmes' admin pages. */
export async function coordinatesAny(userId: string): Promise<boolean> {
	const [row] = await getDb().select({ userId: programmeCoordinators.userId }).from(programmeCoordinators).where(eq(programmeCoordinators.userId, userId)).limit(1)
	return Boolean(row)
}

/** An admin adds a coordinator by their account's email. */
export async function addCoordinator(input: { actorId: string; slug: string; email: string; now: Date }): Promise<ProgrammeView> {
	const db = getDb()
	const [person] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email.trim().toLowerCase()}`)
	const programme = await findProgramme(db, input.slug)
	if (!person) {
		await requireAdmin(db, input.actorId, 'name coordinators')
		throw new DomainError('validation_failed', 'No Mentora account uses that email.', { email: ['No Mentora account uses that email.'] })
	}
	const current = (await coordinatorsOf(db, [programme.id])).get(programme.id) ?? []
	return setCoordinators({ actorId: input.actorId, slug: input.slug, userIds: [...current.map((c) => c.id), person.id], now: input.now })
}

/** An admin removes one coordinator, keeping the others. */
export async function removeCoordinator(input: { actorId: string; slug: string; userId: string; now: Date }): Promise<ProgrammeView> {
	const programme = await findProgramme(getDb(), input.slug)
	const current = (await coordinatorsOf(getDb(), [programme.id])).get(programme.id) ?? []
	return setCoordinators({ actorId: input.actorId, slug: input.slug, userIds: current.map((c) => c.id).filter((id) => id !== input.userId), now: input.now })
}

/** The slug of a programme by id, for links from pages that know only the id (null when it is gone). */
export async function programmeSlugOf(programmeId: string): Promise<string | null> {
	const [row] = await getDb().select({ slug: programmes.slug }).from(programmes).where(eq(programmes.id, programmeId))
	return row?.slug ?? null
}
