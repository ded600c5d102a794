import { randomBytes } from 'node:crypto'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { and, asc, eq, gt, isNull } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { getDb, type Transaction } from '../../db/client'
import { engagementPeriods, journeyLinks, programmes, registrations, users, type JourneyLinkPurpose, type RegistrationRole } from '../../db/schema'
import {
	checkChoice,
	checkLink,
	isWellFormedToken,
	LINK_REFUSAL_STATUS,
	linkExpiresAt,
	openChoices,
	type LinkChoice,
	type LinkRefusalCode,
} from '../rules/journey-links'
import { actionOnPeriodAdded, nextStatus } from '../rules/registration-journey'
import { DomainError } from '../utils/errors'
import { getEnv } from '../utils/env.server'
import { onRegistrationStatusChanged } from './journey-emails.server'
import { queueEmail } from './outbox.server'

/**
 * The journey's signed links (app/rules/journey-links.ts): emailed to a manager, a partner
 * contact, or the participant for one-click actions, working without an account. Only the
 * token's SHA-256 is kept, as for calendar feeds. Opening a link reads; posting acts, once: the
 * link is marked used in the transaction of the step it takes, so two clicks at once act once.
 */

/** A link that cannot be used: unknown or forged (404), expired (410), already used (409). */
export class LinkRefusal extends Error {
	readonly status: number
	constructor(
		readonly code: LinkRefusalCode,
		message: string,
	) {
		super(message)
		this.status = LINK_REFUSAL_STATUS[code]
	}
}

export function isLinkRefusal(error: unknown): error is LinkRefusal {
	return error instanceof LinkRefusal
}

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)))

export const linkUrl = (token: string) => `${getEnv().APP_URL}/links/${token}`

/** Writes a link row inside `tx`; the token is returned this once (for the email) and never stored. */
export async function issueLink(
	tx: Transaction,
	input: { registrationId: string; purpose: JourneyLinkPurpose; periodId?: string | null; recipientEmail: string; now: Date },
): Promise<{ token: string; url: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url')
	const expiresAt = linkExpiresAt(input.purpose, input.now)
	await tx.insert(journeyLinks).values({
		registrationId: input.registrationId,
		purpose: input.purpose,
		periodId: input.periodId ?? null,
		recipientEmail: input.recipientEmail,
		tokenHash: hashToken(token),
		expiresAt,
		createdAt: input.now,
	})
	return { token, url: linkUrl(token), expiresAt }
}

/** "2 March 2027 at 14:05 UTC": refusals name when something happened; the reader's zone is unknown. */
const describeWhen = (at: Date) => `${DateTime.fromJSDate(at, { zone: 'utc' }).setLocale('en-GB').toFormat("d LLLL yyyy 'at' HH:mm")} UTC`

export const linkNotFound = () => new LinkRefusal('link_not_found', 'This link is not valid. Check that the whole address from the email was opened.')

async function findLink(db: Pick<Transaction, 'select'>, token: string) {
	if (!isWellFormedToken(token)) throw linkNotFound()
	const [row] = await db
		.select({
			link: journeyLinks,
			registration: registrations,
			programme: { slug: programmes.slug, name: programmes.name, managerValidation: programmes.managerValidation },
			participant: { name: users.name },
		})
		.from(journeyLinks)
		.innerJoin(registrations, eq(registrations.id, journeyLinks.registrationId))
		.innerJoin(programmes, eq(programmes.id, registrations.programmeId))
		.innerJoin(users, eq(users.id, registrations.userId))
		.where(eq(journeyLinks.tokenHash, hashToken(token)))
	if (!row) throw linkNotFound()
	return row
}

export type LinkPeriod = { start: string; end: string | null }

/** What a link's page shows: no more than its email did. */
export type LinkView = {
	purpose: JourneyLinkPurpose
	programme: { name: string; slug: string }
	participantName: string
	role: RegistrationRole
	/** The manager's link: the period asked about; the others: every period of the registration. */
	periods: LinkPeriod[]
	choices: LinkChoice[]
	expiresAt: string
}

/**
 * What a link is about and what it still offers; never changes anything (mail scanners open
 * links). Refused as LinkRefusal, or `invalid_transition` when the registration has moved on.
 */
export async function readLink(token: string, now: Date): Promise<LinkView> {
	const db = getDb()
	const { link, registration, programme, participant } = await findLink(db, token)
	const state = checkLink(link, now, describeWhen)
	if (!state.ok) throw new LinkRefusal(state.code, state.message)
	const choices = openChoices({ purpose: link.purpose, status: registration.status, managerValidation: programme.managerValidation })
	if (choices.length === 0) {
		throw new DomainError('invalid_transition', `This registration is ${registration.status.replaceAll('_', ' ')}: there is nothing left to do with this link.`)
	}
	const periods = await db
		.select({ id: engagementPeriods.id, start: engagementPeriods.startDate, end: engagementPeriods.endDate })
		.from(engagementPeriods)
		.where(eq(engagementPeriods.registrationId, registration.id))
		.orderBy(asc(engagementPeriods.startDate))
	const shown = link.periodId ? periods.filter((p) => p.id === link.periodId) : periods
	return {
		purpose: link.purpose,
		programme: { name: programme.name, slug: programme.slug },
		participantName: participant.name,
		role: registration.role,
		periods: shown.map(({ start, end }) => ({ start, end })),
		choices,
		expiresAt: link.expiresAt.toISOString(),
	}
}

