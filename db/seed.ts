import { sql } from 'drizzle-orm'
import { weeklyRule, type Weekday } from '../app/rules/availability'
import {
	INTRO_MAX_LEAD_MINUTES,
	INTRO_MIN_LEAD_MINUTES,
	INTRO_MINUTES,
	PAID_DEFAULT_MAX_LEAD_MINUTES,
	PAID_DEFAULT_MIN_LEAD_MINUTES,
	quotaMonth,
} from '../app/rules/booking-rules'
import { bundleExpiry } from '../app/rules/money'
import { hashPassword } from '../app/services/password.server'
import { now } from '../app/utils/clock.server'
import { getEnv } from '../app/utils/env.server'
import { getDb, type Transaction } from './client'
import { menteeProfiles, menteeSubjects, mentorProfiles, mentorSubjects, subjects, users } from './schema'
import {
	bundleOffers,
	bundles,
	stripeAccounts,
	availabilityCalendars,
	availabilityWindows,
	relationships,
	sessions,
	type IntroDecision,
	type IntroForm,
	type SessionStatus,
} from './schema'
import { seedDemoProgrammes } from './seed-programmes'
import { SUBJECTS } from './subjects'

export const DEMO_PASSWORD = 'mentora-demo'

type DemoPerson = {
	email: string
	name: string
	timeZone: string
	background: { industry: string; role: string; department: string; location: string; languages: string[]; yearsExperience: number; workHistory: string }
	subjects: string[]
}

type DemoMentor = DemoPerson & { slug: string; headline: string; bio: string; capacity: number }
type DemoMentee = DemoPerson & { headline: string; bio: string; goals: string }

export const DEMO_MENTORS: DemoMentor[] = [
	{
		email: 'lena@mentora.test', name: 'Lena Hoffmann', slug: 'lena-hoffmann', timeZone: 'Europe/Berlin', capacity: 4,
		headline: 'Engineering manager who grew two teams from 3 to 30',
		bio: 'I help new engineering leads find their footing: one-on-ones, hiring loops, and saying no to the right things.',
		background: { industry: 'Software', role: 'Engineering Manager', department: 'Engineering', location: 'Berlin, Germany', languages: ['English', 'German'], yearsExperience: 14, workHistory: 'Zalando (2014–2019), N26 (2019–now)' },
		subjects: ['engineering-management', 'leadership', 'career-growth'],
	},
	{
		email: 'marcus@mentora.test', name: 'Marcus Johnson', slug: 'marcus-johnson', timeZone: 'America/New_York', capacity: 3,
		headline: 'Staff engineer; distributed systems and the path to staff',
		bio: 'Twelve years of backend systems at scale. I review designs, mock interviews, and help you write the promo packet.',
		background: { industry: 'Fintech', role: 'Staff Engineer', department: 'Platform', location: 'New York, USA', languages: ['English', 'Spanish'], yearsExperience: 12, workHistory: 'Stripe (2016–2021), Ramp (2021–now)' },
		subjects: ['backend', 'software-architecture', 'interview-preparation'],
	},
	{
		email: 'priya@mentora.test', name: 'Priya Raman', slug: 'priya-raman', timeZone: 'Asia/Kolkata', capacity: 5,
		headline: 'Data science lead, from analyst to ML in production',
		bio: 'I mentor analysts moving into machine learning: the maths you need, the projects that prove it, and the interviews.',
		background: { industry: 'E-commerce', role: 'Data Science Lead', department: 'Data', location: 'Bengaluru, India', languages: ['English', 'Hindi', 'Tamil'], yearsExperience: 10, workHistory: 'Flipkart (2015–2020), Swiggy (2020–now)' },
		subjects: ['data-science', 'machine-learning', 'career-change'],
	},
	{
		email: 'oliver@mentora.test', name: 'Oliver Smith', slug: 'oliver-smith', timeZone: 'Australia/Sydney', capacity: 2,
		headline: 'Founder (one exit) and product lead',
		bio: 'I built and sold a B2B SaaS company. Ask me about finding the first ten customers, pricing, and raising a seed round.',
		background: { industry: 'SaaS', role: 'Founder', department: 'Product', location: 'Sydney, Australia', languages: ['English'], yearsExperience: 16, workHistory: 'Atlassian (2008–2014), founded Tallyfox (2014–2022)' },
		subjects: ['entrepreneurship', 'fundraising', 'product-management'],
	},
	{
		email: 'sofia@mentora.test', name: 'Sofía García', slug: 'sofia-garcia', timeZone: 'America/Mexico_City', capacity: 3,
		headline: 'Principal designer, design systems and research',
		bio: 'I help designers build a portfolio that shows their thinking and make the jump to senior and principal roles.',
		background: { industry: 'Software', role: 'Principal Designer', department: 'Design', location: 'Mexico City, Mexico', languages: ['Spanish', 'English'], yearsExperience: 11, workHistory: 'Globant (2013–2018), Shopify (2018–now)' },
		subjects: ['ux-design', 'frontend', 'public-speaking'],
	},
]

