import { type AppLoadContext } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { users } from '../../db/schema'
import * as adminBundles from '../../app/routes/admin.bundles'
import * as adminPayouts from '../../app/routes/admin.payouts'
import * as adminRelationships from '../../app/routes/admin.relationships'
import * as adminSessions from '../../app/routes/admin.sessions'
import * as apiLogin from '../../app/routes/api.v1.auth.login'
import * as apiLogout from '../../app/routes/api.v1.auth.logout'
import * as apiVerificationEmail from '../../app/routes/api.v1.auth.verification-email'
import * as apiSignup from '../../app/routes/api.v1.auth.signup'
import * as bookingAction from '../../app/routes/api.v1.bookings.$id.$action'
import * as feedbackApi from '../../app/routes/api.v1.sessions.$id.feedback'
import * as fitApi from '../../app/routes/api.v1.relationships.$id.fit'
import * as workspaceMessagesApi from '../../app/routes/api.v1.relationships.$id.messages'
import * as workspaceMessageApi from '../../app/routes/api.v1.messages.$id'
import * as workspaceReadApi from '../../app/routes/api.v1.relationships.$id.read'
import * as workspaceTimelineApi from '../../app/routes/api.v1.relationships.$id.timeline'
import * as goalsApi from '../../app/routes/api.v1.relationships.$id.goals'
import * as goalApi from '../../app/routes/api.v1.goals.$id'
import * as learningAssignmentsApi from '../../app/routes/api.v1.relationships.$id.assignments'
import * as learningAssignmentApi from '../../app/routes/api.v1.learning-assignments.$id'
import * as bookings from '../../app/routes/api.v1.bookings._index'
import * as availabilityApi from '../../app/routes/api.v1.me.availability.$type'
import * as slots from '../../app/routes/api.v1.mentors.$slug.slots'
import * as devCheckout from '../../app/routes/dev.checkout.$id'
import * as devConnect from '../../app/routes/dev.connect.$id'
import * as login from '../../app/routes/login'
import * as logout from '../../app/routes/logout'
import * as bookPaid from '../../app/routes/mentors.$slug_.book-paid'
import * as book from '../../app/routes/mentors.$slug_.book'
import * as buy from '../../app/routes/mentors.$slug_.buy'
import * as relationships from '../../app/routes/relationships'
import * as sessionsPage from '../../app/routes/sessions/route'
import * as settings from '../../app/routes/settings._index'
import * as availabilityPage from '../../app/routes/settings.availability/route'
import * as settingsBundles from '../../app/routes/settings.bundles'
import * as settingsPayouts from '../../app/routes/settings.payouts'
import * as profile from '../../app/routes/settings.profile/route'
import * as signup from '../../app/routes/signup'
import * as unsubscribe from '../../app/routes/unsubscribe.$token'
import * as webhooks from '../../app/routes/webhooks.stripe'
import * as inboundEmailWebhook from '../../app/routes/webhooks.inbound-email'
import * as inboundEmailMimeWebhook from '../../app/routes/webhooks.inbound-email.mime'
import { signMailgun } from '../../app/services/mailgun-inbound.server'
import { LOCAL_MAILGUN_SIGNING_KEY } from '../../app/utils/env.server'
import * as apiProgrammes from '../../app/routes/api.v1.programmes._index'
import * as apiProgramme from '../../app/routes/api.v1.programmes.$slug._index'
import * as apiRegister from '../../app/routes/api.v1.programmes.$slug.registrations'
import * as apiMatchRequests from '../../app/routes/api.v1.programmes.$slug.match-requests'
import * as apiAssignments from '../../app/routes/api.v1.programmes.$slug.assignments'
import * as apiExports from '../../app/routes/api.v1.programmes.$slug.exports.$file'
import * as apiReport from '../../app/routes/api.v1.programmes.$slug.report'
import * as apiMarketplaceReport from '../../app/routes/api.v1.admin.reports.marketplace'
import * as reportsPage from '../../app/routes/admin.reports'
import * as apiRegistrationStep from '../../app/routes/api.v1.registrations.$id.$action'
import * as apiDossier from '../../app/routes/api.v1.me.dossier'
import * as newProgrammePage from '../../app/routes/admin.programmes.new'
import * as programmeSettingsPage from '../../app/routes/admin.programmes.$slug._index'
import * as registrationsPage from '../../app/routes/admin.programmes.$slug.registrations'
import * as matchingPage from '../../app/routes/admin.programmes.$slug.matching'
import * as programmePage from '../../app/routes/programmes.$slug/route'
import * as journeyLink from '../../app/routes/links.$token'
import * as forgotPassword from '../../app/routes/forgot-password'
import * as resetPassword from '../../app/routes/reset-password.$token'
import * as verifyEmailLink from '../../app/routes/verify-email_.$token'
import * as verifyEmailResend from '../../app/routes/verify-email'
import * as photoFile from '../../app/routes/photos.$userId.$version.$file'
import { saveProfilePhoto } from '../../app/services/profile-photos.server'
import { createUser } from '../support/factories'
import { databaseFingerprint } from '../support/fingerprint'
import { phonePhoto, plainImage } from '../support/photos'

