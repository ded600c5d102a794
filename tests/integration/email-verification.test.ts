import { asc, eq } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { mentorProfiles, sessions, users } from '../../db/schema'
import * as availability from '../../app/routes/api.v1.me.availability.$type'
import * as signupApi from '../../app/routes/api.v1.auth.signup'
import * as resendApi from '../../app/routes/api.v1.auth.verification-email'
import * as bookingsIndex from '../../app/routes/api.v1.bookings._index'
import * as verifyPage from '../../app/routes/verify-email_.$token'
import * as resendPage from '../../app/routes/verify-email'
import { VERIFY_LINK_LIFETIME_MS } from '../../app/rules/account-links'
import { createSession } from '../../app/services/auth-sessions.server'
import { getIntroBookingState } from '../../app/services/intro-booking.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { call, cookieFrom } from '../support/http'
import { createUser } from '../support/factories'
import { emailsTo } from '../support/outbox'
import { submit } from '../support/forms'

/** A Monday; the mentor's Wednesday 09:00 Berlin slot is 48 hours ahead. */
const NOW = new Date('2027-03-01T08:00:00Z')
const form = { helpWith: 'Moving into product management', background: 'Support lead', goals: 'A plan for the year' }

afterEach(() => resetClock())

/** The token of the newest verification email to `userId`, read from its link as the reader would. */
async function tokenMailedTo(userId: string): Promise<string> {
	const mails = (await emailsTo(userId)).filter((e) => e.template === 'verify_email')
	const link = /\/verify-email\/([^"\s<]+)/.exec(mails.at(-1)?.text ?? '')
	if (!link) throw new Error('no verification link was mailed')
	return decodeURIComponent(link[1]!)
}

const verifiedAt = async (userId: string) => (await getDb().select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, userId)))[0]!.at

async function mentorWithWednesdays() {
	const { user } = await createUser({ role: 'mentor' })
	const { token } = await createSession(user.id, NOW)
	const cookie = `mentora_session=${token}`
	const calendar = { timeZone: 'Europe/Berlin', weekly: [{ weekday: 3, start: '09:00', end: '10:00' }], overrides: [], bufferMinutes: 0 }
	expect((await call(availability.action, { method: 'PUT', path: '/api/v1/me/availability/intro', cookie, params: { type: 'intro' }, body: calendar })).response.status).toBe(200)
	const [profile] = await getDb().select({ slug: mentorProfiles.slug }).from(mentorProfiles).where(eq(mentorProfiles.userId, user.id))
	return { user, slug: profile!.slug }
}