export const DEMO_MENTEES: DemoMentee[] = [
	{
		email: 'maya@mentora.test', name: 'Maya Chen', timeZone: 'America/Los_Angeles',
		headline: 'Backend engineer aiming for senior', bio: 'Three years in at a payments start-up.', goals: 'Lead a cross-team project this year.',
		background: { industry: 'Fintech', role: 'Software Engineer', department: 'Engineering', location: 'San Francisco, USA', languages: ['English', 'Mandarin'], yearsExperience: 3, workHistory: 'Plaid (2022–now)' },
		subjects: ['backend', 'career-growth', 'software-architecture'],
	},
	{
		email: 'jonas@mentora.test', name: 'Jonas Weber', timeZone: 'Europe/Berlin',
		headline: 'New team lead', bio: 'Promoted to lead a team of five last month.', goals: 'Run good one-on-ones and hire two engineers.',
		background: { industry: 'Software', role: 'Team Lead', department: 'Engineering', location: 'Hamburg, Germany', languages: ['German', 'English'], yearsExperience: 6, workHistory: 'OTTO (2018–now)' },
		subjects: ['leadership', 'engineering-management'],
	},
	{
		email: 'aisha@mentora.test', name: 'Aisha Bello', timeZone: 'Africa/Lagos',
		headline: 'Analyst moving into machine learning', bio: 'Business analyst with Python and SQL.', goals: 'Land a junior ML role within a year.',
		background: { industry: 'Banking', role: 'Business Analyst', department: 'Analytics', location: 'Lagos, Nigeria', languages: ['English', 'Yoruba'], yearsExperience: 4, workHistory: 'Access Bank (2021–now)' },
		subjects: ['data-science', 'machine-learning', 'career-change'],
	},
]

export const DEMO_ADMIN = { email: 'admin@mentora.test', name: 'Ada Admin', timeZone: 'Europe/London' }

/** The shared subject list; adding it again changes nothing. */
export async function seedSubjects(): Promise<void> {
	await getDb()
		.insert(subjects)
		.values(Object.entries(SUBJECTS).map(([slug, name]) => ({ slug, name })))
		.onConflictDoNothing()
}

