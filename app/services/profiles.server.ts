import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import { getDb, type Executor, type Transaction } from '../../db/client'
import { bundleOffers, menteeProfiles, menteeSubjects, mentorProfiles, mentorSubjects, profilePhotos, subjects, users } from '../../db/schema'
import { type MenteeDossierInput, type MentorDossierInput, type ProfileInput } from '../rules/dossier'
import { DomainError } from '../utils/errors'
import { createMentorProfile } from './accounts.server'
import { listMentorSlots } from './calendars.server'
import { keptForMentor } from './mentor-schedule-cache.server'
import { type SessionUser } from './auth-sessions.server'

export type Subject = { slug: string; name: string }

export function listSubjects(db: Executor = getDb()): Promise<Subject[]> {
	return db.select().from(subjects).orderBy(asc(subjects.name))
}

/** Subject names per user, in name order, for the given dossier table. */
async function subjectsOf(table: typeof mentorSubjects | typeof menteeSubjects, userIds: string[]) {
	const byUser = new Map<string, Subject[]>()
	if (userIds.length === 0) return byUser
	const rows = await getDb()
		.select({ userId: table.userId, slug: subjects.slug, name: subjects.name })
		.from(table)
		.innerJoin(subjects, eq(subjects.slug, table.subjectSlug))
		.where(inArray(table.userId, userIds))
		.orderBy(asc(subjects.name))
	for (const row of rows) {
		const list = byUser.get(row.userId) ?? []
		list.push({ slug: row.slug, name: row.name })
		byUser.set(row.userId, list)
	}
	return byUser
}

// ---------------------------------------------------------------------------------------------
// The mentor directory and public profiles

export const DIRECTORY_PAGE_SIZE = 20

/** The SQL twin of `isListedInDirectory` in rules/dossier.ts. */
const listed = sql`btrim(${mentorProfiles.headline}) <> '' and cardinality(${mentorProfiles.languages}) > 0`

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Listed mentors matching a text query (name, headline, bio) and a subject, by name. */
export type DirectoryFilters = {
	/** Words, each found in the name, headline, bio, location, industry, role, a language or a subject. */
	q?: string
	subject?: string
	/** A language the mentor speaks, as the directory lists it ("German"). */
	language?: string
	/** The most a session may cost, in euro cents: a mentor with a euro bundle at or under it. */
	maxSessionCents?: number
	/** Only mentors with a free intro to book within the next 7 days. */
	availableThisWeek?: boolean
	page?: number
}

/** Mentors weighed against the availability filter at most: beyond this the directory asks for a narrower search. */
const AVAILABILITY_CANDIDATES = 2000
const WEEK_MS = 7 * 24 * 60 * 60_000

