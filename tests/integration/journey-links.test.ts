import { randomBytes } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { emailOutbox, engagementPeriods, journeyLinks, registrations } from '../../db/schema'
import { action, loader } from '../../app/routes/links.$token'
import { MANAGER_LINK_LIFETIME_DAYS } from '../../app/rules/journey-links'
import { sendQuarterlyReflections } from '../../app/services/journey-emails.server'
import { addPeriod, endRegistration, withdrawRegistration } from '../../app/services/registrations.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { person } from '../support/outbox'
import { programme } from '../support/programmes'

const NOW = new Date('2027-02-01T09:00:00Z')
const DAY = 24 * 3_600_000

// The pages read the app's clock; the services here are given NOW.
beforeEach(() => freezeClockAt(NOW))
afterEach(() => resetClock())

type Answer = { state: string; code?: string; message?: string; fields?: Record<string, string[]>; view?: { choices: string[]; periods: unknown[]; participantName: string } }

async function call(handler: typeof loader | typeof action, token: string, init: { query?: string; fields?: Record<string, string> } = {}): Promise<{ status: number; body: Answer }> {
	const request = new Request(`http://localhost:3000/links/${token}${init.query ?? ''}`, {
		method: init.fields ? 'POST' : 'GET',
		headers: init.fields ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
		body: init.fields ? new URLSearchParams(init.fields).toString() : undefined,
	})
	const result = (await handler({ request, context: { ip: '203.0.113.7', responseCookies: [] } as never, params: { token } })) as unknown
	const wrapped = result as { type?: string; data?: Answer; init?: { status?: number } }
	if (wrapped?.type === 'DataWithResponseInit') return { status: wrapped.init?.status ?? 200, body: wrapped.data! }
	return { status: 200, body: result as Answer }
}

const open = (token: string, query = '') => call(loader, token, { query })
const post = (token: string, fields: Record<string, string>) => call(action, token, { fields })

/** The token in an email's plain text, as a person would follow it. */
function tokenIn(text: string): string {
	const match = /\/links\/([A-Za-z0-9_-]{43})/.exec(text)
	if (!match) throw new Error(`no link in: ${text}`)
	return match[1]!
}

/** Everything a refused or read-only request must leave as it was. */
async function state() {
	const db = getDb()
	const [r, p, l, o] = await Promise.all([
		db.select().from(registrations).orderBy(asc(registrations.id)),
		db.select().from(engagementPeriods).orderBy(asc(engagementPeriods.id)),
		db.select().from(journeyLinks).orderBy(asc(journeyLinks.id)),
		db.select({ id: emailOutbox.id }).from(emailOutbox).orderBy(asc(emailOutbox.id)),
	])
	return { r, p, l, o }
}

const emailsWith = (template: string, toAddress: string) =>
	getDb()
		.select()
		.from(emailOutbox)
		.where(and(eq(emailOutbox.template, template), eq(emailOutbox.toAddress, toAddress)))
		.orderBy(asc(emailOutbox.createdAt))

const statusOf = async (id: string) => (await getDb().select().from(registrations).where(eq(registrations.id, id)))[0]!.status

/** A searching participant of a programme with manager validation, who adds their dates: the manager is asked. */
async function awaitingManager() {
	const p = await programme({ managerValidation: true, name: 'Volunteer mentoring' })
	const participant = await person('mentee', 'Europe/Berlin', 'Jonas Weber')
	const managerEmail = `manager-${randomBytes(3).toString('hex')}@example.org`
	const [r] = await getDb().insert(registrations).values({ programmeId: p.id, userId: participant.id, role: 'mentee', status: 'searching', managerEmail }).returning()
	await addPeriod({ id: r!.id, actorId: participant.id, start: '2027-02-08', end: '2027-06-30', now: NOW })
	const [email] = await emailsWith('manager_validation_request', managerEmail)
	return { p, participant, r: r!, managerEmail, email: email!, token: tokenIn(email!.text) }
}

