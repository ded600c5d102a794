/**
 * Programme announcements (PRODUCT.md "Programmes and registrations": "announcements that are
 * emailed to participants"), pure: what one may hold and who it reaches.
 */
import { z } from 'zod'
import { FINAL_REGISTRATION_STATUSES, REGISTRATION_STATUSES, type AnnouncementAudience, type RegistrationRole, type RegistrationStatus } from '../../db/schema/programmes'

export const ANNOUNCEMENT_TITLE_MAX_LENGTH = 200
export const ANNOUNCEMENT_BODY_MAX_LENGTH = 20_000
/** Recipients written to the outbox per transaction, so a large programme never holds one long transaction. */
export const ANNOUNCEMENT_BATCH_SIZE = 200

/** The statuses of a registration still in the programme: an announcement never goes to a declined, withdrawn or completed one. */
export const OPEN_REGISTRATION_STATUSES = REGISTRATION_STATUSES.filter(
	(s) => !(FINAL_REGISTRATION_STATUSES as readonly string[]).includes(s),
) as Exclude<RegistrationStatus, (typeof FINAL_REGISTRATION_STATUSES)[number]>[]

export const ANNOUNCEMENT_ROLE_CHOICES = { both: [], mentors: ['mentor'], mentees: ['mentee'] } as const satisfies Record<string, RegistrationRole[]>
export type AnnouncementRoleChoice = keyof typeof ANNOUNCEMENT_ROLE_CHOICES

export const AnnouncementSchema = z.object({
	title: z
		.string({ required_error: 'Give the announcement a title.' })
		.trim()
		.min(1, 'Give the announcement a title.')
		.max(ANNOUNCEMENT_TITLE_MAX_LENGTH, `Use at most ${ANNOUNCEMENT_TITLE_MAX_LENGTH} characters.`),
	body: z
		.string({ required_error: 'Write the announcement.' })
		.refine((v) => v.trim().length > 0, 'Write the announcement.')
		.refine((v) => v.length <= ANNOUNCEMENT_BODY_MAX_LENGTH, `Use at most ${ANNOUNCEMENT_BODY_MAX_LENGTH} characters.`),
	to: z.enum(['both', 'mentors', 'mentees'], { errorMap: () => ({ message: 'Send it to mentors, mentees or both.' }) }).default('both'),
	statuses: z
		.array(z.enum(OPEN_REGISTRATION_STATUSES as [string, ...string[]], { errorMap: () => ({ message: 'Choose statuses of registrations still in the programme.' }) }))
		.min(1, 'Choose at least one status.')
		.default([...OPEN_REGISTRATION_STATUSES])
		.transform((list) => [...new Set(list)] as RegistrationStatus[]),
})
export type AnnouncementInput = z.infer<typeof AnnouncementSchema>

/** The stored audience: an empty list means every role, or every open status. */
export function audienceOf(input: Pick<AnnouncementInput, 'to' | 'statuses'>): AnnouncementAudience {
	const statuses = OPEN_REGISTRATION_STATUSES.every((s) => input.statuses.includes(s)) ? [] : input.statuses
	return { roles: [...ANNOUNCEMENT_ROLE_CHOICES[input.to]], statuses }
}

/** The roles and statuses a stored audience reaches, each list filled in. */
export function reachOf(audience: AnnouncementAudience): { roles: RegistrationRole[]; statuses: RegistrationStatus[] } {
	return {
		roles: audience.roles.length > 0 ? audience.roles : ['mentor', 'mentee'],
		statuses: (audience.statuses.length > 0 ? audience.statuses : OPEN_REGISTRATION_STATUSES).filter((s) =>
			(OPEN_REGISTRATION_STATUSES as readonly string[]).includes(s),
		),
	}
}

/** Whether a registration in this role and status receives the announcement. */
export function reaches(audience: AnnouncementAudience, registration: { role: RegistrationRole; status: RegistrationStatus }): boolean {
	const { roles, statuses } = reachOf(audience)
	return roles.includes(registration.role) && statuses.includes(registration.status)
}

/** "mentees in searching or in progress", for the list of past announcements. */
export function describeAudience(audience: AnnouncementAudience): string {
	const who = audience.roles.length === 1 ? `${audience.roles[0]}s` : 'mentors and mentees'
	if (audience.statuses.length === 0) return `${who} still in the programme`
	return `${who} in ${audience.statuses.map((s) => s.replaceAll('_', ' ')).join(', ')}`
}

/** The outbox key that sends each person one copy of an announcement, however often its job runs. */
export const announcementDedupeKey = (announcementId: string, userId: string) => `announcement:${announcementId}:${userId}`
