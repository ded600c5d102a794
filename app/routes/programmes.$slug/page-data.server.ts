import { and, desc, eq, inArray } from 'drizzle-orm'
import { getDb } from '../../../db/client'
import { menteeProfiles, mentorProfiles, registrations, relationships, users, type RegistrationRole } from '../../../db/schema'
import { fitsAudience } from '~/rules/programmes'
import { type ProgrammeView } from '~/services/programmes.server'
import { type SessionUser } from '~/services/auth-sessions.server'

/** Reads for the participant's programme page that no service offers as such; nothing here writes. */

/** Which registrations were validated: a withdrawn one is shown stopped where it had got to. */
export async function validatedIds(ids: string[]): Promise<Set<string>> {
	if (ids.length === 0) return new Set()
	const rows = await getDb().select({ id: registrations.id, validatedAt: registrations.validatedAt }).from(registrations).where(inArray(registrations.id, ids))
	return new Set(rows.filter((r) => r.validatedAt !== null).map((r) => r.id))
}

export type RegisterOption = { role: RegistrationRole; dossierCapacity: number | null }

/** The roles the viewer's account holds that the programme's audience admits (the same test register() makes), with a mentor's dossier capacity. */
export async function registerOptions(viewer: SessionUser, programme: ProgrammeView): Promise<RegisterOption[]> {
	const db = getDb()
	const options: RegisterOption[] = []
	if (viewer.isMentor) {
		const [d] = await db.select({ department: mentorProfiles.department, location: mentorProfiles.location, capacity: mentorProfiles.capacity }).from(mentorProfiles).where(eq(mentorProfiles.userId, viewer.id))
		if (fitsAudience(programme.audience, 'mentor', { email: viewer.email, department: d?.department ?? '', location: d?.location ?? '' })) {
			options.push({ role: 'mentor', dossierCapacity: d?.capacity ?? null })
		}
	}
	if (viewer.isMentee) {
		const [d] = await db.select({ department: menteeProfiles.department, location: menteeProfiles.location }).from(menteeProfiles).where(eq(menteeProfiles.userId, viewer.id))
		if (fitsAudience(programme.audience, 'mentee', { email: viewer.email, department: d?.department ?? '', location: d?.location ?? '' })) {
			options.push({ role: 'mentee', dossierCapacity: null })
		}
	}
	return options
}

export type ProgrammeRelationshipItem = { id: string; status: 'pending' | 'confirmed'; mentor: { name: string; slug: string | null }; mentorConfirmed: boolean }

/** The mentee's live relationships in this programme: a request waits for the mentor to confirm. */
export async function menteeRelationshipsIn(programmeId: string, menteeId: string): Promise<ProgrammeRelationshipItem[]> {
	const rows = await getDb()
		.select({ id: relationships.id, status: relationships.status, name: users.name, slug: mentorProfiles.slug, mentorConfirmedAt: relationships.mentorConfirmedAt })
		.from(relationships)
		.innerJoin(users, eq(users.id, relationships.mentorId))
		.leftJoin(mentorProfiles, eq(mentorProfiles.userId, relationships.mentorId))
		.where(and(eq(relationships.programmeId, programmeId), eq(relationships.menteeId, menteeId), inArray(relationships.status, ['pending', 'confirmed'])))
		.orderBy(desc(relationships.createdAt))
	return rows.map((r) => ({
		id: r.id,
		status: r.status as 'pending' | 'confirmed',
		mentor: { name: r.name, slug: r.slug },
		mentorConfirmed: r.mentorConfirmedAt !== null,
	}))
}