describe('the manager validation link', () => {
	test('the manager is emailed without an account; opening the link changes nothing; approving moves the registration to in progress, once', async () => {
		const { participant, r, managerEmail, email, token } = await awaitingManager()
		expect(await statusOf(r.id)).toBe('awaiting_manager_validation')
		expect(email).toMatchObject({ userId: null, toAddress: managerEmail, category: 'transactional', headers: {} })
		expect(email.text).toContain('Jonas Weber')
		expect(email.text).toContain('8 February 2027 – 30 June 2027')
		expect(email.text).toContain(`/links/${token}?choice=approve`)
		expect(email.text).toContain(`/links/${token}?choice=reject`)

		const before = await state()
		const page = await open(token, '?choice=approve')
		expect(page.status).toBe(200)
		expect(page.body.view).toMatchObject({ choices: ['approve', 'reject'], participantName: 'Jonas Weber', periods: [{ start: '2027-02-08', end: '2027-06-30' }] })
		expect(await state()).toEqual(before)

		const done = await post(token, { intent: 'approve' })
		expect(done).toMatchObject({ status: 200, body: { state: 'done' } })
		expect(await statusOf(r.id)).toBe('in_progress')
		const [link] = await getDb().select().from(journeyLinks).where(eq(journeyLinks.registrationId, r.id))
		expect(link).toMatchObject({ purpose: 'manager_validation', usedFor: 'approve', recipientEmail: managerEmail })
		expect(link!.usedAt).not.toBeNull()
		expect(link!.tokenHash).not.toContain(token)
		const decisions = await getDb().select().from(emailOutbox).where(and(eq(emailOutbox.userId, participant.id), eq(emailOutbox.template, 'manager_decision')))
		expect(decisions.map((d) => d.data)).toEqual([expect.objectContaining({ approved: true })])

		const again = await post(token, { intent: 'reject' })
		expect(again.status).toBe(409)
		expect(again.body).toMatchObject({ state: 'refused', code: 'link_used' })
		expect(again.body.message).toContain('the engagement was approved on 1 February 2027 at 09:00 UTC')
		expect(await open(token)).toMatchObject({ status: 409, body: { code: 'link_used' } })
		expect(await statusOf(r.id)).toBe('in_progress')
	})

	test("a manager's rejection, with a note, returns the registration to searching and tells the participant", async () => {
		const { r, participant, managerEmail, token } = await awaitingManager()
		expect(await post(token, { intent: 'reject', note: 'Not during the spring term, sorry.' })).toMatchObject({ status: 200, body: { state: 'done' } })
		expect(await statusOf(r.id)).toBe('searching')
		const mine = await getDb().select().from(emailOutbox).where(and(eq(emailOutbox.userId, participant.id), eq(emailOutbox.template, 'manager_decision')))
		expect(mine).toHaveLength(1)
		expect(mine[0]!.text).toContain('Not during the spring term, sorry.')

		// The refused dates are gone, so new ones can be added: the manager is asked again, by a new link.
		expect(await getDb().select().from(engagementPeriods).where(eq(engagementPeriods.registrationId, r.id))).toEqual([])
		expect(await post(token, { intent: 'approve' })).toMatchObject({ status: 409, body: { code: 'link_used' } })
		await addPeriod({ id: r.id, actorId: participant.id, start: '2027-09-01', end: null, now: NOW })
		expect(await statusOf(r.id)).toBe('awaiting_manager_validation')
		const requests = await emailsWith('manager_validation_request', managerEmail)
		expect(requests).toHaveLength(2)
		expect(requests[1]!.text).toContain('from 1 September 2027, ongoing')
		expect(tokenIn(requests[1]!.text)).not.toBe(token)
	})

	test('forged and malformed tokens are not found; nothing is written', async () => {
		await awaitingManager()
		const before = await state()
		for (const token of [randomBytes(32).toString('base64url'), 'not-a-token', `${'a'.repeat(42)}%`]) {
			expect(await open(token)).toMatchObject({ status: 404, body: { code: 'link_not_found' } })
			expect(await post(token, { intent: 'approve' })).toMatchObject({ status: 404, body: { code: 'link_not_found' } })
		}
		expect(await state()).toEqual(before)
	})

	test('an expired link is refused with 410 and writes nothing', async () => {
		const { r, token } = await awaitingManager()
		freezeClockAt(new Date(NOW.getTime() + MANAGER_LINK_LIFETIME_DAYS * DAY))
		const before = await state()
		expect(await open(token)).toMatchObject({ status: 410, body: { code: 'link_expired' } })
		expect(await post(token, { intent: 'approve' })).toMatchObject({ status: 410, body: { code: 'link_expired' } })
		expect(await state()).toEqual(before)
		expect(await statusOf(r.id)).toBe('awaiting_manager_validation')
	})

	test('ten clicks at once act once: one approval, one email, the rest told the link was used', async () => {
		const { r, participant, token } = await awaitingManager()
		const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(token, { intent: i % 2 ? 'approve' : 'reject' })))
		const ok = answers.filter((a) => a.status === 200)
		expect(ok).toHaveLength(1)
		expect(answers.filter((a) => a.status === 409 && a.body.code === 'link_used')).toHaveLength(9)
		const decisions = await getDb().select().from(emailOutbox).where(and(eq(emailOutbox.userId, participant.id), eq(emailOutbox.template, 'manager_decision')))
		expect(decisions).toHaveLength(1)
		expect(await statusOf(r.id)).toBe((decisions[0]!.data as { approved: boolean }).approved ? 'in_progress' : 'searching')
	})

	test('a step the registration can no longer take is 409 invalid_transition, and the link stays unused', async () => {
		const { r, participant, token } = await awaitingManager()
		await withdrawRegistration({ id: r.id, actorId: participant.id, now: NOW })
		const before = await state()
		expect(await open(token)).toMatchObject({ status: 409, body: { code: 'invalid_transition' } })
		expect(await post(token, { intent: 'approve' })).toMatchObject({ status: 409, body: { code: 'invalid_transition' } })
		expect(await state()).toEqual(before)
	})

	test('a link offers only its own buttons: a manager link cannot confirm a participation, and nonsense is 422', async () => {
		const { token } = await awaitingManager()
		const before = await state()
		expect(await post(token, { intent: 'confirm' })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
		expect(await post(token, { intent: 'launch' })).toMatchObject({ status: 422, body: { state: 'invalid' } })
		expect(await post(token, { intent: 'reject', note: 'x'.repeat(5000) })).toMatchObject({ status: 422, body: { fields: { note: [expect.any(String)] } } })
		expect(await state()).toEqual(before)
	})
})