/**
 * Fuzzing every API route and every page action with generated input: whatever arrives, the
 * answer is never a 5xx (nor a thrown error, which Remix would turn into one), and a refusal
 * (4xx) leaves every table as it was.
 */

type Handler = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown
type Actor = 'anonymous' | 'mentee' | 'mentor' | 'admin'
type Target = { name: string; handler: Handler; path: string; method?: 'GET' | 'POST' | 'PUT' | 'PATCH'; actor: Actor; params: () => Record<string, string>; kind: 'api' | 'page' }

const RUNS = 25

/** Strings that have broken parsers before: odd offsets, years no date holds, NULs, escapes, huge numbers. */
const nastyString = fc.oneof(
	fc.constantFrom(
		'',
		' ',
		'2026-12-12T10:00:00+24:00',
		'9999-12-31T23:59:59Z',
		'0000-01-01',
		'0001-01-01T00:00:00Z',
		'2027-02-30',
		'24:00',
		'25:61',
		'-1',
		'1e309',
		'NaN',
		'Infinity',
		'00000000-0000-0000-0000-000000000000',
		'../../v1/charges/x',
		'%E0%A4%A',
		'a\u0000b',
		'\uD800',
		'=cmd|"/c calc"!A1',
		'<script>alert(1)</script>',
		'Europe/Atlantis',
		'x'.repeat(20_000),
	),
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 20 }),
	fc.integer().map(String),
	fc.double().map(String),
	fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
)

const FIELD_NAMES = [
	'intent', 'sessionId', 'bundleId', 'relationshipId', 'offerId', 'id', 'reason', 'note', 'outcome', 'decision', 'start', 'type',
	'email', 'password', 'name', 'role', 'timeZone', 'redirectTo', 'amount', 'cancelFutureSessions', 'agenda', 'headline', 'bio',
	'mentee.headline', 'mentee.goals', 'mentee.languages', 'mentee.yearsExperience', 'mentor.headline', 'mentor.languages',
	'subjects', 'languages', 'slotMinutes', 'bufferMinutes', 'minLeadHours', 'maxLeadDays', 'weekly[0].weekday', 'weekly[0].start',
	'weekly[0].end', 'overrides[0].date', 'overrides[0].blocked', 'sessionsCount', 'sessionPrice', 'sessionMinutes', 'validityMonths',
	'currency', 'helpWith', 'background', 'goals', 'introForm.helpWith', 'week', 'category', 'muted', 'status', 'page',
	'slug', 'matchingMode', 'groupSize', 'lapseDays', 'audience.emailDomains', 'weights.subjects', 'registrationId', 'periodId', 'end',
	'mentor', 'mentee', 'mentorId', 'capacity', 'managerEmail', 'motivation', 'title', 'body', 'to', 'statuses', 'run', 'lock', 'forbid',
	'candidateLimit', 'userId', 'choice', 'note', 'meetingLocation', 'photo', 'x', 'y', 'size', 'answer', 'fit', 'digest',
	'why', 'targetDate', 'progress', 'kind', 'description', 'url', 'dueDate', 'done',
]
const INTENTS = [
	'accept', 'reject', 'cancel', 'confirm', 'decline', 'agenda', 'create', 'update', 'retire', 'pay', 'later', 'complete', 'refund',
	'retry', 'end', 'rematch', 'calendar-feed-create', 'calendar-feed-revoke', 'email-preferences', 'save', 'delete',
	'register', 'withdraw', 'add_period', 'end_period', 'request', 'validate', 'propose', 'run', 'rerun', 'apply', 'announce',
	'add-coordinator', 'remove-coordinator', 'preview', 'approve', 'mission_ended', 'add_dates', 'location', 'photo-upload', 'photo-remove',
	'fit', 'end_not_a_good_fit', 'report-digest',
]