describe('email verification', () => {
	test('sign-up mails a link; until it is used the mentee may not book (403 email_not_verified, nothing written); after, she may', async () => {
		freezeClockAt(NOW)
		const mentor = await mentorWithWednesdays()
		const email = `verify-${Date.now()}@example.com`
		const signed = await call(signupApi.action, {
			path: '/api/v1/auth/signup',
			body: { email, password: 'correct horse battery', name: 'Vera Fied', role: 'mentee', timeZone: 'Asia/Tokyo' },
			ip: '192.0.2.200',
		})
		expect(signed.response.status).toBe(201)
		expect(signed.json.user.emailVerified).toBe(false)
		const cookie = cookieFrom(signed.response) ?? signed.context.responseCookies.find((c) => c.startsWith('mentora_session='))!.split(';')[0]!
		const userId = signed.json.user.id as string

		const [mail] = (await emailsTo(userId)).filter((e) => e.template === 'verify_email')
		expect(mail!.subject).toBe('Confirm your email address for Mentora')
		// The link's expiry is named in the recipient's zone.
		expect(mail!.text).toContain('Asia/Tokyo')

		const start = '2027-03-03T08:00:00.000Z'
		const before = JSON.stringify(await getDb().select().from(sessions).orderBy(asc(sessions.id)))
		const refused = await call(bookingsIndex.action, { path: '/api/v1/bookings', cookie, body: { mentor: mentor.slug, type: 'intro', start, introForm: form } })
		expect(refused.response.status).toBe(403)
		expect(refused.json.error.code).toBe('email_not_verified')
		expect(JSON.stringify(await getDb().select().from(sessions).orderBy(asc(sessions.id)))).toBe(before)
		// The booking box says why before any form is filled in.
		const viewer = (await getDb().select().from(users).where(eq(users.id, userId)))[0]!
		expect((await getIntroBookingState({ mentorSlug: mentor.slug, viewer, now: NOW })).blocker).toEqual({ reason: 'email_unverified' })

		// Opening the link only reads it: a mail scanner following it confirms nothing.
		const token = await tokenMailedTo(userId)
		const opened = await submit((args) => verifyPage.loader({ ...args, params: { token } }), { path: `/verify-email/${token}`, cookie: '' })
		expect(await opened.json()).toEqual({ state: 'open', email, verified: false })
		expect(await verifiedAt(userId)).toBeNull()

		// Pressing the button from a logged-out browser confirms it and sends that browser to log in.
		const confirmed = await submit((args) => verifyPage.action({ ...args, params: { token } }), { path: `/verify-email/${token}`, cookie: '', fields: {} })
		expect(confirmed.status).toBe(302)
		expect(confirmed.headers.get('Location')).toBe('/login')
		expect(await verifiedAt(userId)).toEqual(NOW)

		const booked = await call(bookingsIndex.action, { path: '/api/v1/bookings', cookie, body: { mentor: mentor.slug, type: 'intro', start, introForm: form } })
		expect(booked.response.status).toBe(201)

		// Used again, the link says the address is already confirmed and changes nothing.
		freezeClockAt(new Date(NOW.getTime() + VERIFY_LINK_LIFETIME_MS + 1))
		const again = await submit((args) => verifyPage.loader({ ...args, params: { token } }), { path: `/verify-email/${token}`, cookie: '' })
		expect(await again.json()).toEqual({ state: 'open', email, verified: true })
		await submit((args) => verifyPage.action({ ...args, params: { token } }), { path: `/verify-email/${token}`, cookie: '', fields: {} })
		expect(await verifiedAt(userId)).toEqual(NOW)
	})

	test('a link expires after a week (410), a forged or cut one is 404, and one sent for another address is refused', async () => {
		freezeClockAt(NOW)
		const { user } = await createUser({ verified: false })
		const token = await tokenMailedTo(user.id)
		const late = new Date(NOW.getTime() + VERIFY_LINK_LIFETIME_MS + 60_000)
		freezeClockAt(late)
		const expired = await submit((args) => verifyPage.action({ ...args, params: { token } }), { path: `/verify-email/${token}`, cookie: '', fields: {} })
		expect(expired.status).toBe(410)
		expect(await expired.json()).toMatchObject({ code: 'verify_link_expired' })
		expect(await verifiedAt(user.id)).toBeNull()

		freezeClockAt(NOW)
		const cut = token.slice(0, -3)
		const forged = await submit((args) => verifyPage.loader({ ...args, params: { token: cut } }), { path: `/verify-email/${cut}`, cookie: '' })
		expect(forged.status).toBe(404)
		expect(await forged.json()).toMatchObject({ code: 'verify_link_invalid' })

		// The address changed since the link was sent: the link no longer confirms anything.
		await getDb().update(users).set({ email: `changed-${user.email}` }).where(eq(users.id, user.id))
		const moved = await submit((args) => verifyPage.action({ ...args, params: { token } }), { path: `/verify-email/${token}`, cookie: '', fields: {} })
		expect(moved.status).toBe(404)
		expect(await verifiedAt(user.id)).toBeNull()
	})

	test('another link on request: 202 and a new email, three an hour, 409 once verified; the page form answers with a toast', async () => {
		const { user, cookie } = await createUser({ verified: false })
		const before = (await emailsTo(user.id)).filter((e) => e.template === 'verify_email').length
		for (let i = 0; i < 3; i++) {
			const sent = await call(resendApi.action, { path: '/api/v1/auth/verification-email', cookie, body: {} })
			expect(sent.response.status).toBe(202)
			expect(sent.json).toEqual({ sent: true, email: user.email })
		}
		expect((await emailsTo(user.id)).filter((e) => e.template === 'verify_email')).toHaveLength(before + 3)
		const throttled = await call(resendApi.action, { path: '/api/v1/auth/verification-email', cookie, body: {} })
		expect(throttled.response.status).toBe(429)
		expect(throttled.json.error.code).toBe('rate_limited')

		const fromPage = await submit(resendPage.action, { path: '/verify-email', cookie, fields: { redirectTo: '//evil.example' } })
		expect(fromPage.status).toBe(302)
		expect(fromPage.headers.get('Location')).toBe('/dashboard')
		expect(fromPage.headers.get('Set-Cookie')).toContain('mentora_flash=')

		const verified = await createUser()
		const already = await call(resendApi.action, { path: '/api/v1/auth/verification-email', cookie: verified.cookie, body: {} })
		expect(already.response.status).toBe(409)
		expect(already.json.error.code).toBe('already_verified')
		const anonymous = await call(resendApi.action, { path: '/api/v1/auth/verification-email', cookie: null, body: {} })
		expect(anonymous.response.status).toBe(401)
	})
})