/** A participant in progress with an engagement period, and a partner contact where given. */
async function inProgress(partnerEmail: string | null) {
	const p = await programme({ name: 'Partner school' })
	const participant = await person('mentor', 'America/New_York', 'Lena Hoffmann')
	const [r] = await getDb().insert(registrations).values({ programmeId: p.id, userId: participant.id, role: 'mentor', status: 'in_progress', partnerEmail, statusChangedAt: new Date(NOW.getTime() - 60 * DAY) }).returning()
	await getDb().insert(engagementPeriods).values({ registrationId: r!.id, startDate: '2026-10-01', endDate: null })
	return { p, participant, r: r! }
}

describe('the partner confirmation link', () => {
	test('the mission ended: the participant is asked on the programme page, the partner contact confirms through a link', async () => {
		const partnerEmail = `contact-${randomBytes(3).toString('hex')}@school.example`
		const { p, participant, r } = await inProgress(partnerEmail)
		await endRegistration({ id: r.id, actorId: participant.id, now: NOW })
		expect(await statusOf(r.id)).toBe('awaiting_confirmation')

		const own = await getDb().select().from(emailOutbox).where(and(eq(emailOutbox.userId, participant.id), eq(emailOutbox.template, 'participation_to_confirm')))
		expect(own).toHaveLength(1)
		expect(own[0]!.text).toContain(`/programmes/${p.slug}`)
		expect(own[0]!.text).not.toContain('/links/')

		const [email] = await emailsWith('participation_to_confirm', partnerEmail)
		expect(email).toMatchObject({ userId: null })
		expect(email!.text).toContain('Lena Hoffmann')
		const token = tokenIn(email!.text)
		expect((await open(token)).body.view).toMatchObject({ choices: ['confirm'], periods: [{ start: '2026-10-01', end: null }] })
		expect(await post(token, { intent: 'approve' })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
		expect(await post(token, { intent: 'confirm' })).toMatchObject({ status: 200, body: { state: 'done' } })
		expect(await statusOf(r.id)).toBe('completed')
		expect(await post(token, { intent: 'confirm' })).toMatchObject({ status: 409, body: { code: 'link_used' } })
	})

	test('without a partner contact only the participant is emailed, and no link is made', async () => {
		const { participant, r } = await inProgress(null)
		await endRegistration({ id: r.id, actorId: participant.id, now: NOW })
		expect(await getDb().select().from(journeyLinks).where(eq(journeyLinks.registrationId, r.id))).toEqual([])
		const asked = await getDb().select().from(emailOutbox).where(and(eq(emailOutbox.userId, participant.id), eq(emailOutbox.template, 'participation_to_confirm')))
		expect(asked.map((e) => e.data)).toEqual([expect.objectContaining({ linkUrl: null })])
	})
})

describe('the quarterly reflection links', () => {
	async function reflectionToken(userId: string, at: Date) {
		await sendQuarterlyReflections(at)
		const rows = await getDb().select().from(emailOutbox).where(and(eq(emailOutbox.userId, userId), eq(emailOutbox.template, 'quarterly_reflection'))).orderBy(asc(emailOutbox.createdAt))
		return tokenIn(rows.at(-1)!.text)
	}

	test('"Add dates" adds a period by the page\'s rules, without signing in: overlap and bad dates are refused and leave the link unused', async () => {
		const { participant, r } = await inProgress(null)
		await getDb().update(engagementPeriods).set({ endDate: '2026-12-20' }).where(eq(engagementPeriods.registrationId, r.id))
		const token = await reflectionToken(participant.id, NOW)
		expect((await open(token, '?choice=add_dates')).body.view).toMatchObject({ choices: ['add_dates', 'mission_ended'] })

		const before = await state()
		expect(await post(token, { intent: 'add_dates', start: '2026-12-01', end: '' })).toMatchObject({ status: 422, body: { code: 'periods_overlap', fields: { start: [expect.any(String)] } } })
		expect(await post(token, { intent: 'add_dates', start: '2027-03-01', end: '2027-02-01' })).toMatchObject({ status: 422, body: { fields: { end: [expect.any(String)] } } })
		expect(await post(token, { intent: 'add_dates', start: '2027-02-30' })).toMatchObject({ status: 422, body: { fields: { start: [expect.any(String)] } } })
		expect(await state()).toEqual(before)

		expect(await post(token, { intent: 'add_dates', start: '2027-01-11', end: '' })).toMatchObject({ status: 200, body: { state: 'done' } })
		const periods = await getDb().select().from(engagementPeriods).where(eq(engagementPeriods.registrationId, r.id)).orderBy(asc(engagementPeriods.startDate))
		expect(periods.map((p) => [p.startDate, p.endDate])).toEqual([
			['2026-10-01', '2026-12-20'],
			['2027-01-11', null],
		])
		expect(await statusOf(r.id)).toBe('in_progress')
		expect(await post(token, { intent: 'mission_ended' })).toMatchObject({ status: 409, body: { code: 'link_used' } })
	})

	test('"My mission has ended" moves the registration to awaiting confirmation and asks the participant to confirm', async () => {
		const { participant, r } = await inProgress(null)
		const token = await reflectionToken(participant.id, NOW)
		expect(await post(token, { intent: 'mission_ended' })).toMatchObject({ status: 200, body: { state: 'done' } })
		expect(await statusOf(r.id)).toBe('awaiting_confirmation')
		const asked = await getDb().select().from(emailOutbox).where(and(eq(emailOutbox.userId, participant.id), eq(emailOutbox.template, 'participation_to_confirm')))
		expect(asked).toHaveLength(1)
	})
})