const formFields = fc.array(
	fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 12 })), fc.oneof(nastyString, fc.constantFrom(...INTENTS))),
	{ maxLength: 12 },
)

const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small' },
		nastyString,
		fc.integer(),
		fc.double(),
		fc.boolean(),
		fc.constant(null),
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 6 }),
	),
})).value

/** A body as a client might send it: mostly the right encoding with generated content, sometimes not. */
const body = fc.oneof(
	{ weight: 4, arbitrary: formFields.map((fields) => ({ type: 'form' as const, fields })) },
	{ weight: 4, arbitrary: jsonValue.map((value) => ({ type: 'json' as const, value })) },
	{ weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((text) => ({ type: 'raw' as const, text })) },
)

const cookies: Record<Actor, string> = { anonymous: '', mentee: '', mentor: '', admin: '' }
let mentorSlug = 'nobody'
let sessionId = '00000000-0000-0000-0000-000000000000'
let programmeSlug = 'nothing'
let registrationId = '00000000-0000-0000-0000-000000000000'
let relationshipId = '00000000-0000-0000-0000-000000000000'
let goalId = '00000000-0000-0000-0000-000000000000'
let learningAssignmentId = '00000000-0000-0000-0000-000000000000'

beforeAll(async () => {
	const mentee = await createUser({ role: 'mentee' })
	const mentor = await createUser({ role: 'mentor', name: 'Fuzz Mentor' })
	const admin = await createUser({ role: 'mentee' })
	await getDb().update(users).set({ isAdmin: true }).where(eq(users.id, admin.user.id))
	cookies.mentee = mentee.cookie
	cookies.mentor = mentor.cookie
	cookies.admin = admin.cookie
	const { mentorProfiles, sessions } = await import('../../db/schema')
	const [profileRow] = await getDb().select().from(mentorProfiles).where(eq(mentorProfiles.userId, mentor.user.id))
	mentorSlug = profileRow!.slug
	const start = new Date(Date.now() + 5 * 86_400_000)
	const [session] = await getDb()
		.insert(sessions)
		.values({
			mentorId: mentor.user.id,
			menteeId: mentee.user.id,
			type: 'intro',
			status: 'pending',
			startsAt: start,
			endsAt: new Date(start.getTime() + 20 * 60_000),
			introForm: { helpWith: 'Leading a team', background: 'Engineer', goals: 'A plan' },
			quotaMonth: start.toISOString().slice(0, 7),
			createdAt: new Date(),
			updatedAt: new Date(),
		})
		.returning()
	sessionId = session!.id
	const { programmes, registrations } = await import('../../db/schema')
	const [programme] = await getDb().insert(programmes).values({ slug: 'fuzz-programme', name: 'Fuzz programme', matchingMode: 'self' }).returning()
	programmeSlug = programme!.slug
	const [registration] = await getDb().insert(registrations).values({ programmeId: programme!.id, userId: mentee.user.id, role: 'mentee', status: 'searching' }).returning()
	await getDb().insert(registrations).values({ programmeId: programme!.id, userId: mentor.user.id, role: 'mentor', status: 'searching' })
	registrationId = registration!.id
	const { relationships } = await import('../../db/schema')
	const [relationship] = await getDb()
		.insert(relationships)
		.values({ mentorId: mentor.user.id, menteeId: mentee.user.id, origin: 'programme', programmeId: programme!.id, status: 'pending' })
		.returning()
	relationshipId = relationship!.id
	const { goals, learningAssignments } = await import('../../db/schema')
	const [goal] = await getDb().insert(goals).values({ relationshipId, createdBy: mentee.user.id, title: 'Lead a team' }).returning()
	goalId = goal!.id
	const [assignment] = await getDb().insert(learningAssignments).values({ relationshipId, createdBy: mentor.user.id, kind: 'assigned', title: 'Read chapter 3' }).returning()
	learningAssignmentId = assignment!.id
})