/** The listed mentors that match, a page of them, with what a card shows: subjects, price from and the next free intro. */
export async function listMentors(filters: DirectoryFilters, now: Date) {
	const where = and(...directoryConditions(filters))
	const page = Math.max(1, filters.page ?? 1)
	const db = getDb()
	const columns = {
		userId: users.id,
		name: users.name,
		timeZone: users.timeZone,
		slug: mentorProfiles.slug,
		headline: mentorProfiles.headline,
		location: mentorProfiles.location,
		languages: mentorProfiles.languages,
		photoVersion: profilePhotos.version,
	}
	const ordered = db
		.select(columns)
		.from(mentorProfiles)
		.innerJoin(users, eq(users.id, mentorProfiles.userId))
		.leftJoin(profilePhotos, eq(profilePhotos.userId, mentorProfiles.userId))
		.where(where)
		.orderBy(asc(users.name), asc(mentorProfiles.slug))
	let rows: Awaited<typeof ordered>
	let total: number
	// Each card's next free intro: for the availability filter already worked out for every match.
	let next: Map<string, string | null> | undefined
	if (filters.availableThisWeek) {
		// Free slots come from each calendar, not from a column: weigh every match, then page.
		const candidates = await ordered.limit(AVAILABILITY_CANDIDATES)
		next = await nextIntros(candidates, now)
		const known = next
		const open = candidates.filter((row) => {
			const start = known.get(row.userId)
			return start !== undefined && start !== null && Date.parse(start) < now.getTime() + WEEK_MS
		})
		total = open.length
		rows = open.slice((page - 1) * DIRECTORY_PAGE_SIZE, page * DIRECTORY_PAGE_SIZE)
	} else {
		const [pageRows, [counted]] = await Promise.all([
			ordered.limit(DIRECTORY_PAGE_SIZE).offset((page - 1) * DIRECTORY_PAGE_SIZE),
			db.select({ count: count() }).from(mentorProfiles).innerJoin(users, eq(users.id, mentorProfiles.userId)).where(where),
		])
		rows = pageRows
		total = counted?.count ?? 0
	}
	const ids = rows.map((row) => row.userId)
	const [subjectsByMentor, prices, nextIntro] = await Promise.all([subjectsOf(mentorSubjects, ids), pricesFrom(ids), next ?? nextIntros(rows, now)])
	return {
		mentors: rows.map(({ userId, ...row }) => ({
			id: userId,
			...row,
			subjects: subjectsByMentor.get(userId) ?? [],
			priceFrom: prices.get(userId) ?? null,
			nextIntro: nextIntro.get(userId) ?? null,
		})),
		total,
		page,
		pageCount: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)),
	}
}

function directoryConditions(filters: DirectoryFilters): SQL[] {
	const conditions: SQL[] = [listed]
	for (const word of (filters.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 10)) {
		const pattern = `%${escapeLike(word)}%`
		conditions.push(
			or(
				ilike(users.name, pattern),
				ilike(mentorProfiles.headline, pattern),
				ilike(mentorProfiles.bio, pattern),
				ilike(mentorProfiles.location, pattern),
				ilike(mentorProfiles.industry, pattern),
				ilike(mentorProfiles.role, pattern),
				sql`array_to_string(${mentorProfiles.languages}, ' ') ilike ${pattern}`,
				sql`exists (select 1 from ${mentorSubjects} join ${subjects} on ${subjects.slug} = ${mentorSubjects.subjectSlug}
					where ${mentorSubjects.userId} = ${mentorProfiles.userId} and ${subjects.name} ilike ${pattern})`,
			) as SQL,
		)
	}
	if (filters.subject) {
		conditions.push(
			sql`exists (select 1 from ${mentorSubjects} where ${mentorSubjects.userId} = ${mentorProfiles.userId} and ${mentorSubjects.subjectSlug} = ${filters.subject})`,
		)
	}
	if (filters.language) {
		conditions.push(sql`exists (select 1 from unnest(${mentorProfiles.languages}) as spoken (name) where lower(spoken.name) = lower(${filters.language}))`)
	}
	if (filters.maxSessionCents !== undefined) {
		conditions.push(
			sql`exists (select 1 from ${bundleOffers} where ${bundleOffers.mentorId} = ${mentorProfiles.userId} and ${bundleOffers.retiredAt} is null
				and ${bundleOffers.currency} = 'eur' and ${bundleOffers.priceCents} / ${bundleOffers.sessionsCount} <= ${filters.maxSessionCents})`,
		)
	}
	return conditions
}

/** The cheapest session of each mentor's current offers, with its currency. */
async function pricesFrom(mentorIds: string[]): Promise<Map<string, { cents: number; currency: string }>> {
	const prices = new Map<string, { cents: number; currency: string }>()
	if (mentorIds.length === 0) return prices
	const offers = await getDb()
		.select({ mentorId: bundleOffers.mentorId, priceCents: bundleOffers.priceCents, sessionsCount: bundleOffers.sessionsCount, currency: bundleOffers.currency })
		.from(bundleOffers)
		.where(and(inArray(bundleOffers.mentorId, mentorIds), isNull(bundleOffers.retiredAt)))
	for (const offer of offers) {
		const cents = offer.priceCents / offer.sessionsCount
		const known = prices.get(offer.mentorId)
		if (!known || cents < known.cents) prices.set(offer.mentorId, { cents, currency: offer.currency })
	}
	return prices
}