/** Adds the subject list (always) and demo people (only to an empty database). */
export async function seedDemoDataIfEmpty(): Promise<boolean> {
	const db = getDb()
	await seedSubjects()
	const [{ count }] = (await db.select({ count: sql<number>`count(*)::int` }).from(users)) as [{ count: number }]
	if (count > 0) return false

	const passwordHash = await hashPassword(DEMO_PASSWORD)
	await db.transaction(async (tx) => {
		await tx.insert(users).values({ ...DEMO_ADMIN, passwordHash, isAdmin: true, emailVerifiedAt: new Date() })
		for (const m of DEMO_MENTORS) {
			const [user] = await tx
				.insert(users)
				.values({ email: m.email, name: m.name, timeZone: m.timeZone, passwordHash, isMentor: true, emailVerifiedAt: new Date() })
				.returning()
			if (!user) throw new Error('demo mentor not inserted')
			await tx.insert(mentorProfiles).values({ userId: user.id, slug: m.slug, headline: m.headline, bio: m.bio, capacity: m.capacity, ...m.background })
			await tx.insert(mentorSubjects).values(m.subjects.map((subjectSlug) => ({ userId: user.id, subjectSlug })))
		}
		for (const m of DEMO_MENTEES) {
			const [user] = await tx
				.insert(users)
				.values({ email: m.email, name: m.name, timeZone: m.timeZone, passwordHash, isMentee: true, emailVerifiedAt: new Date() })
				.returning()
			if (!user) throw new Error('demo mentee not inserted')
			await tx.insert(menteeProfiles).values({ userId: user.id, headline: m.headline, bio: m.bio, goals: m.goals, ...m.background })
			await tx.insert(menteeSubjects).values(m.subjects.map((subjectSlug) => ({ userId: user.id, subjectSlug })))
		}
		await seedDemoCalendarsAndSessions(tx, now())
		await seedDemoProgrammes(tx, { passwordHash, at: now() })
	})
	await seedDemoPayments(now())
	return true
}

// ---------------------------------------------------------------------------------------------
// Calendars and sessions, so `npm start` opens on a marketplace already in use

type DemoWindow = { weekday: Weekday; start: string; end: string }

/** Intro and paid windows in each mentor's own zone: weekday mornings or afternoons for intros, evenings for paid sessions. */
const DEMO_CALENDARS: Record<string, { intro: DemoWindow[]; paid: DemoWindow[]; bufferMinutes: number }> = {
	'lena@mentora.test': {
		intro: [1, 3, 5].map((weekday) => ({ weekday: weekday as Weekday, start: '09:00', end: '12:00' })).concat([2, 4].map((weekday) => ({ weekday: weekday as Weekday, start: '14:00', end: '17:00' }))),
		paid: [1, 2, 3, 4].map((weekday) => ({ weekday: weekday as Weekday, start: '17:00', end: '20:00' })),
		bufferMinutes: 10,
	},
	'marcus@mentora.test': {
		intro: [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as Weekday, start: '12:00', end: '14:00' })),
		paid: [1, 3, 5].map((weekday) => ({ weekday: weekday as Weekday, start: '18:00', end: '21:00' })),
		bufferMinutes: 15,
	},
	'priya@mentora.test': {
		intro: [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as Weekday, start: '10:00', end: '12:00' })),
		paid: [6].map((weekday) => ({ weekday: weekday as Weekday, start: '09:00', end: '13:00' })),
		bufferMinutes: 0,
	},
	'oliver@mentora.test': {
		intro: [2, 4].map((weekday) => ({ weekday: weekday as Weekday, start: '08:00', end: '10:00' })).concat([{ weekday: 6, start: '10:00', end: '11:00' }]),
		paid: [2, 4].map((weekday) => ({ weekday: weekday as Weekday, start: '18:00', end: '21:00' })),
		bufferMinutes: 5,
	},
	'sofia@mentora.test': {
		intro: [1, 2, 3, 4].map((weekday) => ({ weekday: weekday as Weekday, start: '16:00', end: '18:00' })),
		paid: [1, 2, 3, 4].map((weekday) => ({ weekday: weekday as Weekday, start: '09:00', end: '12:00' })),
		bufferMinutes: 10,
	},
}

const DEMO_FORMS: Record<string, IntroForm> = {
	'maya@mentora.test': { helpWith: 'Growing from mid-level to senior backend engineer.', background: 'Three years on payments APIs at a start-up.', goals: 'Lead a cross-team project and get promoted this year.' },
	'jonas@mentora.test': { helpWith: 'My first months as a team lead.', background: 'Six years as an engineer, team lead since last month.', goals: 'Good one-on-ones and two strong hires.' },
	'aisha@mentora.test': { helpWith: 'Moving from analytics into machine learning.', background: 'Business analyst with Python and SQL.', goals: 'A junior ML role within a year.' },
}