export type LinkUse = { token: string; choice: LinkChoice; note?: string | null; period?: { start: string; end: string | null }; now: Date }

function isConstraintViolation(error: unknown, sqlState: string, constraint: string): boolean {
	const e = error as { code?: string; constraint_name?: string; cause?: unknown } | null
	if (!e || typeof e !== 'object') return false
	if (e.code === sqlState && e.constraint_name === constraint) return true
	return e.cause !== undefined && isConstraintViolation(e.cause, sqlState, constraint)
}

/**
 * Takes the link's step, once. The link is claimed first (`used_at is null and expires_at > now`,
 * atomically), so a second click waits for the first and then finds it used; the journey table
 * then decides the step with the link's actor. Any refusal rolls the claim back: nothing is written.
 */
export async function actOnLink(input: LinkUse): Promise<{ choice: LinkChoice; participantName: string }> {
	return getDb().transaction(async (tx) => {
		const found = await findLink(tx, input.token)
		const [claimed] = await tx
			.update(journeyLinks)
			.set({ usedAt: input.now, usedFor: input.choice })
			.where(and(eq(journeyLinks.id, found.link.id), isNull(journeyLinks.usedAt), gt(journeyLinks.expiresAt, input.now)))
			.returning({ id: journeyLinks.id })
		if (!claimed) {
			const [latest] = await tx.select().from(journeyLinks).where(eq(journeyLinks.id, found.link.id))
			const state = checkLink(latest ?? found.link, input.now, describeWhen)
			throw state.ok ? linkNotFound() : new LinkRefusal(state.code, state.message)
		}

		const [r] = await tx.select().from(registrations).where(eq(registrations.id, found.registration.id)).for('update')
		if (!r) throw linkNotFound()
		const verdict = checkChoice({ purpose: found.link.purpose, choice: input.choice, status: r.status, managerValidation: found.programme.managerValidation })
		if (!verdict.ok) throw new DomainError(verdict.code, verdict.message)

		if (input.choice === 'add_dates') {
			await addPeriodByLink(tx, r, found.programme.managerValidation, input)
		} else {
			if (input.choice === 'reject' && found.link.periodId) await dropRejectedPeriod(tx, found.link.id, found.link.periodId)
			const [updated] = await tx.update(registrations).set({ status: verdict.status, statusChangedAt: input.now }).where(eq(registrations.id, r.id)).returning()
			await onRegistrationStatusChanged(tx, { registration: updated!, from: r.status, to: verdict.status, now: input.now })
		}
		if (input.choice === 'approve' || input.choice === 'reject') {
			await queueEmail(tx, {
				to: r.userId,
				template: 'manager_decision',
				data: { programme: { slug: found.programme.slug, name: found.programme.name }, approved: input.choice === 'approve', note: input.note?.trim() || null },
			})
		}
		return { choice: input.choice, participantName: found.participant.name }
	})
}

/** The participant's "Add dates" from their reflection link: the rules of adding a period on their page. */
async function addPeriodByLink(tx: Transaction, r: typeof registrations.$inferSelect, managerValidation: boolean, input: LinkUse) {
	const period = input.period
	if (!period) throw new DomainError('validation_failed', 'Give the start date.', { start: ['Give the start date.'] })
	await tx
		.insert(engagementPeriods)
		.values({ registrationId: r.id, startDate: period.start, endDate: period.end, createdAt: input.now })
		.catch((error: unknown) => {
			if (isConstraintViolation(error, '23P01', 'engagement_periods_no_overlap')) {
				throw new DomainError('periods_overlap', 'These dates overlap another of your engagement periods.', { start: ['These dates overlap another of your engagement periods.'] })
			}
			throw error
		})
	const action = actionOnPeriodAdded(r.status)
	if (!action) return
	const next = nextStatus({ status: r.status, action, actor: 'participant', managerValidation })
	if (!next.ok) throw new DomainError(next.code, next.message)
	const [updated] = await tx.update(registrations).set({ status: next.status, statusChangedAt: input.now }).where(eq(registrations.id, r.id)).returning()
	await onRegistrationStatusChanged(tx, { registration: updated!, from: r.status, to: next.status, now: input.now })
}

/**
 * The manager refused that engagement, so its dates never happened: the period asked about goes
 * (it would otherwise run on and overlap the next dates the participant adds). The link keeps its
 * record of what it did, so it is unhooked from the period first.
 */
async function dropRejectedPeriod(tx: Transaction, linkId: string, periodId: string) {
	await tx.update(journeyLinks).set({ periodId: null }).where(eq(journeyLinks.id, linkId))
	await tx.delete(engagementPeriods).where(eq(engagementPeriods.id, periodId))
}