const fuzzedOrReal = (real: () => string) => fc.sample(fc.oneof({ weight: 3, arbitrary: fc.constant(real()) }, { weight: 1, arbitrary: nastyString }), 1)[0]!

const page = (name: string, handler: Handler, path: string, actor: Actor, params: () => Record<string, string> = () => ({})): Target => ({ name, handler, path, actor, params, kind: 'page' })
const api = (name: string, handler: Handler, path: string, actor: Actor, method: Target['method'] = 'POST', params: () => Record<string, string> = () => ({})): Target => ({
	name,
	handler,
	path,
	actor,
	params,
	method,
	kind: 'api',
})

const targets: Target[] = [
	api('POST /api/v1/auth/signup', apiSignup.action, '/api/v1/auth/signup', 'anonymous'),
	api('POST /api/v1/auth/login', apiLogin.action, '/api/v1/auth/login', 'anonymous'),
	api('POST /api/v1/auth/logout', apiLogout.action, '/api/v1/auth/logout', 'mentee'),
	api('POST /api/v1/auth/verification-email', apiVerificationEmail.action, '/api/v1/auth/verification-email', 'mentee'),
	api('POST /api/v1/bookings', bookings.action, '/api/v1/bookings', 'mentee'),
	api('POST /api/v1/bookings/:id/:action (mentor)', bookingAction.action, '/api/v1/bookings/x/y', 'mentor', 'POST', () => ({
		id: fuzzedOrReal(() => sessionId),
		action: fc.sample(fc.oneof(fc.constantFrom('accept', 'reject', 'cancel', 'confirm', 'location'), nastyString), 1)[0]!,
	})),
	api('POST /api/v1/bookings/:id/:action (mentee)', bookingAction.action, '/api/v1/bookings/x/cancel', 'mentee', 'POST', () => ({
		id: fuzzedOrReal(() => sessionId),
		action: 'cancel',
	})),
	api('POST /api/v1/sessions/:id/feedback', feedbackApi.action, '/api/v1/sessions/x/feedback', 'mentee', 'POST', () => ({ id: fuzzedOrReal(() => sessionId) })),
	api('POST /api/v1/relationships/:id/fit', fitApi.action, '/api/v1/relationships/x/fit', 'mentee', 'POST', () => ({ id: fuzzedOrReal(() => relationshipId) })),
	api('POST /api/v1/relationships/:id/messages', workspaceMessagesApi.action, '/api/v1/relationships/x/messages', 'mentee', 'POST', () => ({ id: fuzzedOrReal(() => relationshipId) })),
	api('PATCH /api/v1/messages/:id', workspaceMessageApi.action, '/api/v1/messages/x', 'mentee', 'PATCH', () => ({ id: fuzzedOrReal(() => relationshipId) })),
	api('POST /api/v1/relationships/:id/read', workspaceReadApi.action, '/api/v1/relationships/x/read', 'mentee', 'POST', () => ({ id: fuzzedOrReal(() => relationshipId) })),
	api('POST /api/v1/relationships/:id/goals', goalsApi.action, '/api/v1/relationships/x/goals', 'mentee', 'POST', () => ({ id: fuzzedOrReal(() => relationshipId) })),
	api('PATCH /api/v1/goals/:id', goalApi.action, '/api/v1/goals/x', 'mentor', 'PATCH', () => ({ id: fuzzedOrReal(() => goalId) })),
	api('POST /api/v1/relationships/:id/assignments', learningAssignmentsApi.action, '/api/v1/relationships/x/assignments', 'mentor', 'POST', () => ({ id: fuzzedOrReal(() => relationshipId) })),
	api('PATCH /api/v1/learning-assignments/:id', learningAssignmentApi.action, '/api/v1/learning-assignments/x', 'mentee', 'PATCH', () => ({ id: fuzzedOrReal(() => learningAssignmentId) })),
	api('PUT /api/v1/me/availability/:type', availabilityApi.action, '/api/v1/me/availability/paid', 'mentor', 'PUT', () => ({
		type: fuzzedOrReal(() => (Math.random() < 0.5 ? 'intro' : 'paid')),
	})),
	api('POST /webhooks/stripe', webhooks.action, '/webhooks/stripe', 'anonymous'),
	api('POST /webhooks/inbound-email', inboundEmailWebhook.action, '/webhooks/inbound-email', 'anonymous'),
	// Signed, so that the fuzzed message itself reaches the MIME parser and the handler.
	api('POST /webhooks/inbound-email/mime (signed)', inboundEmailMimeWebhook.action, '/webhooks/inbound-email/mime', 'anonymous'),
	page('/login', login.action, '/login', 'anonymous'),
	page('/signup', signup.action, '/signup', 'anonymous'),
	page('/logout', logout.action, '/logout', 'mentee'),
	page('/sessions (mentor)', sessionsPage.action, '/sessions', 'mentor'),
	page('/sessions (mentee)', sessionsPage.action, '/sessions', 'mentee'),
	page('/relationships', relationships.action, '/relationships', 'mentee'),
	page('/settings', settings.action, '/settings', 'mentee'),
	page('/settings/profile', profile.action, '/settings/profile', 'mentor'),
	page('/settings/availability', availabilityPage.action, '/settings/availability', 'mentor'),
	page('/settings/bundles', settingsBundles.action, '/settings/bundles', 'mentor'),
	page('/settings/payouts', settingsPayouts.action, '/settings/payouts', 'mentor'),
	page('/mentors/:slug/book', book.action, '/mentors/x/book', 'mentee', () => ({ slug: fuzzedOrReal(() => mentorSlug) })),
	page('/mentors/:slug/book-paid', bookPaid.action, '/mentors/x/book-paid', 'mentee', () => ({ slug: fuzzedOrReal(() => mentorSlug) })),
	page('/mentors/:slug/buy', buy.action, '/mentors/x/buy', 'mentee', () => ({ slug: fuzzedOrReal(() => mentorSlug) })),
	page('/admin/bundles', adminBundles.action, '/admin/bundles', 'admin'),
	page('/admin/payouts', adminPayouts.action, '/admin/payouts', 'admin'),
	page('/admin/relationships', adminRelationships.action, '/admin/relationships', 'admin'),
	page('/admin/sessions', adminSessions.action, '/admin/sessions', 'admin'),
	page('/dev/checkout/:id', devCheckout.action, '/dev/checkout/x', 'anonymous', () => ({ id: fc.sample(nastyString, 1)[0]! })),
	page('/dev/connect/:id', devConnect.action, '/dev/connect/x', 'mentor', () => ({ id: fc.sample(nastyString, 1)[0]! })),
	page('/unsubscribe/:token', unsubscribe.action, '/unsubscribe/x', 'anonymous', () => ({ token: fc.sample(nastyString, 1)[0]! })),
	api('POST /api/v1/programmes', apiProgrammes.action, '/api/v1/programmes', 'admin'),
	api('PATCH /api/v1/programmes/:slug', apiProgramme.action, '/api/v1/programmes/x', 'admin', 'PATCH', () => ({ slug: fuzzedOrReal(() => programmeSlug) })),
	api('POST /api/v1/programmes/:slug/registrations', apiRegister.action, '/api/v1/programmes/x/registrations', 'mentor', 'POST', () => ({ slug: fuzzedOrReal(() => programmeSlug) })),
	api('POST /api/v1/programmes/:slug/match-requests', apiMatchRequests.action, '/api/v1/programmes/x/match-requests', 'mentee', 'POST', () => ({ slug: fuzzedOrReal(() => programmeSlug) })),
	api('POST /api/v1/programmes/:slug/assignments', apiAssignments.action, '/api/v1/programmes/x/assignments', 'admin', 'POST', () => ({ slug: fuzzedOrReal(() => programmeSlug) })),
	api('POST /api/v1/registrations/:id/:action', apiRegistrationStep.action, '/api/v1/registrations/x/y', 'mentee', 'POST', () => ({
		id: fuzzedOrReal(() => registrationId),
		action: fc.sample(fc.oneof(fc.constantFrom('validate', 'decline', 'withdraw', 'end', 'confirm', 'periods'), nastyString), 1)[0]!,
	})),
	api('POST /api/v1/programmes/:slug/exports/:file', apiExports.action as Handler, '/api/v1/programmes/x/exports/registrations.csv', 'admin', 'POST', () => ({
		slug: fuzzedOrReal(() => programmeSlug),
		file: 'registrations.csv',
	})),
	api('PUT /api/v1/me/dossier', apiDossier.action, '/api/v1/me/dossier?role=mentor', 'mentor', 'PUT'),
	api('POST /api/v1/admin/reports/marketplace', apiMarketplaceReport.action, '/api/v1/admin/reports/marketplace', 'admin'),
	page('/admin/programmes/new', newProgrammePage.action, '/admin/programmes/new', 'admin'),
	page('/admin/programmes/:slug', programmeSettingsPage.action, '/admin/programmes/x', 'admin', () => ({ slug: fuzzedOrReal(() => programmeSlug) })),
	page('/admin/programmes/:slug/registrations', registrationsPage.action, '/admin/programmes/x/registrations', 'admin', () => ({ slug: fuzzedOrReal(() => programmeSlug) })),
	page('/admin/programmes/:slug/matching', matchingPage.action, '/admin/programmes/x/matching', 'admin', () => ({ slug: fuzzedOrReal(() => programmeSlug) })),
	page('/programmes/:slug', programmePage.action, '/programmes/x', 'mentee', () => ({ slug: fuzzedOrReal(() => programmeSlug) })),
	page('/links/:token', journeyLink.action, '/links/x', 'anonymous', () => ({ token: fc.sample(nastyString, 1)[0]! })),
	page('/forgot-password', forgotPassword.action, '/forgot-password', 'anonymous'),
	page('/reset-password/:token', resetPassword.action, '/reset-password/x', 'anonymous', () => ({ token: fc.sample(nastyString, 1)[0]! })),
	page('/verify-email/:token', verifyEmailLink.action, '/verify-email/x', 'anonymous', () => ({ token: fc.sample(nastyString, 1)[0]! })),
	page('/verify-email', verifyEmailResend.action, '/verify-email', 'mentee'),
]

