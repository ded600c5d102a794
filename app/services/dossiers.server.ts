import { getDb } from '../../db/client'
import { type DossierRole, type DossierView } from '../rules/dossier-api'
import { type MenteeDossierInput, type MentorDossierInput } from '../rules/dossier'
import { DomainError, isDomainError } from '../utils/errors'
import { type SessionUser } from './auth-sessions.server'
import { getProfile, updateMenteeProfile, updateMentorProfile } from './profiles.server'

/**
 * A person's own dossier for one role, as GET and PUT /api/v1/me/dossier read and write it:
 * the same storage and services as the profile page.
 */

export function requireDossierRole(user: SessionUser, role: DossierRole): void {
	if (role === 'mentor' ? !user.isMentor : !user.isMentee) {
		throw new DomainError('not_allowed', `You do not have a ${role} role on Mentora, so you have no ${role} dossier.`)
	}
}

const BACKGROUND_DEFAULTS = { headline: '', bio: '', industry: '', role: '', department: '', location: '', languages: [] as string[], yearsExperience: 0, workHistory: '' }

/** The stored dossier; one not written yet reads as empty (a mentor's with the capacity new dossiers start with). */
export async function getDossier(user: SessionUser, role: DossierRole): Promise<DossierView> {
	requireDossierRole(user, role)
	const { mentor, mentee } = await getProfile(user.id)
	const pick = <T extends typeof BACKGROUND_DEFAULTS>(d: T) => ({
		headline: d.headline,
		bio: d.bio,
		industry: d.industry,
		role: d.role,
		department: d.department,
		location: d.location,
		languages: d.languages,
		yearsExperience: d.yearsExperience,
		workHistory: d.workHistory,
	})
	if (role === 'mentor') {
		return { ...pick(mentor ?? BACKGROUND_DEFAULTS), subjects: mentor?.subjects.map((s) => s.slug) ?? [], capacity: mentor?.capacity ?? 3 }
	}
	return { ...pick(mentee ?? BACKGROUND_DEFAULTS), goals: mentee?.goals ?? '', subjects: mentee?.subjects.map((s) => s.slug) ?? [] }
}

/** Replaces the dossier in one transaction and answers it as stored. Subjects not on the list are a 422 on `subjects`. */
export async function saveDossier(
	user: SessionUser,
	dossier: { role: 'mentor'; input: MentorDossierInput } | { role: 'mentee'; input: MenteeDossierInput },
	now: Date,
): Promise<DossierView> {
	requireDossierRole(user, dossier.role)
	try {
		await getDb().transaction(async (tx) => {
			if (dossier.role === 'mentor') await updateMentorProfile(tx, user, dossier.input, now)
			else await updateMenteeProfile(tx, user.id, dossier.input, now)
		})
	} catch (error) {
		// The profile page names its fields `mentor.subjects`; the API's body has them at the top.
		if (isDomainError(error) && error.fields) {
			const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.replace(/^(mentor|mentee)\./, ''), v]))
			throw new DomainError(error.code, error.message, fields, error.headers)
		}
		throw error
	}
	return getDossier(user, dossier.role)
}