/** Each mentor's first bookable intro (ISO), or null when the next 14 days hold none. */
async function nextIntros(mentors: { userId: string; slug: string }[], now: Date): Promise<Map<string, string | null>> {
	const next = new Map<string, string | null>()
	const to = new Date(now.getTime() + 2 * WEEK_MS)
	// A few at a time: each is a cached read after the first visit, a handful of queries before it.
	for (let i = 0; i < mentors.length; i += 20) {
		await Promise.all(
			mentors.slice(i, i + 20).map(async ({ userId, slug }) => {
				const { slots } = await listMentorSlots({ mentorSlug: slug, type: 'intro', from: now, to, now })
				next.set(userId, slots[0]?.start.toISOString() ?? null)
			}),
		)
	}
	return next
}

/** The languages listed mentors speak, for the directory's filter. */
export async function listDirectoryLanguages(): Promise<string[]> {
	const rows = await getDb().execute<{ name: string }>(
		sql`select distinct spoken.name from ${mentorProfiles} cross join unnest(${mentorProfiles.languages}) as spoken (name) where ${listed} order by spoken.name`,
	)
	return rows.map((row) => row.name)
}

/** A mentor's public profile by slug, listed or not (the link works before the dossier is complete). */
export async function getMentorBySlug(slug: string) {
	// A NUL (only ever in a crafted URL) is refused by PostgreSQL; no slug holds one.
	if (slug.includes('\u0000')) return null
	// Kept between visits, and dropped when the profile, the person, the photo or the subjects change.
	return keptForMentor(`profile:${slug}`, async () => {
		const [row] = await getDb()
			.select({ profile: mentorProfiles, name: users.name, timeZone: users.timeZone, photoVersion: profilePhotos.version })
			.from(mentorProfiles)
			.innerJoin(users, eq(users.id, mentorProfiles.userId))
			.leftJoin(profilePhotos, eq(profilePhotos.userId, mentorProfiles.userId))
			.where(eq(mentorProfiles.slug, slug))
		if (!row) return { mentorId: null, value: null }
		const subjectsByMentor = await subjectsOf(mentorSubjects, [row.profile.userId])
		const mentor = { ...row.profile, name: row.name, timeZone: row.timeZone, photoVersion: row.photoVersion, subjects: subjectsByMentor.get(row.profile.userId) ?? [] }
		return { mentorId: mentor.userId, value: mentor }
	})
}

// ---------------------------------------------------------------------------------------------
// Reading and editing one's own profile

/** Everything the profile form shows for `userId`: each dossier is null when the person has none yet. */
export async function getProfile(userId: string) {
	const db = getDb()
	const [[mentor], [mentee]] = await Promise.all([
		db.select().from(mentorProfiles).where(eq(mentorProfiles.userId, userId)),
		db.select().from(menteeProfiles).where(eq(menteeProfiles.userId, userId)),
	])
	const [mentorSubjectList, menteeSubjectList] = await Promise.all([
		subjectsOf(mentorSubjects, mentor ? [userId] : []),
		subjectsOf(menteeSubjects, mentee ? [userId] : []),
	])
	return {
		mentor: mentor ? { ...mentor, subjects: mentorSubjectList.get(userId) ?? [] } : null,
		mentee: mentee ? { ...mentee, subjects: menteeSubjectList.get(userId) ?? [] } : null,
	}
}

/** Refuses subject slugs that are not on the shared list, naming the form field they came from. */
async function assertSubjectsExist(tx: Transaction, slugs: string[], field: string): Promise<void> {
	if (slugs.length === 0) return
	const found = await tx.select({ slug: subjects.slug }).from(subjects).where(inArray(subjects.slug, slugs))
	const known = new Set(found.map((row) => row.slug))
	const unknown = slugs.filter((slug) => !known.has(slug))
	if (unknown.length > 0) {
		throw new DomainError('validation_failed', 'Some fields are missing or invalid.', {
			[field]: [`Choose subjects from the list (unknown: ${unknown.join(', ')}).`],
		})
	}
}