type Sent = typeof body extends fc.Arbitrary<infer B> ? B : never

function requestFor(target: Target, sent: Sent): Request {
	const headers = new Headers()
	if (cookies[target.actor]) headers.set('Cookie', cookies[target.actor])
	let payload: string
	if (sent.type === 'form') {
		headers.set('Content-Type', 'application/x-www-form-urlencoded')
		payload = new URLSearchParams(sent.fields).toString()
	} else if (sent.type === 'json') {
		headers.set('Content-Type', 'application/json')
		payload = JSON.stringify(sent.value) ?? ''
	} else {
		payload = sent.text
	}
	if (target.name === 'POST /webhooks/stripe') headers.set('Stripe-Signature', `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`)
	if (target.name.endsWith('(signed)')) {
		const timestamp = String(Math.floor(Date.now() / 1000))
		const token = 'f'.repeat(50)
		const fields = sent.type === 'form' ? sent.fields : {}
		headers.set('Content-Type', 'application/x-www-form-urlencoded')
		payload = new URLSearchParams({ ...fields, 'body-mime': payload, timestamp, token, signature: signMailgun(LOCAL_MAILGUN_SIGNING_KEY, timestamp, token) }).toString()
	}
	return new Request(`http://localhost:3000${target.path}`, { method: target.method ?? 'POST', headers, body: payload })
}