/**
 * Every demo mentor's two calendars, and sessions in every state around `at` (the clock at seeding):
 * history, invitations waiting, sessions to confirm and sessions coming up. Rows are written
 * directly, holding to the rules the booking service enforces: no live overlaps, at most three
 * counted intros per mentee, a bundle for every paid session with credits that add up.
 */
export async function seedDemoCalendarsAndSessions(tx: Transaction, at: Date): Promise<void> {
	const people = await tx.select({ id: users.id, email: users.email, timeZone: users.timeZone }).from(users)
	const person = (email: string) => {
		const found = people.find((p) => p.email === email)
		if (!found) throw new Error(`demo person ${email} missing`)
		return found
	}
	for (const [email, calendar] of Object.entries(DEMO_CALENDARS)) {
		const mentor = person(email)
		for (const type of ['intro', 'paid'] as const) {
			const [row] = await tx
				.insert(availabilityCalendars)
				.values({
					mentorId: mentor.id,
					type,
					timeZone: mentor.timeZone,
					slotMinutes: type === 'intro' ? INTRO_MINUTES : 60,
					bufferMinutes: calendar.bufferMinutes,
					minLeadMinutes: type === 'intro' ? INTRO_MIN_LEAD_MINUTES : PAID_DEFAULT_MIN_LEAD_MINUTES,
					maxLeadMinutes: type === 'intro' ? INTRO_MAX_LEAD_MINUTES : PAID_DEFAULT_MAX_LEAD_MINUTES,
					updatedAt: at,
				})
				.returning({ id: availabilityCalendars.id })
			if (!row) throw new Error('demo calendar not inserted')
			await tx.insert(availabilityWindows).values(
				calendar[type].map((w) => {
					const stored = weeklyRule(w)
					return { calendarId: row.id, weekday: w.weekday, rrule: stored.rrule.replace(/^RRULE:/, ''), startTime: w.start, endTime: w.end }
				}),
			)
		}
	}

	const HOUR = 60 * 60_000
	const DAY = 24 * HOUR
	// Whole hours read better on the pages than the seeding instant's minutes and seconds.
	const base = Math.floor(at.getTime() / HOUR) * HOUR
	const bundleIds = new Map<string, string>()
	async function bundle(key: string, mentorEmail: string, menteeEmail: string, sessionsCount: number, reserved: number, consumed: number) {
		// Bought 20 days ago from the mentor's offer of that many 60-minute sessions, on the terms startBundlePurchase copies from it
		// (seedDemoPayments links the offer and, at the emulator, the charge: payouts need it as their source_transaction).
		const offer = DEMO_OFFERS[mentorEmail]?.find(([count, minutes]) => count === sessionsCount && minutes === 60)
		if (!offer) throw new Error(`demo offer of ${mentorEmail} missing`)
		const [total, minutes, perSession, currency] = offer
		const paidAt = new Date(base - 20 * DAY)
		const [row] = (await tx.execute(sql`
			insert into bundles (mentor_id, mentee_id, status, session_minutes, credits_total, credits_reserved, credits_consumed,
				price_cents, currency, platform_fee_percent, validity_months, paid_at, expires_at, created_at, updated_at)
			values (${person(mentorEmail).id}, ${person(menteeEmail).id}, 'active', ${minutes}, ${total}, ${reserved}, ${consumed},
				${perSession * total}, ${currency}, ${getEnv().PLATFORM_FEE_PERCENT}, ${DEMO_VALIDITY_MONTHS}, ${paidAt.toISOString()},
				${bundleExpiry(paidAt, DEMO_VALIDITY_MONTHS)!.toISOString()}, ${paidAt.toISOString()}, ${at.toISOString()})
			returning id`)) as unknown as { id: string }[]
		if (!row) throw new Error('demo bundle not inserted')
		bundleIds.set(key, row.id)
	}
	// Credits: reserved = scheduled + awaiting confirmation, consumed = completed + mentee no-show.
	// Lena's 8-session bundle leaves Jonas 4 to book; Maya has used all 4 of hers with Marcus.
	await bundle('lena-jonas', 'lena@mentora.test', 'jonas@mentora.test', 8, 3, 1)
	await bundle('marcus-maya', 'marcus@mentora.test', 'maya@mentora.test', 4, 2, 2)

	type DemoSession = {
		mentor: string
		mentee: string
		type: 'intro' | 'paid'
		status: SessionStatus
		/** Hours from the seeding hour. */
		at: number
		bundle?: string
		rejectionReason?: string
		cancelledBy?: 'mentor' | 'mentee'
		cancellationReason?: string
		introDecision?: IntroDecision
	}
	const demo: DemoSession[] = [
		// Lena and Jonas: an approved intro, then a bundle in use; two sessions soon (one inside 24 hours), one to confirm.
		{ mentor: 'lena', mentee: 'jonas', type: 'intro', status: 'completed', at: -20 * 24, introDecision: 'approve_continuation' },
		{ mentor: 'lena', mentee: 'jonas', type: 'paid', status: 'completed', at: -14 * 24, bundle: 'lena-jonas' },
		{ mentor: 'lena', mentee: 'jonas', type: 'paid', status: 'awaiting_confirmation', at: -26, bundle: 'lena-jonas' },
		{ mentor: 'lena', mentee: 'jonas', type: 'paid', status: 'scheduled', at: 20, bundle: 'lena-jonas' },
		{ mentor: 'lena', mentee: 'jonas', type: 'paid', status: 'scheduled', at: 50, bundle: 'lena-jonas' },
		{ mentor: 'lena', mentee: 'aisha', type: 'intro', status: 'pending', at: 72 },
		{ mentor: 'lena', mentee: 'maya', type: 'intro', status: 'rejected', at: -5 * 24, rejectionReason: 'I mentor engineering managers; for backend architecture Marcus is a much better fit.' },
		// Marcus and Maya: a bundle through every outcome.
		{ mentor: 'marcus', mentee: 'maya', type: 'intro', status: 'completed', at: -25 * 24, introDecision: 'approve_continuation' },
		{ mentor: 'marcus', mentee: 'maya', type: 'paid', status: 'completed', at: -10 * 24, bundle: 'marcus-maya' },
		{ mentor: 'marcus', mentee: 'maya', type: 'paid', status: 'no_show_mentor', at: -6 * 24, bundle: 'marcus-maya' },
		{ mentor: 'marcus', mentee: 'maya', type: 'paid', status: 'no_show_mentee', at: -3 * 24, bundle: 'marcus-maya' },
		{ mentor: 'marcus', mentee: 'maya', type: 'paid', status: 'awaiting_confirmation', at: -3, bundle: 'marcus-maya' },
		{ mentor: 'marcus', mentee: 'maya', type: 'paid', status: 'cancelled', at: 2 * 24, bundle: 'marcus-maya', cancelledBy: 'mentee', cancellationReason: 'Travelling that week.' },
		{ mentor: 'marcus', mentee: 'maya', type: 'paid', status: 'scheduled', at: 4 * 24, bundle: 'marcus-maya' },
		{ mentor: 'marcus', mentee: 'jonas', type: 'intro', status: 'expired', at: -2 * 24 },
		// Intros elsewhere: one to confirm, one cancelled, one no-show, some coming up or waiting.
		{ mentor: 'priya', mentee: 'maya', type: 'intro', status: 'awaiting_confirmation', at: -1 },
		{ mentor: 'priya', mentee: 'aisha', type: 'intro', status: 'completed', at: -10 * 24, introDecision: 'approve_continuation' },
		{ mentor: 'priya', mentee: 'jonas', type: 'intro', status: 'cancelled', at: 6 * 24, cancelledBy: 'mentee', cancellationReason: 'Changed teams; I will book again later.' },
		{ mentor: 'oliver', mentee: 'jonas', type: 'intro', status: 'scheduled', at: 76 },
		{ mentor: 'oliver', mentee: 'aisha', type: 'intro', status: 'no_show_mentor', at: -8 * 24, introDecision: 'reject' },
		{ mentor: 'sofia', mentee: 'jonas', type: 'intro', status: 'scheduled', at: 5 * 24 },
		{ mentor: 'sofia', mentee: 'maya', type: 'intro', status: 'pending', at: 6 * 24 },
	]
	await tx.insert(sessions).values(
		demo.map((s) => {
			const mentor = person(`${s.mentor}@mentora.test`)
			const mentee = person(`${s.mentee}@mentora.test`)
			const startsAt = new Date(base + s.at * HOUR)
			const minutes = s.type === 'intro' ? INTRO_MINUTES : 60
			return {
				mentorId: mentor.id,
				menteeId: mentee.id,
				type: s.type,
				status: s.status,
				startsAt,
				endsAt: new Date(startsAt.getTime() + minutes * 60_000),
				bundleId: s.bundle ? bundleIds.get(s.bundle) : null,
				introForm: s.type === 'intro' ? DEMO_FORMS[mentee.email] : null,
				rejectionReason: s.rejectionReason ?? null,
				cancelledBy: s.cancelledBy ? (s.cancelledBy === 'mentor' ? mentor.id : mentee.id) : null,
				cancellationReason: s.cancellationReason ?? null,
				introDecision: s.introDecision ?? null,
				quotaMonth: quotaMonth(startsAt, mentee.timeZone),
				createdAt: new Date(Math.min(at.getTime(), startsAt.getTime() - 3 * DAY)),
				updatedAt: at,
			}
		}),
	)

	// Approved intros open relationships: two both sides confirmed, one waiting for the mentee.
	const relationship = (mentorEmail: string, menteeEmail: string, confirmed: boolean) => ({
		mentorId: person(mentorEmail).id,
		menteeId: person(menteeEmail).id,
		status: confirmed ? ('confirmed' as const) : ('pending' as const),
		origin: 'intro' as const,
		mentorConfirmedAt: new Date(base - 9 * DAY),
		menteeConfirmedAt: confirmed ? new Date(base - 8 * DAY) : null,
		createdAt: new Date(base - 9 * DAY),
		updatedAt: at,
	})
	await tx.insert(relationships).values([
		relationship('lena@mentora.test', 'jonas@mentora.test', true),
		relationship('marcus@mentora.test', 'maya@mentora.test', true),
		relationship('priya@mentora.test', 'aisha@mentora.test', false),
	])
}