async function replaceSubjects(
	tx: Transaction,
	table: typeof mentorSubjects | typeof menteeSubjects,
	userId: string,
	slugs: string[],
): Promise<void> {
	await tx.delete(table).where(eq(table.userId, userId))
	if (slugs.length > 0) await tx.insert(table).values(slugs.map((subjectSlug) => ({ userId, subjectSlug })))
}

export async function updateAccount(tx: Transaction, userId: string, input: { name: string; timeZone: string }, now: Date) {
	await tx.update(users).set({ name: input.name, timeZone: input.timeZone, updatedAt: now }).where(eq(users.id, userId))
}

export async function updateMentorProfile(tx: Transaction, user: SessionUser, input: MentorDossierInput, now: Date) {
	await assertSubjectsExist(tx, input.subjects, 'mentor.subjects')
	const [existing] = await tx.select({ userId: mentorProfiles.userId }).from(mentorProfiles).where(eq(mentorProfiles.userId, user.id))
	if (!existing) await createMentorProfile(tx, user.id, user.name, now)
	const { subjects: slugs, ...fields } = input
	await tx.update(mentorProfiles).set({ ...fields, updatedAt: now }).where(eq(mentorProfiles.userId, user.id))
	await replaceSubjects(tx, mentorSubjects, user.id, slugs)
}

export async function updateMenteeProfile(tx: Transaction, userId: string, input: MenteeDossierInput, now: Date) {
	await assertSubjectsExist(tx, input.subjects, 'mentee.subjects')
	const { subjects: slugs, ...fields } = input
	await tx
		.insert(menteeProfiles)
		.values({ userId, ...fields, updatedAt: now })
		.onConflictDoUpdate({ target: menteeProfiles.userId, set: { ...fields, updatedAt: now } })
	await replaceSubjects(tx, menteeSubjects, userId, slugs)
}

/** Saves the profile form in one transaction: account fields, then each dossier the person has a role for. */
export async function saveProfile(user: SessionUser, input: ProfileInput, { now }: { now: Date }): Promise<void> {
	await getDb().transaction(async (tx) => {
		await updateAccount(tx, user.id, input, now)
		if (user.isMentor && input.mentor) await updateMentorProfile(tx, user, input.mentor, now)
		if (user.isMentee && input.mentee) await updateMenteeProfile(tx, user.id, input.mentee, now)
	})
}

// ---------------------------------------------------------------------------------------------
// Dashboard

/** The mentor's public slug and dossier state, or null when they have no dossier yet. */
export async function getMentorDossierState(userId: string) {
	const [row] = await getDb()
		.select({ slug: mentorProfiles.slug, headline: mentorProfiles.headline, languages: mentorProfiles.languages })
		.from(mentorProfiles)
		.where(eq(mentorProfiles.userId, userId))
	return row ?? null
}

/** Head counts for the admin overview (a person with both roles counts in both). */
export async function countPeople() {
	const [row] = await getDb()
		.select({
			users: count(),
			mentors: sql<number>`count(*) filter (where ${users.isMentor})::int`,
			mentees: sql<number>`count(*) filter (where ${users.isMentee})::int`,
			admins: sql<number>`count(*) filter (where ${users.isAdmin})::int`,
		})
		.from(users)
	return row ?? { users: 0, mentors: 0, mentees: 0, admins: 0 }
}

/** A mentor's public slug and capacity (mentees at once), or null for someone with no mentor dossier. */
export async function getMentorSummary(userId: string): Promise<{ slug: string; capacity: number } | null> {
	const [row] = await getDb().select({ slug: mentorProfiles.slug, capacity: mentorProfiles.capacity }).from(mentorProfiles).where(eq(mentorProfiles.userId, userId))
	return row ?? null
}