/** What the route answers, as Remix would turn it into a response (a thrown Response is an answer; any other throw is a 500). */
async function answer(target: Pick<Target, 'handler' | 'params'>, request: Request): Promise<number> {
	try {
		const result = await target.handler({ request, context: { ip: '203.0.113.77', responseCookies: [] }, params: target.params() })
		if (result instanceof Response) return result.status
		const wrapped = result as { type?: string; init?: { status?: number } }
		return wrapped?.type === 'DataWithResponseInit' ? (wrapped.init?.status ?? 200) : 200
	} catch (thrown) {
		if (thrown instanceof Response) return thrown.status
		throw thrown
	}
}

describe('fuzzed input never answers 5xx, and a refusal writes nothing', () => {
	test.each(targets.map((t) => [t.name, t] as const))('%s', async (_name, target) => {
		await fc.assert(
			fc.asyncProperty(body, async (sent) => {
				const before = await databaseFingerprint()
				const status = await answer(target, requestFor(target, sent))
				expect(status).toBeLessThan(500)
				if (status >= 400) expect(await databaseFingerprint()).toBe(before)
			}),
			{ numRuns: RUNS },
		)
	})

	// A random sample may miss it; a NUL in a URL slug (PostgreSQL refuses it in text) is tried on every route that takes one.
	test.each(targets.filter((t) => 'slug' in t.params()).map((t) => [t.name, t] as const))('%s with a NUL in its slug answers a 4xx', async (_name, target) => {
		const crafted = { ...target, params: () => ({ ...target.params(), slug: 'a\u0000b' }) }
		const sent: Sent = target.kind === 'api' ? { type: 'json', value: {} } : { type: 'form', fields: [['intent', 'register']] }
		expect(await answer(crafted, requestFor(target, sent))).toBeLessThan(500)
	})

	test('POST /settings/profile photo uploads with generated files and crops', async () => {
		const phone = await phonePhoto()
		const files = fc.oneof(
			fc.constant(phone),
			fc.constant(phone.subarray(0, 3000)),
			fc.constant(await plainImage(70, 70, 'webp')),
			fc.constant(await plainImage(30, 30)),
			fc.constant(await plainImage(90, 90, 'gif')),
			fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), bytes])),
			fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
		)
		const cropField = fc.option(fc.oneof(nastyString, fc.integer({ min: -10, max: 1300 }).map(String)), { nil: undefined })
		const upload = fc.record({
			intent: fc.constantFrom('photo-upload', 'photo-remove', ...INTENTS),
			file: fc.option(files, { nil: undefined }),
			name: fc.oneof(fc.constantFrom('me.jpg', 'me.png', '', '../../etc/passwd'), nastyString),
			type: fc.constantFrom('image/jpeg', 'image/png', 'text/plain', 'application/octet-stream', ''),
			x: cropField,
			y: cropField,
			size: cropField,
		})
		await fc.assert(
			fc.asyncProperty(upload, async ({ intent, file, name, type, ...crop }) => {
				const form = new FormData()
				form.append('intent', intent)
				for (const [field, value] of Object.entries(crop)) if (value !== undefined) form.append(field, value)
				if (file) form.append('photo', new File([new Uint8Array(file)], name, { type }))
				const request = new Request('http://localhost:3000/settings/profile', { method: 'POST', headers: { Cookie: cookies.mentor }, body: form })
				const before = await databaseFingerprint()
				const status = await answer({ handler: profile.action, params: () => ({}) }, request)
				expect(status).toBeLessThan(500)
				if (status >= 400) expect(await databaseFingerprint()).toBe(before)
			}),
			{ numRuns: RUNS * 2 },
		)
	})

	test('GET /photos/:userId/:version/:file with generated addresses', async () => {
		const { user } = await createUser({ role: 'mentee' })
		const { userId, version } = await saveProfilePhoto(user.id, { bytes: await plainImage(100, 100), crop: null }, { now: new Date() })
		const part = (real: string) => fc.oneof({ weight: 2, arbitrary: fc.constant(real) }, { weight: 1, arbitrary: nastyString })
		await fc.assert(
			fc.asyncProperty(part(userId), part(version), fc.oneof(fc.constantFrom('large.webp', 'small.webp', 'large.jpg'), nastyString), async (id, v, file) => {
				const request = new Request('http://localhost:3000/photos/x/y/z')
				const status = await answer({ handler: photoFile.loader as Handler, params: () => ({ userId: id, version: v, file }) }, request)
				expect([200, 404]).toContain(status)
			}),
			{ numRuns: RUNS * 2 },
		)
	})

	// The export is read to its end: a query the filters let through must not fail once rows stream.
	test('GET /api/v1/programmes/:slug/exports/:file with generated queries', async () => {
		const query = fc.dictionary(fc.constantFrom('department', 'location', 'role', 'from', 'to', 'status', 'q', 'x'), nastyString, { maxKeys: 5 })
		const file = fc.oneof(fc.constantFrom('registrations.csv', 'participation-dates.csv', 'relationships.csv', 'sessions.csv'), nastyString)
		await fc.assert(
			fc.asyncProperty(query, file, fc.constantFrom<Actor>('admin', 'mentee', 'anonymous'), async (params, name, who) => {
				const headers = new Headers()
				if (cookies[who]) headers.set('Cookie', cookies[who])
				const request = new Request(`http://localhost:3000/api/v1/programmes/x/exports/x?${new URLSearchParams(params)}`, { headers })
				const response = (await apiExports.loader({ request, context: { ip: '203.0.113.77', responseCookies: [] }, params: { slug: fuzzedOrReal(() => programmeSlug), file: name } })) as Response
				expect(response.status).toBeLessThan(500)
				await response.arrayBuffer()
			}),
			{ numRuns: RUNS * 4 },
		)
	})

	test('GET /api/v1/programmes/:slug/report with generated queries', async () => {
		const query = fc.dictionary(fc.constantFrom('department', 'location', 'role', 'from', 'to', 'preset', 'x'), fc.oneof(nastyString, fc.constantFrom('2027-02-29', '2024-02-29', '0001-01-01', '9999-12-31', 'all_time')), { maxKeys: 5 })
		await fc.assert(
			fc.asyncProperty(query, fc.constantFrom<Actor>('admin', 'mentee', 'anonymous'), async (params, who) => {
				const headers = new Headers()
				if (cookies[who]) headers.set('Cookie', cookies[who])
				const request = new Request(`http://localhost:3000/api/v1/programmes/x/report?${new URLSearchParams(params)}`, { headers })
				const response = (await apiReport.loader({ request, context: { ip: '203.0.113.77', responseCookies: [] }, params: { slug: fuzzedOrReal(() => programmeSlug) } })) as Response
				expect(response.status).toBeLessThan(500)
			}),
			{ numRuns: RUNS * 4 },
		)
	})

	// Dates no calendar holds, years far out, reversed and endless ranges: a report or a 422, never a 500.
	test('GET /api/v1/admin/reports/marketplace and /admin/reports with generated queries', async () => {
		const query = fc.dictionary(fc.constantFrom('from', 'to', 'interval', 'x'), fc.oneof(nastyString, fc.constantFrom('week', 'month', '2027-03-01', '2000-01-01', '9999-12-31')), { maxKeys: 4 })
		await fc.assert(
			fc.asyncProperty(query, fc.boolean(), async (params, onPage) => {
				const request = new Request(`http://localhost:3000/${onPage ? 'admin/reports' : 'api/v1/admin/reports/marketplace'}?${new URLSearchParams(params)}`, { headers: { Cookie: cookies.admin } })
				const handler = (onPage ? reportsPage.loader : apiMarketplaceReport.loader) as Handler
				expect([200, 422]).toContain(await answer({ handler, params: () => ({}) }, request))
			}),
			{ numRuns: RUNS * 4 },
		)
	})

	test('GET /api/v1/relationships/:id/timeline with generated queries', async () => {
		const query = fc.dictionary(fc.constantFrom('kind', 'q', 'before', 'limit', 'x'), fc.oneof(nastyString, fc.constantFrom('message,goal', '50', '0', 'MjAyNy0wMS0wMVQwMDowMDowMC4wMDBafHh4')), { maxKeys: 4 })
		await fc.assert(
			fc.asyncProperty(query, fc.constantFrom<Actor>('mentee', 'mentor', 'anonymous'), async (params, who) => {
				const headers = new Headers()
				if (cookies[who]) headers.set('Cookie', cookies[who])
				const request = new Request(`http://localhost:3000/api/v1/relationships/x/timeline?${new URLSearchParams(params)}`, { headers })
				const response = (await workspaceTimelineApi.loader({ request, context: { ip: '203.0.113.77', responseCookies: [] }, params: { id: fuzzedOrReal(() => relationshipId) } })) as Response
				expect(response.status).toBeLessThan(500)
			}),
			{ numRuns: RUNS * 2 },
		)
	})

	test('GET /api/v1/mentors/:slug/slots with generated queries', async () => {
		const query = fc.dictionary(fc.constantFrom('type', 'from', 'to', 'tz', 'x'), nastyString, { maxKeys: 4 })
		await fc.assert(
			fc.asyncProperty(query, fc.boolean(), async (params, realSlug) => {
				const request = new Request(`http://localhost:3000/api/v1/mentors/x/slots?${new URLSearchParams(params)}`)
				const target = api('slots', slots.loader as Handler, '/api/v1/mentors/x/slots', 'anonymous', 'GET', () => ({ slug: realSlug ? mentorSlug : 'a\u0000b' }))
				expect(await answer(target, request)).toBeLessThan(500)
			}),
			{ numRuns: RUNS * 2 },
		)
	})
})
