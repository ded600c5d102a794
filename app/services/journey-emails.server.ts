import { and, asc, eq, lte } from 'drizzle-orm'
import { getDb, type Transaction } from '../../db/client'
import { emailOutbox, engagementPeriods, programmes, registrations, users, type RegistrationStatus } from '../../db/schema'
import { foundYourMatchKey, isPastGrace, JOURNEY_REMINDER_GRACE_DAYS, quarterlyReflectionKey } from '../rules/journey-links'
import { issueLink } from './journey-links.server'
import { queueEmail } from './outbox.server'

/**
 * The journey's emails (PRODUCT.md "Programmes and registrations" and "Email"): what a status
 * change sends, called in the transaction of the change, and the monthly and quarterly senders.
 */

type Registration = typeof registrations.$inferSelect

/** Someone without an account is greeted without a name: we know only their address. */
const OUTSIDE_NAME = 'there'

async function contextOf(tx: Transaction, registration: Registration) {
	const [row] = await tx
		.select({ programme: { slug: programmes.slug, name: programmes.name }, participant: { name: users.name, timeZone: users.timeZone } })
		.from(programmes)
		.innerJoin(users, eq(users.id, registration.userId))
		.where(eq(programmes.id, registration.programmeId))
	return row!
}

const periodsOf = (tx: Transaction, registrationId: string) =>
	tx
		.select({ id: engagementPeriods.id, start: engagementPeriods.startDate, end: engagementPeriods.endDate })
		.from(engagementPeriods)
		.where(eq(engagementPeriods.registrationId, registrationId))
		.orderBy(asc(engagementPeriods.startDate))

/**
 * What entering a status sends. Awaiting the manager's validation: the manager named at
 * registration gets approve / reject links. Awaiting confirmation: the participant is asked to
 * confirm on the programme's page, and the partner contact, where one was given, gets a link that
 * confirms it. Outside recipients are emailed in the participant's zone, the likeliest to be theirs.
 */
export async function onRegistrationStatusChanged(
	tx: Transaction,
	input: { registration: Registration; from: RegistrationStatus; to: RegistrationStatus; now: Date },
): Promise<void> {
	const { registration: r, to, now } = input
	if (input.from === to) return
	if (to === 'awaiting_manager_validation') {
		// Registration requires the manager's email where the programme asks; one switched on later has no one to ask.
		if (!r.managerEmail) return
		const { programme, participant } = await contextOf(tx, r)
		const periods = await periodsOf(tx, r.id)
		const period = periods.at(-1) ?? null
		const link = await issueLink(tx, { registrationId: r.id, purpose: 'manager_validation', periodId: period?.id ?? null, recipientEmail: r.managerEmail, now })
		await queueEmail(tx, {
			to: { email: r.managerEmail, name: OUTSIDE_NAME, timeZone: participant.timeZone },
			template: 'manager_validation_request',
			data: {
				programme,
				participantName: participant.name,
				role: r.role,
				period: period ? { start: period.start, end: period.end } : null,
				linkUrl: link.url,
				linkExpiresAt: link.expiresAt.toISOString(),
			},
		})
	}
	if (to === 'awaiting_confirmation') {
		const { programme, participant } = await contextOf(tx, r)
		const periods = (await periodsOf(tx, r.id)).map(({ start, end }) => ({ start, end }))
		const base = { programme, participantName: participant.name, periods }
		await queueEmail(tx, { to: r.userId, template: 'participation_to_confirm', data: { ...base, linkUrl: null, linkExpiresAt: null } })
		if (r.partnerEmail) {
			const link = await issueLink(tx, { registrationId: r.id, purpose: 'partner_confirmation', recipientEmail: r.partnerEmail, now })
			await queueEmail(tx, {
				to: { email: r.partnerEmail, name: OUTSIDE_NAME, timeZone: participant.timeZone },
				template: 'participation_to_confirm',
				data: { ...base, linkUrl: link.url, linkExpiresAt: link.expiresAt.toISOString() },
			})
		}
	}
}

/** Undoes one recipient's transaction when nothing was queued, so no link is left behind. */
class NothingQueued extends Error {}

/** Each recipient in their own transaction, re-read under a lock: one bad row holds no other back, and a status that moved on is skipped. */
async function sendEach(status: RegistrationStatus, now: Date, send: (tx: Transaction, r: Registration) => Promise<boolean>): Promise<number> {
	const graceStart = new Date(now.getTime() - JOURNEY_REMINDER_GRACE_DAYS * 24 * 3_600_000)
	const due = await getDb()
		.select({ id: registrations.id })
		.from(registrations)
		.where(and(eq(registrations.status, status), lte(registrations.statusChangedAt, graceStart)))
		.orderBy(asc(registrations.createdAt), asc(registrations.id))
	let queued = 0
	for (const { id } of due) {
		try {
			await getDb().transaction(async (tx) => {
				const [r] = await tx.select().from(registrations).where(eq(registrations.id, id)).for('update')
				if (!r || r.status !== status || !isPastGrace(r.statusChangedAt, now)) throw new NothingQueued()
				if (!(await send(tx, r))) throw new NothingQueued()
			})
			queued++
		} catch (error) {
			if (!(error instanceof NothingQueued)) throw error
		}
	}
	return queued
}

/**
 * The monthly "have you found your match?" to every searching participant, once per registration
 * and month (the outbox's dedupe key decides, also when two workers run at once); a muted
 * programme reminder is not sent.
 */
export function sendFoundYourMatch(now: Date): Promise<number> {
	return sendEach('searching', now, async (tx, r) => {
		const { programme } = await contextOf(tx, r)
		return Boolean(await queueEmail(tx, { to: r.userId, template: 'found_your_match', data: { programme, role: r.role }, dedupeKey: foundYourMatchKey(r.id, now) }))
	})
}

/**
 * The quarterly reflection to every participant in progress, once per registration and quarter:
 * their engagement dates and one reflection link for "Add dates" and "My mission has ended". When
 * nothing is queued (muted, or already sent by another run) the link is rolled back with it.
 */
export function sendQuarterlyReflections(now: Date): Promise<number> {
	return sendEach('in_progress', now, async (tx, r) => {
		const dedupeKey = quarterlyReflectionKey(r.id, now)
		const [seen] = await tx.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.dedupeKey, dedupeKey))
		if (seen) return false
		const { programme } = await contextOf(tx, r)
		const periods = await periodsOf(tx, r.id)
		const [account] = await tx.select({ email: users.email }).from(users).where(eq(users.id, r.userId))
		const link = await issueLink(tx, { registrationId: r.id, purpose: 'reflection', recipientEmail: account!.email, now })
		const data = { programme, periods: periods.map(({ start, end }) => ({ start, end })), linkUrl: link.url, linkExpiresAt: link.expiresAt.toISOString() }
		return Boolean(await queueEmail(tx, { to: r.userId, template: 'quarterly_reflection', data, dedupeKey }))
	})
}