const DEMO_VALIDITY_MONTHS = 12

/** Bundle offers per demo mentor: [sessions, minutes, price per session in cents, currency]. */
const DEMO_OFFERS: Record<string, [number, number, number, string][]> = {
	'lena@mentora.test': [[4, 60, 6_000, 'eur'], [8, 60, 5_500, 'eur']],
	'marcus@mentora.test': [[4, 60, 7_500, 'usd'], [6, 45, 6_000, 'usd']],
	'priya@mentora.test': [[4, 60, 5_000, 'eur']],
	'oliver@mentora.test': [[3, 60, 9_000, 'aud']],
	'sofia@mentora.test': [[4, 60, 4_500, 'usd']],
}

/**
 * Money demo data: offers for every demo mentor; without Stripe keys also connected (emulated)
 * Stripe accounts, and Aisha holding a paid bundle with Priya, bought through the emulator's
 * Checkout and fulfilled by the same code the webhook runs, so the paid path works at once.
 */
export async function seedDemoPayments(at: Date): Promise<void> {
	const db = getDb()
	const people = await db.select({ id: users.id, email: users.email }).from(users)
	const id = (email: string) => people.find((p) => p.email === email)!.id
	const offers = new Map<string, string>()
	for (const [email, list] of Object.entries(DEMO_OFFERS)) {
		for (const [sessionsCount, sessionMinutes, perSession, currency] of list) {
			const [row] = await db
				.insert(bundleOffers)
				.values({ mentorId: id(email), sessionsCount, sessionMinutes, priceCents: perSession * sessionsCount, currency, validityMonths: DEMO_VALIDITY_MONTHS, createdAt: at, updatedAt: at })
				.returning({ id: bundleOffers.id })
			if (!offers.has(email)) offers.set(email, row!.id)
		}
	}
	// The demo bundles written with the sessions were bought from these offers.
	await db.execute(sql`
		update bundles b set offer_id = o.id
		from bundle_offers o
		where b.offer_id is null and b.status = 'active' and o.mentor_id = b.mentor_id and o.sessions_count = b.credits_total
			and o.session_minutes = b.session_minutes and o.price_cents = b.price_cents and o.currency = b.currency`)
	if (process.env.STRIPE_SECRET_KEY) return

	const { getStripe, emulatorUrl } = await import('../app/services/stripe.server')
	const control = (path: string, body: unknown) => fetch(`${emulatorUrl()}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body) })
	for (const email of Object.keys(DEMO_OFFERS)) {
		const account = await getStripe().accounts.create({ type: 'express', email, metadata: { mentora_user_id: id(email) } })
		await control(`accounts/${account.id}/enable`, {})
		await db.insert(stripeAccounts).values({ userId: id(email), accountId: account.id, detailsSubmitted: true, payoutsEnabled: true, transfersActive: true, updatedAt: at })
	}
	const { startBundlePurchase, fetchCheckout, applyCheckout } = await import('../app/services/bundle-purchase.server')
	// The demo bundles are already active: each gets a Checkout Session paid at the emulator, so it has the
	// charge its payouts transfer from (source_transaction) and its refunds refund.
	for (const demo of await db.select().from(bundles).where(sql`${bundles.status} = 'active' and ${bundles.chargeId} is null`)) {
		const checkout = await getStripe().checkout.sessions.create(
			{
				mode: 'payment',
				line_items: [{ quantity: 1, price_data: { currency: demo.currency, unit_amount: demo.priceCents, product_data: { name: `${demo.creditsTotal} × ${demo.sessionMinutes}-minute sessions` } } }],
				client_reference_id: demo.id,
				metadata: { bundle_id: demo.id },
				payment_intent_data: { transfer_group: demo.id, metadata: { bundle_id: demo.id } },
				success_url: `${getEnv().APP_URL}/bundles/${demo.id}?checkout=success`,
				cancel_url: `${getEnv().APP_URL}/mentors`,
			},
			{ idempotencyKey: `checkout:${demo.id}` },
		)
		await control(`checkout/${checkout.id}/complete`, { outcome: 'paid' })
		const { session, chargeId } = await fetchCheckout(checkout.id)
		if (!chargeId) throw new Error(`demo bundle ${demo.id} not paid at the emulator`)
		const paymentIntentId = typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null)
		await db.update(bundles).set({ checkoutSessionId: checkout.id, paymentIntentId, chargeId }).where(sql`${bundles.id} = ${demo.id}`)
	}
	const { bundleId } = await startBundlePurchase({ menteeId: id('aisha@mentora.test'), offerId: offers.get('priya@mentora.test')!, now: at })
	const [bundle] = await db.select().from(bundles).where(sql`${bundles.id} = ${bundleId}`)
	await control(`checkout/${bundle!.checkoutSessionId}/complete`, { outcome: 'paid' })
	const snapshot = await fetchCheckout(bundle!.checkoutSessionId!)
	await db.transaction((tx) => applyCheckout(tx, snapshot, 'checkout.session.completed', at))
}
