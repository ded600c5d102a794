import { readdir, readFile } from 'node:fs/promises'
import { type LoaderFunctionArgs } from '@remix-run/node'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import * as adminBundles from '../../app/routes/admin.bundles'
import * as adminPayouts from '../../app/routes/admin.payouts'
import * as adminRelationships from '../../app/routes/admin.relationships'
import * as newProgrammePage from '../../app/routes/admin.programmes.new'
import * as programmeSettingsPage from '../../app/routes/admin.programmes.$slug._index'
import * as programmeRegistrationsPage from '../../app/routes/admin.programmes.$slug.registrations'
import * as programmeMatchingPage from '../../app/routes/admin.programmes.$slug.matching'
import * as programmeReportPage from '../../app/routes/admin.programmes.$slug.report'
import * as programmePage from '../../app/routes/programmes.$slug/route'
import * as apiDossier from '../../app/routes/api.v1.me.dossier'
import * as adminSessions from '../../app/routes/admin.sessions'
import * as apiFallback from '../../app/routes/api.v1.$'
import * as apiAssignment from '../../app/routes/api.v1.assignments.$id._index'
import * as apiApplyAssignment from '../../app/routes/api.v1.assignments.$id.apply'
import * as apiLogout from '../../app/routes/api.v1.auth.logout'
import * as apiVerificationEmail from '../../app/routes/api.v1.auth.verification-email'
import * as apiAvailability from '../../app/routes/api.v1.me.availability.$type'
import * as apiMe from '../../app/routes/api.v1.me'
import * as apiSlots from '../../app/routes/api.v1.mentors.$slug.slots'
import * as apiBookingChange from '../../app/routes/api.v1.bookings.$id.$action'
import * as apiBookings from '../../app/routes/api.v1.bookings._index'
import * as apiProgrammes from '../../app/routes/api.v1.programmes._index'
import * as apiProgramme from '../../app/routes/api.v1.programmes.$slug._index'
import * as apiAssignments from '../../app/routes/api.v1.programmes.$slug.assignments'
import * as apiMarketplaceReport from '../../app/routes/api.v1.admin.reports.marketplace'
import * as reportsPage from '../../app/routes/admin.reports'
import * as apiExports from '../../app/routes/api.v1.programmes.$slug.exports.$file'
import * as apiReport from '../../app/routes/api.v1.programmes.$slug.report'
import * as apiCoordinators from '../../app/routes/api.v1.programmes.$slug.coordinators'
import * as apiMatchRequests from '../../app/routes/api.v1.programmes.$slug.match-requests'
import * as apiRegister from '../../app/routes/api.v1.programmes.$slug.registrations'
import * as apiRegistration from '../../app/routes/api.v1.registrations.$id._index'
import * as apiRegistrationStep from '../../app/routes/api.v1.registrations.$id.$action'
import * as apiSubjects from '../../app/routes/api.v1.subjects'
import * as apiFeedback from '../../app/routes/api.v1.sessions.$id.feedback'
import * as apiFit from '../../app/routes/api.v1.relationships.$id.fit'
import * as apiMessages from '../../app/routes/api.v1.relationships.$id.messages'
import * as apiMessage from '../../app/routes/api.v1.messages.$id'
import * as apiRead from '../../app/routes/api.v1.relationships.$id.read'
import * as apiRelationships from '../../app/routes/api.v1.relationships._index'
import * as apiTimeline from '../../app/routes/api.v1.relationships.$id.timeline'
import * as apiEvents from '../../app/routes/api.v1.relationships.$id.events'
import * as workspacePage from '../../app/routes/relationships_.$id'
import * as apiGoals from '../../app/routes/api.v1.relationships.$id.goals'
import * as apiGoal from '../../app/routes/api.v1.goals.$id'
import * as apiLearningAssignments from '../../app/routes/api.v1.relationships.$id.assignments'
import * as apiLearningAssignment from '../../app/routes/api.v1.learning-assignments.$id'
import * as logoutPage from '../../app/routes/logout'
import * as bookIntroPage from '../../app/routes/mentors.$slug_.book'
import * as bookPaidPage from '../../app/routes/mentors.$slug_.book-paid'
import * as buyPage from '../../app/routes/mentors.$slug_.buy'
import * as relationshipsPage from '../../app/routes/relationships'
import * as sessionsPage from '../../app/routes/sessions/route'
import * as settingsPage from '../../app/routes/settings._index'
import * as availabilityPage from '../../app/routes/settings.availability/route'
import * as offersPage from '../../app/routes/settings.bundles'
import * as payoutsSettingsPage from '../../app/routes/settings.payouts'
import * as profilePage from '../../app/routes/settings.profile/route'
import * as unsubscribePage from '../../app/routes/unsubscribe.$token'
import * as verifyEmailPage from '../../app/routes/verify-email'
import * as webhooks from '../../app/routes/webhooks.stripe'
import * as inboundEmailWebhook from '../../app/routes/webhooks.inbound-email'
import * as inboundEmailMimeWebhook from '../../app/routes/webhooks.inbound-email.mime'
import { createCalendarFeed } from '../../app/services/calendar-feed.server'
import { unsubscribeToken } from '../../app/services/email-preferences.server'
import { getDb } from '../../db/client'
import { emailOutbox, mentorProfiles, mentorSubjects, messages, processedStripeEvents, programmes as programmesTable, sessionFeedback, trackedEmails, users } from '../../db/schema'
import { eq } from 'drizzle-orm'
import { type StripeEmulator } from '../../server/stripe-emulator'
import {
	accountState,
	activeBundle,
	assignmentState,
	bundleState,
	coordinatedProgramme,
	coordinatorElsewhere,
	deadPayout,
	fitState,
	programmeRelationshipAfterFirstSession,
	programmeWorkspace,
	inDepartment,
	INTRO_FORM,
	matchState,
	introSession,
	mentorWithOffer,
	mentorWithSlot,
	OFFER_FIELDS,
	offersOf,
	payoutState,
	person,
	programmeRegistration,
	programmesNamed,
	readyAssignment,
	programmeState,
	registrationsOf,
	registrationState,
	relationship,
	relationshipState,
	selfMatchingProgramme,
	send,
	sessionState,
	sessionsWith,
	workspaceState,
	type Answer,
	type Person,
} from '../support/authorization'
import { approvedContinuation, boughtBundle } from '../support/payments'
import { phonePhoto } from '../support/photos'
import { saveProfilePhoto } from '../../app/services/profile-photos.server'
import { registration, slug } from '../support/programmes'
import { page } from '../support/pages'
import { useStripeEmulator } from '../support/stripe'

/**
 * Who may change what: every route that changes state × anonymous, a stranger mentee, a stranger
 * mentor, the party the resource belongs to, and an admin; where the resource has two people, the
 * other one too (the mentee of an invitation only the mentor reviews). Each cell builds its own resource and
 * people, sends one request, and checks the answer and that a refusal wrote nothing.
 *
 * How a refusal reads, chosen per route and kept the same on the API and the page:
 * - sessions and relationships answer a stranger 403 not_allowed: their ids are unguessable
 *   UUIDs, and the sentence tells a mistaken participant why;
 * - a mentor's bundle offers answer another mentor 404: an offer id names nothing outside its owner's
 *   own settings, so those pages act on "your offers" only;
 * - "me" routes (settings, own calendar, own payouts account, logging out) have no stranger: each
 *   signed-in person acts on their own account (`own`), and the party's stays as it was;
 * - programmes and registrations (docs/decisions/018): the party of a programme is one of its
 *   coordinators, and the stranger mentor coordinates another programme, which gives no say in this
 *   one; the stranger mentee of a registration is another participant of the same programme. A
 *   registration's id is random, so every stranger to it gets 403 not_allowed.
 * - a relationship's workspace (goals, learning assignments) answers 404 not_found to anyone who is
 *   not one of its two people, its programme's coordinator and admins too (they read it, never
 *   write); the one of the two whose step it is not is told 403 not_allowed.
 */

let emulator: StripeEmulator
beforeAll(async () => {
	emulator = await useStripeEmulator()
})

const ACTORS = ['anonymous', 'strangerMentee', 'strangerMentor', 'party', 'admin'] as const
type Actor = (typeof ACTORS)[number]
/** Where a resource has two people, the one who is not its party for this change (the mentee of an invitation the mentor reviews). */
type Cell = Actor | 'otherSide'

/**
 * `ok`: allowed, and the resource changed. `own`: allowed, acting on the actor's own account, and the
 * party's resource is unchanged. `login`: sent to log in and come back. A status (with a code where
 * it is not the status's own, e.g. `409 no_credit`): refused, nothing written.
 */
type Expected = 'ok' | 'own' | 'login' | '401' | '403' | '404' | '405' | `${number} ${string}`

type Scene = {
	party: Person
	otherSide?: Person
	/** A stranger the resource's world gives, instead of a fresh person (another programme's coordinator, a peer participant). */
	strangers?: Partial<Record<'strangerMentee' | 'strangerMentor', Person>>
	send: (cookie: string | null) => Promise<Answer>
	state: () => Promise<unknown>
}
type Route = { name: string; file: string; arrange: () => Promise<Scene>; expect: Record<Actor, Expected> & { otherSide?: Expected } }

const CODE_OF_STATUS: Record<string, string> = { '401': 'unauthenticated', '403': 'not_allowed', '404': 'not_found', '405': 'method_not_allowed' }

const pageOf = (file: string) => `app/routes/${file}`

// ---- sessions: one change to one session, on the API and on "My sessions" ----

type Verb = 'accept' | 'reject' | 'cancel' | 'confirm' | 'agenda' | 'location'
const VERB: Record<Verb, { status: 'pending' | 'scheduled' | 'awaiting_confirmation'; party: 'mentor' | 'mentee'; otherSide: Expected; body: Record<string, string> }> = {
	// "The mentor reviews and confirms": the mentee of the session may not do it for them.
	accept: { status: 'pending', party: 'mentor', otherSide: '403', body: {} },
	reject: { status: 'pending', party: 'mentor', otherSide: '403', body: { reason: 'Not my field' } },
	// Everyone sends a reason, so the admin's cancellation is the override PRODUCT.md allows. Either side cancels.
	cancel: { status: 'scheduled', party: 'mentee', otherSide: 'ok', body: { reason: 'Plans changed' } },
	confirm: { status: 'awaiting_confirmation', party: 'mentor', otherSide: '403', body: { outcome: 'completed', decision: 'approve_continuation' } },
	agenda: { status: 'scheduled', party: 'mentee', otherSide: 'ok', body: { agenda: 'Goals for the quarter' } },
	// "Only the mentor of the session and admins say where it happens": the mentee may not.
	location: { status: 'scheduled', party: 'mentor', otherSide: '403', body: { meetingLocation: 'https://meet.example.com/room-4' } },
}
/** "The mentor reviews and confirms (an admin may confirm too); either side cancels, an admin may override." */
const ADMIN_MAY: Record<Verb, Expected> = { accept: '403', reject: '403', cancel: 'ok', confirm: 'ok', agenda: '403', location: 'ok' }

function sessionChange(verb: Verb, surface: 'api' | 'page'): Route {
	const spec = VERB[verb]
	return {
		name: surface === 'api' ? `POST /api/v1/bookings/:id/${verb}` : `POST /sessions (${verb})`,
		file: surface === 'api' ? pageOf('api.v1.bookings.$id.$action.ts') : pageOf('sessions/route.tsx'),
		arrange: async () => {
			const scene = await introSession(spec.status)
			const id = scene.session.id
			return {
				party: scene[spec.party],
				otherSide: scene[spec.party === 'mentor' ? 'mentee' : 'mentor'],
				send: (cookie) =>
					surface === 'api'
						? send(apiBookingChange.action, { path: `/api/v1/bookings/${id}/${verb}`, params: { id, action: verb }, cookie, json: spec.body })
						: send(sessionsPage.action, { path: '/sessions', cookie, form: { intent: verb, sessionId: id, ...spec.body } }),
				state: () => sessionState(id),
			}
		},
		expect: { anonymous: surface === 'api' ? '401' : 'login', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: ADMIN_MAY[verb], otherSide: spec.otherSide },
	}
}

/** "each side is asked for a 1–5 rating": either of the session's two people, once; nobody else, an admin neither. */
function rateSession(surface: 'api' | 'page'): Route {
	return {
		name: surface === 'api' ? 'POST /api/v1/sessions/:id/feedback' : 'POST /sessions (feedback)',
		file: surface === 'api' ? pageOf('api.v1.sessions.$id.feedback.ts') : pageOf('sessions/route.tsx'),
		arrange: async () => {
			const scene = await introSession('completed')
			const id = scene.session.id
			return {
				party: scene.mentee,
				otherSide: scene.mentor,
				send: (cookie) =>
					surface === 'api'
						? send(apiFeedback.action, { path: `/api/v1/sessions/${id}/feedback`, params: { id }, cookie, json: { rating: 4 } })
						: send(sessionsPage.action, { path: '/sessions', cookie, form: { intent: 'feedback', sessionId: id, rating: '4' } }),
				state: () => getDb().select().from(sessionFeedback).where(eq(sessionFeedback.sessionId, id)),
			}
		},
		expect: { anonymous: surface === 'api' ? '401' : 'login', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: '403', otherSide: 'ok' },
	}
}

/**
 * "Is this a good fit?": either of a programme relationship's two people, after its first completed
 * session; to anyone else (a coordinator and an admin too) the relationship answers as if it did not exist.
 */
function answerFitRoute(surface: 'api' | 'page'): Route {
	return {
		name: surface === 'api' ? 'POST /api/v1/relationships/:id/fit' : 'POST /sessions (fit)',
		file: surface === 'api' ? pageOf('api.v1.relationships.$id.fit.ts') : pageOf('sessions/route.tsx'),
		arrange: async () => {
			const scene = await programmeRelationshipAfterFirstSession()
			const id = scene.relationship.id
			return {
				party: scene.mentee,
				otherSide: scene.mentor,
				send: (cookie) =>
					surface === 'api'
						? send(apiFit.action, { path: `/api/v1/relationships/${id}/fit`, params: { id }, cookie, json: { answer: 'not_a_good_fit' } })
						: send(sessionsPage.action, { path: '/sessions', cookie, form: { intent: 'fit', sessionId: '00000000-0000-4000-8000-000000000000', relationshipId: id, answer: 'not_a_good_fit' } }),
				state: () => fitState(id),
			}
		},
		expect: { anonymous: surface === 'api' ? '401' : 'login', strangerMentee: '404', strangerMentor: '404', party: 'ok', admin: '404', otherSide: 'ok' },
	}
}

// ---- the relationship workspace: its two people write; to anyone else it does not exist ----

/** A message to the workspace: either person; coordinators and admins only look on, so it does not exist for them. */
const postMessageRoute: Route = {
	name: 'POST /api/v1/relationships/:id/messages',
	file: pageOf('api.v1.relationships.$id.messages.ts'),
	arrange: async () => {
		const { mentor, mentee, relationship: r } = await relationship('confirmed')
		return {
			party: mentee,
			otherSide: mentor,
			send: (cookie) => send(apiMessages.action, { path: `/api/v1/relationships/${r.id}/messages`, params: { id: r.id }, cookie, json: { body: 'Hello' } }),
			state: () => workspaceState(r.id),
		}
	},
	expect: { anonymous: '401', strangerMentee: '404', strangerMentor: '404', party: 'ok', admin: '404', otherSide: 'ok' },
}

/** The same message from the workspace page's form. */
const postMessagePageRoute: Route = {
	name: 'POST /relationships/:id (message)',
	file: pageOf('relationships_.$id.tsx'),
	arrange: async () => {
		const { mentor, mentee, relationship: r } = await relationship('confirmed')
		return {
			party: mentee,
			otherSide: mentor,
			send: (cookie) => send(workspacePage.action, { path: `/relationships/${r.id}`, params: { id: r.id }, cookie, form: { intent: 'message', body: 'Hello' } }),
			state: () => workspaceState(r.id),
		}
	},
	expect: { anonymous: 'login', strangerMentee: '404', strangerMentor: '404', party: 'ok', admin: '404', otherSide: 'ok' },
}

/** Editing or deleting a message: its author alone, within 15 minutes; the other person is refused. */
function changeMessageRoute(method: 'PATCH' | 'DELETE'): Route {
	return {
		name: `${method} /api/v1/messages/:id`,
		file: pageOf('api.v1.messages.$id.ts'),
		arrange: async () => {
			const { mentor, mentee, relationship: r } = await relationship('confirmed')
			const [message] = await getDb().insert(messages).values({ relationshipId: r.id, authorId: mentee.id, body: 'First words' }).returning()
			const id = message!.id
			return {
				party: mentee,
				otherSide: mentor,
				send: (cookie) => send(apiMessage.action, { path: `/api/v1/messages/${id}`, method, params: { id }, cookie, json: method === 'PATCH' ? { body: 'Better words' } : undefined }),
				state: () => workspaceState(r.id),
			}
		},
		expect: { anonymous: '401', strangerMentee: '404', strangerMentor: '404', party: 'ok', admin: '404', otherSide: '403' },
	}
}

/** Reading up to a message: each person moves their own mark. */
const readRoute: Route = {
	name: 'POST /api/v1/relationships/:id/read',
	file: pageOf('api.v1.relationships.$id.read.ts'),
	arrange: async () => {
		const { mentor, mentee, relationship: r } = await relationship('confirmed')
		const [message] = await getDb().insert(messages).values({ relationshipId: r.id, authorId: mentor.id, body: 'Read me' }).returning()
		return {
			party: mentee,
			otherSide: mentor,
			send: (cookie) => send(apiRead.action, { path: `/api/v1/relationships/${r.id}/read`, params: { id: r.id }, cookie, json: { upTo: message!.id } }),
			state: () => workspaceState(r.id),
		}
	},
	expect: { anonymous: '401', strangerMentee: '404', strangerMentor: '404', party: 'ok', admin: '404', otherSide: 'ok' },
}
// ---- a relationship's workspace: its two people write; to anyone else it does not exist ----

type WorkspaceScene = Awaited<ReturnType<typeof programmeWorkspace>>

/**
 * A goal or learning assignment change. The stranger mentor is the coordinator of the
 * relationship's own programme, the one stranger who may read its workspace: writing in it is not
 * theirs either, and like an admin they are told it does not exist.
 */
function workspaceWrite(name: string, file: string, party: 'mentor' | 'mentee', otherSide: Expected, run: (cookie: string | null, scene: WorkspaceScene) => Promise<Answer>): Route {
	return {
		name,
		file: pageOf(file),
		arrange: async () => {
			const scene = await programmeWorkspace()
			return {
				party: scene[party],
				otherSide: scene[party === 'mentor' ? 'mentee' : 'mentor'],
				strangers: { strangerMentor: scene.coordinator },
				send: (cookie) => run(cookie, scene),
				state: () => workspaceState(scene.relationship.id),
			}
		},
		expect: { anonymous: '401', strangerMentee: '404', strangerMentor: '404', party: 'ok', admin: '404', otherSide },
	}
}

const workspaceRoutes: Route[] = [
	// "The mentee sets goals": the mentor is told it is not theirs to do.
	workspaceWrite('POST /api/v1/relationships/:id/goals', 'api.v1.relationships.$id.goals.ts', 'mentee', '403', (cookie, { relationship: r }) =>
		send(apiGoals.action, { path: `/api/v1/relationships/${r.id}/goals`, params: { id: r.id }, cookie, json: { title: 'Speak at a conference' } }),
	),
	// "Both update status and progress."
	workspaceWrite('PATCH /api/v1/goals/:id', 'api.v1.goals.$id.ts', 'mentee', 'ok', (cookie, { goal }) =>
		send(apiGoal.action, { method: 'PATCH', path: `/api/v1/goals/${goal.id}`, params: { id: goal.id }, cookie, json: { status: 'in_progress', progress: 30 } }),
	),
	// "The mentor suggests or assigns an item."
	workspaceWrite('POST /api/v1/relationships/:id/assignments', 'api.v1.relationships.$id.assignments.ts', 'mentor', '403', (cookie, { relationship: r }) =>
		send(apiLearningAssignments.action, { path: `/api/v1/relationships/${r.id}/assignments`, params: { id: r.id }, cookie, json: { kind: 'suggested', title: 'Watch the talk' } }),
	),
	// "The mentee marks it done with a note."
	workspaceWrite('PATCH /api/v1/learning-assignments/:id', 'api.v1.learning-assignments.$id.ts', 'mentee', '403', (cookie, { assignment }) =>
		send(apiLearningAssignment.action, { method: 'PATCH', path: `/api/v1/learning-assignments/${assignment.id}`, params: { id: assignment.id }, cookie, json: { done: true, note: 'Done' } }),
	),
]

// ---- booking: intros are open to every mentee; a paid session needs the booker's own credit ----

function bookIntro(surface: 'api' | 'page'): Route {
	return {
		name: surface === 'api' ? 'POST /api/v1/bookings (intro)' : 'POST /mentors/:slug/book',
		file: surface === 'api' ? pageOf('api.v1.bookings._index.ts') : pageOf('mentors.$slug_.book.ts'),
		arrange: async () => {
			const { mentor, start } = await mentorWithSlot('intro')
			return {
				party: await person('mentee'),
				otherSide: mentor,
				send: (cookie) =>
					surface === 'api'
						? send(apiBookings.action, { path: '/api/v1/bookings', cookie, json: { mentor: mentor.slug, type: 'intro', start, introForm: INTRO_FORM } })
						: send(bookIntroPage.action, { path: `/mentors/${mentor.slug}/book`, params: { slug: mentor.slug }, cookie, form: { start, ...INTRO_FORM } }),
				state: () => sessionsWith(mentor.id),
			}
		},
		// Any mentee may ask any mentor for an intro: a stranger mentee is as entitled as the party.
		// "Only mentees book intros": a mentor without the mentee role, and an admin, are refused.
		expect: { anonymous: surface === 'api' ? '401' : 'login', strangerMentee: 'ok', strangerMentor: '403', party: 'ok', admin: '403', otherSide: '403' },
	}
}

function bookPaid(surface: 'api' | 'page'): Route {
	return {
		name: surface === 'api' ? 'POST /api/v1/bookings (paid, with a bundle id)' : 'POST /mentors/:slug/book-paid',
		file: surface === 'api' ? pageOf('api.v1.bookings._index.ts') : pageOf('mentors.$slug_.book-paid.ts'),
		arrange: async () => {
			const { mentor, start } = await mentorWithSlot('paid')
			const mentee = await person('mentee')
			const bundle = await activeBundle(mentee.id, mentor.id)
			return {
				party: mentee,
				otherSide: mentor,
				send: (cookie) =>
					surface === 'api'
						? send(apiBookings.action, { path: '/api/v1/bookings', cookie, json: { mentor: mentor.slug, type: 'paid', start, bundleId: bundle.id } })
						: send(bookPaidPage.action, { path: `/mentors/${mentor.slug}/book-paid`, params: { slug: mentor.slug }, cookie, form: { start } }),
				state: () => sessionsWith(mentor.id),
			}
		},
		// Another mentee's bundle never pays: even naming its id, a stranger has no credit with this mentor.
		expect: { anonymous: surface === 'api' ? '401' : 'login', strangerMentee: '409 no_credit', strangerMentor: '403', party: 'ok', admin: '403', otherSide: '403' },
	}
}

const buy: Route = {
	name: 'POST /mentors/:slug/buy',
	file: pageOf('mentors.$slug_.buy.ts'),
	arrange: async () => {
		const { mentor, offer } = await mentorWithOffer()
		const mentee = await person('mentee')
		await approvedContinuation(mentee.id, mentor.id)
		return {
			party: mentee,
			otherSide: mentor,
			send: (cookie) => send(buyPage.action, { path: `/mentors/${mentor.slug}/buy`, params: { slug: mentor.slug }, cookie, form: { offerId: offer.id } }),
			state: () => sessionsWith(mentor.id),
		}
	},
	// "Buying a bundle: only after the mentor approved continuation after an intro with that mentee."
	expect: {
		anonymous: 'login',
		strangerMentee: '403 continuation_not_approved',
		strangerMentor: '403 continuation_not_approved',
		party: 'ok',
		admin: '403 continuation_not_approved',
		// "You cannot buy your own bundle."
		otherSide: '403',
	},
}

// ---- relationships: the two sides answer; either side, or an admin, ends a confirmed one ----

function answerRelationship(intent: 'confirm' | 'decline'): Route {
	return {
		name: `POST /relationships (${intent})`,
		file: pageOf('relationships.tsx'),
		arrange: async () => {
			const { mentee, mentor, relationship: r } = await relationship('pending')
			return {
				party: mentee,
				otherSide: mentor,
				send: (cookie) => send(relationshipsPage.action, { path: '/relationships', cookie, form: { intent, relationshipId: r.id, ...(intent === 'decline' ? { note: 'Not now' } : {}) } }),
				state: () => relationshipState(r.id),
			}
		},
		// A two-way agreement between its two people: an admin proposes or ends, but never answers for one.
		expect: { anonymous: 'login', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: '403', otherSide: 'ok' },
	}
}

/** "either side may end it, with a note"; an admin may too, with a reason. */
const endRelationshipRoute: Route = {
	name: 'POST /relationships (end)',
	file: pageOf('relationships.tsx'),
	arrange: async () => {
		const { mentee, mentor, relationship: r } = await relationship('confirmed')
		return {
			party: mentee,
			otherSide: mentor,
			send: (cookie) => send(relationshipsPage.action, { path: '/relationships', cookie, form: { intent: 'end', relationshipId: r.id, note: 'We reached the goal' } }),
			state: () => relationshipState(r.id),
		}
	},
	expect: { anonymous: 'login', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: 'ok', otherSide: 'ok' },
}

// ---- admin pages: the party of the resource is no admin ----

const ADMIN_ONLY: Route['expect'] = { anonymous: 'login', strangerMentee: '403', strangerMentor: '403', party: '403', admin: 'ok', otherSide: '403' }

const adminRoutes: Route[] = [
	{
		name: 'POST /admin/sessions (confirm)',
		file: pageOf('admin.sessions.tsx'),
		arrange: async () => {
			const { mentee, mentor, session } = await introSession('awaiting_confirmation')
			return {
				party: mentee,
				otherSide: mentor,
				send: (cookie) => send(adminSessions.action, { path: '/admin/sessions', cookie, form: { sessionId: session.id, outcome: 'completed', decision: 'approve_continuation' } }),
				state: () => sessionState(session.id),
			}
		},
		expect: ADMIN_ONLY,
	},
	{
		name: 'POST /admin/relationships (end)',
		file: pageOf('admin.relationships.tsx'),
		arrange: async () => {
			const { mentor, mentee, relationship: r } = await relationship('confirmed')
			return {
				party: mentor,
				otherSide: mentee,
				send: (cookie) => send(adminRelationships.action, { path: '/admin/relationships', cookie, form: { relationshipId: r.id, reason: 'Mentor stopped answering' } }),
				state: () => relationshipState(r.id),
			}
		},
		expect: ADMIN_ONLY,
	},
	{
		name: 'POST /admin/payouts (retry)',
		file: pageOf('admin.payouts.tsx'),
		arrange: async () => {
			const { mentor, mentee, payout } = await deadPayout()
			return {
				party: mentor,
				otherSide: mentee,
				send: (cookie) => send(adminPayouts.action, { path: '/admin/payouts', cookie, form: { payoutId: payout.id } }),
				state: () => payoutState(payout.id),
			}
		},
		expect: ADMIN_ONLY,
	},
	{
		name: 'POST /admin/bundles (refund)',
		file: pageOf('admin.bundles.tsx'),
		arrange: async () => {
			const { mentor } = await mentorWithOffer()
			const mentee = await person('mentee')
			await approvedContinuation(mentee.id, mentor.id)
			const bundleId = await boughtBundle(emulator, mentee.id, mentor.id)
			await emulator.settled()
			return {
				party: mentee,
				otherSide: mentor,
				send: (cookie) => send(adminBundles.action, { path: '/admin/bundles', cookie, form: { bundleId, reason: 'Mentor on leave' } }),
				state: () => bundleState(bundleId),
			}
		},
		expect: ADMIN_ONLY,
	},
]

// ---- a mentor's offers ----

function offerChange(intent: 'update' | 'retire'): Route {
	return {
		name: `POST /settings/bundles (${intent})`,
		file: pageOf('settings.bundles.tsx'),
		arrange: async () => {
			const { mentor, offer } = await mentorWithOffer()
			return {
				party: mentor,
				send: (cookie) => send(offersPage.action, { path: '/settings/bundles', cookie, form: { intent, offerId: offer.id, ...OFFER_FIELDS } }),
				state: () => offersOf(mentor.id),
			}
		},
		// requireMentor refuses a mentee and an admin; another mentor's lookup finds no offer of theirs.
		expect: { anonymous: 'login', strangerMentee: '403', strangerMentor: '404', party: 'ok', admin: '403' },
	}
}

// ---- "me" routes: each person acts on their own account ----

const MENTOR_OWN: Record<Actor, Expected> = { anonymous: 'login', strangerMentee: '403', strangerMentor: 'own', party: 'ok', admin: '403' }
const ANYONE_OWN: Record<Actor, Expected> = { anonymous: 'login', strangerMentee: 'own', strangerMentor: 'own', party: 'ok', admin: 'own' }
const CALENDAR = { timeZone: 'Europe/Berlin', weekly: [{ weekday: 2, start: '09:00', end: '11:00' }], overrides: [], bufferMinutes: 10 }

function ownAccount(name: string, file: string, party: 'mentor' | 'mentee', expect: Record<Actor, Expected>, run: (cookie: string | null) => Promise<Answer>, prepare?: (p: Person) => Promise<unknown>): Route {
	return {
		name,
		file: pageOf(file),
		arrange: async () => {
			const p = await person(party)
			await prepare?.(p)
			return { party: p, send: run, state: () => accountState(p.id) }
		},
		expect,
	}
}

const PROFILE = {
	name: 'Renamed Person',
	timeZone: 'America/New_York',
	'mentee.languages': 'English',
	'mentee.yearsExperience': '3',
	'mentor.languages': 'English',
	'mentor.yearsExperience': '9',
	'mentor.capacity': '2',
}

let phoneBytes: Promise<Buffer> | undefined
const phone = () => (phoneBytes ??= phonePhoto())

/** The profile page's photo form, multipart as a browser sends it; an upload carries a real JPEG. */
async function photoForm(fields: Record<string, string>): Promise<FormData> {
	const form = new FormData()
	for (const [name, value] of Object.entries(fields)) form.append(name, value)
	if (fields.intent === 'photo-upload') form.append('photo', new File([new Uint8Array(await phone())], 'me.jpg', { type: 'image/jpeg' }))
	return form
}

const ownRoutes: Route[] = [
	ownAccount('PUT /api/v1/me/availability/intro', 'api.v1.me.availability.$type.ts', 'mentor', { ...MENTOR_OWN, anonymous: '401' }, (cookie) =>
		send(apiAvailability.action, { method: 'PUT', path: '/api/v1/me/availability/intro', params: { type: 'intro' }, cookie, json: CALENDAR }),
	),
	ownAccount('POST /settings/availability', 'settings.availability/route.tsx', 'mentor', MENTOR_OWN, (cookie) =>
		send(availabilityPage.action, {
			path: '/settings/availability',
			cookie,
			form: { calendar: 'intro', timeZone: 'Europe/Berlin', bufferMinutes: '10', 'weekly[0].weekday': '2', 'weekly[0].start': '09:00', 'weekly[0].end': '11:00' },
		}),
	),
	ownAccount('POST /settings/payouts (connect Stripe)', 'settings.payouts.tsx', 'mentor', MENTOR_OWN, (cookie) => send(payoutsSettingsPage.action, { path: '/settings/payouts', cookie })),
	ownAccount('POST /settings/profile', 'settings.profile/route.tsx', 'mentee', ANYONE_OWN, (cookie) => send(profilePage.action, { path: '/settings/profile', cookie, form: PROFILE })),
	// A photo is always one's own: whoever uploads or removes one changes their own, never the party's.
	ownAccount('POST /settings/profile (photo upload)', 'settings.profile/route.tsx', 'mentee', ANYONE_OWN, async (cookie) =>
		send(profilePage.action, { path: '/settings/profile', cookie, multipart: await photoForm({ intent: 'photo-upload', x: '0', y: '0', size: '200' }) }),
	),
	ownAccount(
		'POST /settings/profile (photo remove)',
		'settings.profile/route.tsx',
		'mentor',
		ANYONE_OWN,
		async (cookie) => send(profilePage.action, { path: '/settings/profile', cookie, multipart: await photoForm({ intent: 'photo-remove' }) }),
		async (p) => saveProfilePhoto(p.id, { bytes: await phone(), crop: null }, { now: new Date() }),
	),
	ownAccount('POST /settings (email preferences)', 'settings._index.tsx', 'mentee', ANYONE_OWN, (cookie) =>
		send(settingsPage.action, { path: '/settings', cookie, form: { intent: 'email-preferences' } }),
	),
	ownAccount('POST /settings (calendar feed)', 'settings._index.tsx', 'mentee', ANYONE_OWN, (cookie) =>
		send(settingsPage.action, { path: '/settings', cookie, form: { intent: 'calendar-feed-create' } }),
	),
	ownAccount(
		'POST /settings (revoke calendar feed)',
		'settings._index.tsx',
		'mentee',
		ANYONE_OWN,
		(cookie) => send(settingsPage.action, { path: '/settings', cookie, form: { intent: 'calendar-feed-revoke' } }),
		(p) => createCalendarFeed(p.id, new Date()),
	),
	ownAccount('POST /settings (log out everywhere)', 'settings._index.tsx', 'mentee', ANYONE_OWN, (cookie) => send(settingsPage.action, { path: '/settings', cookie, form: {} })),
	// Logging out without a session is harmless (200, or home): anonymous acts on nobody's account.
	ownAccount('POST /api/v1/auth/logout', 'api.v1.auth.logout.ts', 'mentee', { ...ANYONE_OWN, anonymous: 'own' }, (cookie) =>
		send(apiLogout.action, { path: '/api/v1/auth/logout', cookie }),
	),
	ownAccount('POST /logout', 'logout.tsx', 'mentee', { ...ANYONE_OWN, anonymous: 'own' }, (cookie) => send(logoutPage.action, { path: '/logout', cookie })),
	{
		name: 'POST /settings/bundles (create)',
		file: pageOf('settings.bundles.tsx'),
		arrange: async () => {
			const { mentor } = await mentorWithOffer()
			return { party: mentor, send: (cookie) => send(offersPage.action, { path: '/settings/bundles', cookie, form: OFFER_FIELDS }), state: () => offersOf(mentor.id) }
		},
		expect: MENTOR_OWN,
	},
]

// ---- programmes: admins create them and name coordinators; a coordinator edits theirs ----

const PROGRAMME_API = 'api.v1.programmes'

/** "POST /api/v1/programmes: admins." No programme is anyone's yet: the party is a coordinator of another one, which makes no admin. */
const createProgrammeRoute: Route = {
	name: 'POST /api/v1/programmes',
	file: pageOf(`${PROGRAMME_API}._index.ts`),
	arrange: async () => {
		const s = slug()
		return {
			party: await coordinatorElsewhere(),
			send: (cookie) => send(apiProgrammes.action, { path: '/api/v1/programmes', cookie, json: { slug: s, name: 'Leadership 2028', matchingMode: 'self' } }),
			state: () => programmesNamed(s),
		}
	},
	expect: { anonymous: '401', strangerMentee: '403', strangerMentor: '403', party: '403', admin: 'ok' },
}

/**
 * A coordinated programme open to everyone (so no one's refusal is the 404 of an unseen programme),
 * with a participant: registering gives a person no admin work in it.
 */
function programmeAdmin(name: string, file: string, run: (cookie: string | null, s: string, coordinatorId: string) => Promise<Answer>, expect: Route['expect']): Route {
	return {
		name,
		file: pageOf(file),
		arrange: async () => {
			const { programme: p, coordinator } = await coordinatedProgramme()
			const participant = await person('mentee')
			await registration({ programmeId: p.id, userId: participant.id, status: 'searching' })
			return {
				party: coordinator,
				otherSide: participant,
				strangers: { strangerMentor: await coordinatorElsewhere() },
				send: (cookie) => run(cookie, p.slug, coordinator.id),
				state: () => programmeState(p.id),
			}
		},
		expect,
	}
}

const programmeAdminRoutes: Route[] = [
	// "PATCH: admins and its coordinators."
	programmeAdmin(
		'PATCH /api/v1/programmes/:slug',
		`${PROGRAMME_API}.$slug._index.ts`,
		(cookie, s) => send(apiProgramme.action, { method: 'PATCH', path: `/api/v1/programmes/${s}`, params: { slug: s }, cookie, json: { name: 'Leadership 2028', groupSize: 3 } }),
		{ anonymous: '401', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: 'ok', otherSide: '403' },
	),
	// "PUT …/coordinators: admins": a coordinator edits the programme but does not choose who else coordinates it.
	programmeAdmin(
		'PUT /api/v1/programmes/:slug/coordinators',
		`${PROGRAMME_API}.$slug.coordinators.ts`,
		async (cookie, s, coordinatorId) => {
			const added = await person('mentor')
			return send(apiCoordinators.action, { method: 'PUT', path: `/api/v1/programmes/${s}/coordinators`, params: { slug: s }, cookie, json: { userIds: [coordinatorId, added.id] } })
		},
		{ anonymous: '401', strangerMentee: '403', strangerMentor: '403', party: '403', admin: 'ok', otherSide: '403' },
	),
]

/**
 * Registering: any signed-in person the audience admits, in a role their account holds. The party is
 * such a person; the audience decides the rest, and the coordinator (who hears of each registration)
 * is told of nothing refused.
 */
function registerRoute(role: 'mentee' | 'mentor'): Route {
	const department = role === 'mentor' ? 'Sales' : null
	return {
		name: role === 'mentee' ? 'POST /api/v1/programmes/:slug/registrations (as mentee, open to all)' : 'POST /api/v1/programmes/:slug/registrations (as mentor, Sales only)',
		file: pageOf(`${PROGRAMME_API}.$slug.registrations.ts`),
		arrange: async () => {
			const { programme: p, coordinator } = await coordinatedProgramme(department ? { roles: ['mentor'], departments: [department] } : {})
			const party = await person(role)
			if (department) await inDepartment(party, role, department)
			return {
				party,
				send: (cookie) => send(apiRegister.action, { path: `/api/v1/programmes/${p.slug}/registrations`, params: { slug: p.slug }, cookie, json: { role, motivation: 'Learning to lead' } }),
				state: () => registrationsOf(p.id, coordinator.id),
			}
		},
		// A stranger of the same role is as entitled as the party where the audience is open; one outside a
		// filled list is not_in_audience. An account without the role (an admin holds neither) is not_allowed.
		expect:
			role === 'mentee'
				? { anonymous: '401', strangerMentee: 'ok', strangerMentor: '403', party: 'ok', admin: '403' }
				: { anonymous: '401', strangerMentee: '403', strangerMentor: '403 not_in_audience', party: 'ok', admin: '403' },
	}
}

// ---- one registration's journey: the coordinator validates or declines, the person does the rest ----

type Step = 'validate' | 'decline' | 'withdraw' | 'end' | 'confirm' | 'periods'
const STEP: Record<Step, { status: Parameters<typeof programmeRegistration>[0]; by: 'coordinator' | 'registrant'; body: Record<string, string> }> = {
	validate: { status: 'application', by: 'coordinator', body: {} },
	decline: { status: 'application', by: 'coordinator', body: { reason: 'The cohort is full' } },
	withdraw: { status: 'searching', by: 'registrant', body: {} },
	end: { status: 'in_progress', by: 'registrant', body: {} },
	confirm: { status: 'awaiting_confirmation', by: 'registrant', body: {} },
	// The first dates while searching are the match found (decision 018).
	periods: { status: 'searching', by: 'registrant', body: { start: '2027-03-01', end: '2027-03-31' } },
}

function registrationStep(verb: Step): Route {
	const spec = STEP[verb]
	return {
		name: `POST /api/v1/registrations/:id/${verb}`,
		file: pageOf('api.v1.registrations.$id.$action.ts'),
		arrange: async () => {
			const { coordinator, registrant, peer, registration: r } = await programmeRegistration(spec.status)
			return {
				party: spec.by === 'coordinator' ? coordinator : registrant,
				otherSide: spec.by === 'coordinator' ? registrant : coordinator,
				strangers: { strangerMentee: peer, strangerMentor: await coordinatorElsewhere() },
				send: (cookie) => send(apiRegistrationStep.action, { path: `/api/v1/registrations/${r.id}/${verb}`, params: { id: r.id, action: verb }, cookie, json: spec.body }),
				state: () => registrationState(r.id),
			}
		},
		// "Admins act as coordinators of every programme": they validate and decline, and, like a
		// coordinator, never withdraw, end, confirm or add dates for the person.
		expect: { anonymous: '401', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: spec.by === 'coordinator' ? 'ok' : '403', otherSide: '403' },
	}
}

/**
 * A match request: "`self`: mentees pick from their recommendations", and a coordinator proposes
 * pairs in any mode. The party is a searching mentee asking for a mentor; the other side is the
 * programme's coordinator proposing the same pair; admins act as coordinators. The stranger mentee
 * is a peer of the same programme and the stranger mentor another programme's coordinator: naming
 * the party as mentee gives neither a say.
 */
const matchRequestRoute: Route = {
	name: 'POST /api/v1/programmes/:slug/match-requests',
	file: pageOf(`${PROGRAMME_API}.$slug.match-requests.ts`),
	arrange: async () => {
		const { programme: p, coordinator, mentee, mentor, peer } = await selfMatchingProgramme()
		return {
			party: mentee,
			otherSide: coordinator,
			strangers: { strangerMentee: peer, strangerMentor: await coordinatorElsewhere() },
			send: (cookie) =>
				send(apiMatchRequests.action, { path: `/api/v1/programmes/${p.slug}/match-requests`, params: { slug: p.slug }, cookie, json: { mentor: mentor.id, mentee: mentee.id } }),
			state: () => matchState(p.id, [mentor.id, mentee.id]),
		}
	},
	expect: { anonymous: '401', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: 'ok', otherSide: 'ok' },
}

/**
 * Cohort assignment: "a coordinator reviews it … then applies it"; admins act as coordinators. The
 * party coordinates the programme; the stranger mentee is one of its searching mentees and the
 * stranger mentor another programme's coordinator; the other side is the mentee of the pair.
 */
const startAssignmentRoute: Route = {
	name: 'POST /api/v1/programmes/:slug/assignments',
	file: pageOf(`${PROGRAMME_API}.$slug.assignments.ts`),
	arrange: async () => {
		const { programme: p, coordinator, mentee, peer } = await selfMatchingProgramme()
		return {
			party: coordinator,
			otherSide: mentee,
			strangers: { strangerMentee: peer, strangerMentor: await coordinatorElsewhere() },
			send: (cookie) => send(apiAssignments.action, { path: `/api/v1/programmes/${p.slug}/assignments`, params: { slug: p.slug }, cookie, json: {} }),
			state: () => assignmentState(p.id),
		}
	},
	expect: { anonymous: '401', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: 'ok', otherSide: '403' },
}

const applyAssignmentRoute: Route = {
	name: 'POST /api/v1/assignments/:id/apply',
	file: pageOf('api.v1.assignments.$id.apply.ts'),
	arrange: async () => {
		const { programme: p, coordinator, mentee, mentor, peer } = await selfMatchingProgramme()
		const id = await readyAssignment(p.slug, coordinator.id)
		return {
			party: coordinator,
			otherSide: mentee,
			strangers: { strangerMentee: peer, strangerMentor: await coordinatorElsewhere() },
			send: (cookie) => send(apiApplyAssignment.action, { path: `/api/v1/assignments/${id}/apply`, params: { id }, cookie }),
			state: async () => ({ assignments: await assignmentState(p.id), matches: await matchState(p.id, [mentor.id, mentee.id]) }),
		}
	},
	expect: { anonymous: '401', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: 'ok', otherSide: '403' },
}

/** GET-only: a POST to one assignment changes nothing of it. */
const readOnlyAssignment: Route = {
	name: 'POST /api/v1/assignments/:id',
	file: pageOf('api.v1.assignments.$id._index.ts'),
	arrange: async () => {
		const { programme: p, coordinator } = await coordinatedProgramme()
		const id = await readyAssignment(p.slug, coordinator.id)
		return {
			party: coordinator,
			send: (cookie) => send(apiAssignment.action, { path: `/api/v1/assignments/${id}`, params: { id }, cookie, json: {} }),
			state: () => assignmentState(p.id),
		}
	},
	expect: { anonymous: '405', strangerMentee: '405', strangerMentor: '405', party: '405', admin: '405' },
}

const programmeRoutes: Route[] = [
	createProgrammeRoute,
	...programmeAdminRoutes,
	registerRoute('mentee'),
	registerRoute('mentor'),
	...(['validate', 'decline', 'withdraw', 'end', 'confirm', 'periods'] as const).map(registrationStep),
	matchRequestRoute,
	startAssignmentRoute,
	applyAssignmentRoute,
	readOnlyAssignment,
]

// ---- programme pages: the same standing as the API, on the forms people click ----

/** "Admins create a programme at /admin/programmes/new": a coordinator of another programme is no admin. */
const newProgrammePageRoute: Route = {
	name: 'POST /admin/programmes/new',
	file: pageOf('admin.programmes.new.tsx'),
	arrange: async () => {
		const s = slug()
		return {
			party: await coordinatorElsewhere(),
			send: (cookie) => send(newProgrammePage.action, { path: '/admin/programmes/new', cookie, form: { intent: 'save', name: 'Leadership 2029', slug: s, matchingMode: 'admin', groupSize: '1', lapseDays: '45' } }),
			state: () => programmesNamed(s),
		}
	},
	expect: { anonymous: 'login', strangerMentee: '403', strangerMentor: '403', party: '403', admin: 'ok' },
}

/** The programme's settings page: each intent as the API's counterpart allows it. */
function programmeSettings(name: string, form: (coordinatorId: string) => Promise<Record<string, string>>, expect: Route['expect']): Route {
	return programmeAdmin(
		name,
		'admin.programmes.$slug._index.tsx',
		async (cookie, s, coordinatorId) => send(programmeSettingsPage.action, { path: `/admin/programmes/${s}`, params: { slug: s }, cookie, form: await form(coordinatorId) }),
		expect,
	)
}

const COORDINATOR_WORK: Route['expect'] = { anonymous: 'login', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: 'ok', otherSide: '403' }

/** A registration step on the coordinator's table: the registrant and a peer participant have no say. */
function registrationsPageStep(intent: 'validate' | 'decline'): Route {
	return {
		name: `POST /admin/programmes/:slug/registrations (${intent})`,
		file: pageOf('admin.programmes.$slug.registrations.tsx'),
		arrange: async () => {
			const { programme: p, coordinator, registrant, peer, registration: r } = await programmeRegistration('application')
			return {
				party: coordinator,
				otherSide: registrant,
				strangers: { strangerMentee: peer, strangerMentor: await coordinatorElsewhere() },
				send: (cookie) =>
					send(programmeRegistrationsPage.action, {
						path: `/admin/programmes/${p.slug}/registrations`,
						params: { slug: p.slug },
						cookie,
						form: { intent, registrationId: r.id, ...(intent === 'decline' ? { reason: 'The cohort is full' } : {}) },
					}),
				state: () => registrationState(r.id),
			}
		},
		expect: COORDINATOR_WORK,
	}
}

/** Proposing a pair from the table (facilitator mode): the mentee named has no say in whom they are proposed. */
const proposeOnPage: Route = {
	name: 'POST /admin/programmes/:slug/registrations (propose)',
	file: pageOf('admin.programmes.$slug.registrations.tsx'),
	arrange: async () => {
		const { programme: p, coordinator, mentee, mentor, peer } = await selfMatchingProgramme()
		await getDb().update(programmesTable).set({ matchingMode: 'facilitator' }).where(eq(programmesTable.id, p.id))
		return {
			party: coordinator,
			otherSide: mentee,
			strangers: { strangerMentee: peer, strangerMentor: await coordinatorElsewhere() },
			send: (cookie) => send(programmeRegistrationsPage.action, { path: `/admin/programmes/${p.slug}/registrations`, params: { slug: p.slug }, cookie, form: { intent: 'propose', mentor: mentor.id, mentee: mentee.id } }),
			state: () => matchState(p.id, [mentor.id, mentee.id]),
		}
	},
	expect: COORDINATOR_WORK,
}

/** Ending a relationship called "not a good fit" from the coordinator's list: its mentee has no say in it there. */
const endNotGoodFitOnPage: Route = {
	name: 'POST /admin/programmes/:slug/registrations (end_not_a_good_fit)',
	file: pageOf('admin.programmes.$slug.registrations.tsx'),
	arrange: async () => {
		const { programme: p, coordinator, mentee, relationship: r } = await programmeRelationshipAfterFirstSession({ notAGoodFit: true })
		return {
			party: coordinator,
			otherSide: mentee,
			strangers: { strangerMentor: await coordinatorElsewhere() },
			send: (cookie) => send(programmeRegistrationsPage.action, { path: `/admin/programmes/${p.slug}/registrations`, params: { slug: p.slug }, cookie, form: { intent: 'end_not_a_good_fit', relationshipId: r.id } }),
			state: () => relationshipState(r.id),
		}
	},
	expect: COORDINATOR_WORK,
}

/** Running and applying the cohort assignment from the matching page. */
const runOnMatchingPage: Route = {
	name: 'POST /admin/programmes/:slug/matching (run)',
	file: pageOf('admin.programmes.$slug.matching.tsx'),
	arrange: async () => {
		const { programme: p, coordinator, mentee, peer } = await selfMatchingProgramme()
		return {
			party: coordinator,
			otherSide: mentee,
			strangers: { strangerMentee: peer, strangerMentor: await coordinatorElsewhere() },
			send: (cookie) => send(programmeMatchingPage.action, { path: `/admin/programmes/${p.slug}/matching`, params: { slug: p.slug }, cookie, form: { intent: 'run' } }),
			state: () => assignmentState(p.id),
		}
	},
	expect: COORDINATOR_WORK,
}

const applyOnMatchingPage: Route = {
	name: 'POST /admin/programmes/:slug/matching (apply)',
	file: pageOf('admin.programmes.$slug.matching.tsx'),
	arrange: async () => {
		const { programme: p, coordinator, mentee, mentor, peer } = await selfMatchingProgramme()
		const id = await readyAssignment(p.slug, coordinator.id)
		return {
			party: coordinator,
			otherSide: mentee,
			strangers: { strangerMentee: peer, strangerMentor: await coordinatorElsewhere() },
			send: (cookie) => send(programmeMatchingPage.action, { path: `/admin/programmes/${p.slug}/matching`, params: { slug: p.slug }, cookie, form: { intent: 'apply', run: id } }),
			state: async () => ({ assignments: await assignmentState(p.id), matches: await matchState(p.id, [mentor.id, mentee.id]) }),
		}
	},
	expect: COORDINATOR_WORK,
}

/** The participant's own steps on /programmes/<slug>: only the registrant takes them; admins and coordinators never do. */
function participantStep(intent: 'withdraw' | 'add_period', status: 'searching' | 'in_progress', extra: Record<string, string> = {}): Route {
	return {
		name: `POST /programmes/:slug (${intent})`,
		file: pageOf('programmes.$slug/route.tsx'),
		arrange: async () => {
			const { programme: p, coordinator, registrant, peer, registration: r } = await programmeRegistration(status)
			return {
				party: registrant,
				otherSide: coordinator,
				strangers: { strangerMentee: peer, strangerMentor: await coordinatorElsewhere() },
				send: (cookie) => send(programmePage.action, { path: `/programmes/${p.slug}`, params: { slug: p.slug }, cookie, form: { intent, registrationId: r.id, ...extra } }),
				state: () => registrationState(r.id),
			}
		},
		expect: { anonymous: 'login', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: '403', otherSide: '403' },
	}
}

/** A mentor's dossier over the API: their own only; a mentee account holds no mentor dossier. */
const putDossier: Route = {
	name: 'PUT /api/v1/me/dossier?role=mentor',
	file: pageOf('api.v1.me.dossier.ts'),
	arrange: async () => {
		const p = await person('mentor')
		const dossierOf = async () => ({
			profile: await getDb().select().from(mentorProfiles).where(eq(mentorProfiles.userId, p.id)),
			subjects: await getDb().select().from(mentorSubjects).where(eq(mentorSubjects.userId, p.id)),
		})
		return {
			party: p,
			send: (cookie) =>
				send(apiDossier.action, { method: 'PUT', path: '/api/v1/me/dossier?role=mentor', cookie, json: { headline: 'Leads platform teams', subjects: ['leadership'], languages: ['English'], capacity: 2 } }),
			state: dossierOf,
		}
	},
	expect: { ...MENTOR_OWN, anonymous: '401' },
}

const programmePageRoutes: Route[] = [
	newProgrammePageRoute,
	programmeSettings('POST /admin/programmes/:slug (save settings)', async () => ({ intent: 'save', name: 'Leadership 2030', matchingMode: 'admin', groupSize: '2', lapseDays: '30' }), COORDINATOR_WORK),
	// "Coordinators may subscribe to a weekly report email": their own subscription; an admin who does not coordinate it is not offered one.
	programmeSettings('POST /admin/programmes/:slug (report-digest)', async () => ({ intent: 'report-digest', digest: 'on' }), { ...COORDINATOR_WORK, admin: '403' }),
	programmeSettings('POST /admin/programmes/:slug (announce)', async () => ({ intent: 'announce', title: 'Kick-off on Monday', body: 'See you **there**.', to: 'both', statuses: 'searching' }), COORDINATOR_WORK),
	// "Admins … name their coordinators": a coordinator does not choose who else coordinates.
	programmeSettings(
		'POST /admin/programmes/:slug (add coordinator)',
		async () => {
			const added = await person('mentor')
			const [row] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, added.id))
			return { intent: 'add-coordinator', email: row!.email }
		},
		{ ...COORDINATOR_WORK, party: '403' },
	),
	registrationsPageStep('validate'),
	registrationsPageStep('decline'),
	proposeOnPage,
	endNotGoodFitOnPage,
	runOnMatchingPage,
	applyOnMatchingPage,
	participantStep('withdraw', 'searching'),
	participantStep('add_period', 'searching', { start: '2027-03-01', end: '2027-03-31' }),
	putDossier,
]

// ---- links that carry their own authority, and API paths that change nothing ----

function unsubscribe(forged: boolean): Route {
	return {
		name: forged ? 'POST /unsubscribe/:token (forged token)' : 'POST /unsubscribe/:token',
		file: pageOf('unsubscribe.$token.tsx'),
		arrange: async () => {
			const p = await person('mentee')
			const valid = unsubscribeToken(p.id, 'schedule_reminder')
			const token = forged ? `${valid.slice(0, -4)}AAAA` : valid
			return { party: p, send: (cookie) => send(unsubscribePage.action, { path: `/unsubscribe/${token}`, params: { token }, cookie }), state: () => accountState(p.id) }
		},
		// The signed link is the authority (RFC 8058 one-click, from a mail provider with no session): whoever sends it mutes the party's reminder, and only that.
		expect: forged
			? { anonymous: '404', strangerMentee: '404', strangerMentor: '404', party: '404', admin: '404' }
			: { anonymous: 'ok', strangerMentee: 'ok', strangerMentor: 'ok', party: 'ok', admin: 'ok' },
	}
}

function nothingToChange(name: string, file: string, expected: Expected, run: (cookie: string | null) => Promise<Answer>, state?: () => Promise<unknown>): Route {
	return {
		name,
		file: pageOf(file),
		arrange: async () => {
			const p = await person('mentee')
			return { party: p, send: run, state: state ?? (() => accountState(p.id)) }
		},
		expect: { anonymous: expected, strangerMentee: expected, strangerMentor: expected, party: expected, admin: expected },
	}
}

/** GET-only: a POST to one registration, even by its own person, changes nothing of it. */
const readOnlyRegistration: Route = {
	name: 'POST /api/v1/registrations/:id',
	file: pageOf('api.v1.registrations.$id._index.ts'),
	arrange: async () => {
		const { registrant, registration: r } = await programmeRegistration('searching')
		return {
			party: registrant,
			send: (cookie) => send(apiRegistration.action, { path: `/api/v1/registrations/${r.id}`, params: { id: r.id }, cookie, json: { status: 'completed' } }),
			state: () => registrationState(r.id),
		}
	},
	expect: { anonymous: '405', strangerMentee: '405', strangerMentor: '405', party: '405', admin: '405' },
}

/** Another confirmation link for the caller's own unconfirmed address; anyone else's is already confirmed. */
const resendVerification = (via: 'api' | 'page'): Route => ({
	name: via === 'api' ? 'POST /api/v1/auth/verification-email' : 'POST /verify-email',
	file: pageOf(via === 'api' ? 'api.v1.auth.verification-email.ts' : 'verify-email.tsx'),
	arrange: async () => {
		const p = await person('mentee')
		await getDb().update(users).set({ emailVerifiedAt: null }).where(eq(users.id, p.id))
		return {
			party: p,
			send: (cookie) =>
				via === 'api'
					? send(apiVerificationEmail.action, { path: '/api/v1/auth/verification-email', cookie, json: {} })
					: send(verifyEmailPage.action, { path: '/verify-email', cookie, form: {} }),
			state: () => getDb().select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.userId, p.id)),
		}
	},
	expect:
		via === 'api'
			? { anonymous: '401', strangerMentee: '409 already_verified', strangerMentor: '409 already_verified', party: 'ok', admin: '409 already_verified' }
			: { anonymous: 'login', strangerMentee: 'own', strangerMentor: 'own', party: 'ok', admin: 'own' },
})

const MATRIX: Route[] = [
	resendVerification('api'),
	resendVerification('page'),
	...(['accept', 'reject', 'cancel', 'confirm', 'agenda', 'location'] as const).flatMap((verb) => [sessionChange(verb, 'api'), sessionChange(verb, 'page')]),
	rateSession('api'),
	rateSession('page'),
	answerFitRoute('api'),
	postMessageRoute,
	postMessagePageRoute,
	changeMessageRoute('PATCH'),
	changeMessageRoute('DELETE'),
	readRoute,
	nothingToChange('POST /api/v1/relationships', 'api.v1.relationships._index.ts', '405', (cookie) => send(apiRelationships.action, { path: '/api/v1/relationships', cookie, json: {} })),
	nothingToChange('POST /api/v1/relationships/:id/timeline', 'api.v1.relationships.$id.timeline.ts', '405', (cookie) =>
		send(apiTimeline.action, { path: '/api/v1/relationships/x/timeline', params: { id: 'x' }, cookie, json: {} }),
	),
	nothingToChange('POST /api/v1/relationships/:id/events', 'api.v1.relationships.$id.events.ts', '405', (cookie) =>
		send(apiEvents.action, { path: '/api/v1/relationships/x/events', params: { id: 'x' }, cookie, json: {} }),
	),
	answerFitRoute('page'),
	...workspaceRoutes,
	bookIntro('api'),
	bookIntro('page'),
	bookPaid('api'),
	bookPaid('page'),
	buy,
	answerRelationship('confirm'),
	answerRelationship('decline'),
	endRelationshipRoute,
	...adminRoutes,
	offerChange('update'),
	offerChange('retire'),
	...ownRoutes,
	...programmeRoutes,
	...programmePageRoutes,
	unsubscribe(false),
	unsubscribe(true),
	nothingToChange('POST /api/v1/me', 'api.v1.me.ts', '405', (cookie) => send(apiMe.action, { path: '/api/v1/me', cookie, json: {} })),
	nothingToChange('POST /api/v1/subjects', 'api.v1.subjects.ts', '405', (cookie) => send(apiSubjects.action, { path: '/api/v1/subjects', cookie, json: {} })),
	readOnlyRegistration,
	nothingToChange('POST /api/v1/programmes/:slug/exports/registrations.csv', 'api.v1.programmes.$slug.exports.$file.ts', '405', (cookie) =>
		send(apiExports.action, { path: '/api/v1/programmes/anyone/exports/registrations.csv', params: { slug: 'anyone', file: 'registrations.csv' }, cookie, json: {} }),
	),
	nothingToChange('POST /api/v1/programmes/:slug/report', 'api.v1.programmes.$slug.report.ts', '405', (cookie) =>
		send(apiReport.action, { path: '/api/v1/programmes/anyone/report', params: { slug: 'anyone' }, cookie, json: {} }),
	),
	nothingToChange('POST /api/v1/admin/reports/marketplace', 'api.v1.admin.reports.marketplace.ts', '405', (cookie) =>
		send(apiMarketplaceReport.action, { path: '/api/v1/admin/reports/marketplace', cookie, json: {} }),
	),
	nothingToChange('POST /api/v1/mentors/:slug/slots', 'api.v1.mentors.$slug.slots.ts', '405', (cookie) =>
		send(apiSlots.action, { path: '/api/v1/mentors/anyone/slots', params: { slug: 'anyone' }, cookie, json: {} }),
	),
	// Stripe's signature is the only authority there: a session cookie, even an admin's, does not stand in for it.
	nothingToChange('POST /webhooks/stripe (unsigned)', 'webhooks.stripe.ts', '400 invalid_signature', (cookie) =>
		send(webhooks.action, { path: '/webhooks/stripe', cookie, json: { id: 'evt_forged', type: 'checkout.session.completed', data: { object: {} } } }),
		() => getDb().select().from(processedStripeEvents),
	),
	// Mailgun's signature is the only authority for mail to a tracking address: no cookie stands in for it.
	...(
		[
			['POST /webhooks/inbound-email (unsigned)', 'webhooks.inbound-email.ts', '/webhooks/inbound-email', inboundEmailWebhook.action],
			['POST /webhooks/inbound-email/mime (unsigned)', 'webhooks.inbound-email.mime.ts', '/webhooks/inbound-email/mime', inboundEmailMimeWebhook.action],
		] as const
	).map(([name, file, path, action]) =>
		nothingToChange(name, file, '401 webhook_signature_invalid', (cookie) =>
			send(action, { path, cookie, form: { recipient: `${'0'.repeat(32)}@inbound.mentora.localhost`, 'body-mime': 'From: a@example.org\r\nSubject: forged\r\n\r\nhello' } }),
			() => getDb().select().from(trackedEmails),
		),
	),
	nothingToChange('POST /api/v1/anything-else', 'api.v1.$.ts', '404', (cookie) => send(apiFallback.action, { path: '/api/v1/anything-else', cookie, json: {} })),
]

/**
 * Actions open to anyone by design, each covered by its own tests: who may call them is not a
 * matter of accounts.
 */
const PUBLIC_BY_DESIGN: Record<string, string> = {
	[pageOf('login.tsx')]: 'logging in: throttled per account and address (login-throttle.test.ts)',
	[pageOf('signup.tsx')]: 'signing up: a signed-in person is sent to the dashboard (auth tests)',
	[pageOf('api.v1.auth.login.ts')]: 'logging in over the API (auth-api.test.ts)',
	[pageOf('api.v1.auth.signup.ts')]: 'signing up over the API (auth-api.test.ts)',
	[pageOf('dev.checkout.$id.tsx')]: "the local stand-in for Stripe's hosted Checkout: the unguessable session id is the authority, as at Stripe; 404 with Stripe keys",
	[pageOf('links.$token.tsx')]: 'a journey link for a manager, a partner contact or the participant: its unguessable single-use token is the authority, no account needed (journey-links.test.ts: forged, expired and used tokens refused, nothing written)',
	[pageOf('forgot-password.tsx')]: 'asking for a password reset link: the same answer whether or not the address has an account, throttled per address and email (password-reset.test.ts)',
	[pageOf('reset-password.$token.tsx')]: 'setting a new password from an emailed link: its signed one-hour single-use token is the authority (password-reset.test.ts: forged, expired and used links refused)',
	[pageOf('verify-email_.$token.tsx')]:
		'confirming an address from the sign-up email: its signed week-long token for that address is the authority, signed in or not (email-verification.test.ts: forged, expired and re-addressed links refused)',
	[pageOf('dev.connect.$id.tsx')]: "the local stand-in for Stripe's hosted onboarding: likewise, the account link id",
}

async function actor(kind: Cell, scene: Scene): Promise<string | null> {
	if (kind === 'anonymous') return null
	if (kind === 'party') return scene.party.cookie
	if (kind === 'otherSide') return scene.otherSide!.cookie
	if ((kind === 'strangerMentee' || kind === 'strangerMentor') && scene.strangers?.[kind]) return scene.strangers[kind].cookie
	return (await person(kind === 'strangerMentee' ? 'mentee' : kind === 'strangerMentor' ? 'mentor' : 'admin')).cookie
}

function expectAnswer(answer: Answer, expected: Expected, isApi: boolean) {
	const success = answer.status >= 200 && answer.status < 400 && !answer.location?.startsWith('/login?')
	if (expected === 'ok' || expected === 'own') return expect(success, `answered ${answer.status} ${answer.code ?? ''} ${answer.location ?? ''}`).toBe(true)
	if (expected === 'login') {
		expect(answer.status).toBe(302)
		return expect(answer.location).toMatch(/^\/login\?redirectTo=/)
	}
	const [status, code] = expected.split(' ')
	expect(answer.status).toBe(Number(status))
	const wanted = code ?? CODE_OF_STATUS[status!]
	// The API always names the code; a page's guard answers a bare 403 or 404, a service's refusal names it.
	if (isApi || code || answer.code) expect(answer.code).toBe(wanted)
}

const cells = MATRIX.flatMap((route) =>
	[...ACTORS, ...(route.expect.otherSide ? (['otherSide'] as const) : [])].map((who) => ({ label: `${route.name} × ${who} → ${route.expect[who]}`, route, who })),
)

describe('authorization matrix', () => {
	test.each(cells)('$label', async ({ route, who }) => {
		const scene = await route.arrange()
		const cookie = await actor(who, scene)
		const before = await scene.state()
		const answer = await scene.send(cookie)
		const expected = route.expect[who]!
		expectAnswer(answer, expected, route.name.includes('/api/'))
		const after = await scene.state()
		if (expected === 'ok') expect(after, 'the change was written').not.toEqual(before)
		else expect(after, 'nothing of the party’s was written').toEqual(before)
	})
})

/**
 * Who may read a programme's CSV exports and its report: its coordinators and admins. The programme
 * is open to everyone, so a stranger sees it and is told 403 not_allowed; the participant is the
 * other side.
 */
const EXPORT_FILES = ['registrations.csv', 'participation-dates.csv', 'relationships.csv', 'sessions.csv'] as const
const PROGRAMME_READERS: Record<Actor, Expected> & { otherSide: Expected } = { anonymous: '401', strangerMentee: '403', strangerMentor: '403', party: 'ok', admin: 'ok', otherSide: '403' }

async function answerOf(response: Response, contentType: string): Promise<Answer> {
	if (response.ok) {
		expect(response.headers.get('Content-Type')).toContain(contentType)
		await response.body?.cancel()
		return { status: response.status, location: null, code: null }
	}
	const body = (await response.json()) as { error?: { code?: string } }
	return { status: response.status, location: null, code: body.error?.code ?? null }
}

function apiRequest(cookie: string | null, path: string) {
	const headers = new Headers()
	if (cookie) headers.set('Cookie', cookie)
	return { request: new Request(`http://localhost:3000${path}`, { headers }), context: { ip: '203.0.113.7', responseCookies: [] } }
}

const PROGRAMME_READS: { name: string; read: (cookie: string | null, slug: string) => Promise<Answer> }[] = [
	...EXPORT_FILES.map((file) => ({
		name: `exports/${file}`,
		read: async (cookie: string | null, slug: string) =>
			answerOf((await apiExports.loader({ ...apiRequest(cookie, `/api/v1/programmes/${slug}/exports/${file}`), params: { slug, file } })) as Response, 'text/csv; charset=utf-8'),
	})),
	{
		name: 'report',
		read: async (cookie, slug) => answerOf((await apiReport.loader({ ...apiRequest(cookie, `/api/v1/programmes/${slug}/report`), params: { slug } })) as Response, 'application/json'),
	},
]

/** A page's loader as Remix calls it for a GET: what it returns is a 200, a thrown Response its status (a redirect to log in, a 403). */
async function readPage(loader: (args: LoaderFunctionArgs) => Promise<unknown>, cookie: string | null, path: string, params: Record<string, string>): Promise<Answer> {
	try {
		const result = await loader({ ...apiRequest(cookie, path), params } as unknown as LoaderFunctionArgs)
		const wrapped = result as { type?: string; init?: { status?: number } } | null
		return { status: wrapped?.type === 'DataWithResponseInit' ? (wrapped.init?.status ?? 200) : 200, location: null, code: null }
	} catch (thrown) {
		if (!(thrown instanceof Response)) throw thrown
		return { status: thrown.status, location: thrown.headers.get('Location'), code: null }
	}
}

const readCells = [
	...PROGRAMME_READS.flatMap(({ name, read }) =>
		[...ACTORS, 'otherSide' as const].map((who) => ({ label: `GET /api/v1/programmes/:slug/${name} × ${who} → ${PROGRAMME_READERS[who]}`, read, who, expected: PROGRAMME_READERS[who], isApi: true })),
	),
	...[...ACTORS, 'otherSide' as const].map((who) => {
		const expected: Expected = who === 'anonymous' ? 'login' : PROGRAMME_READERS[who]
		const read = (cookie: string | null, slug: string) => readPage(programmeReportPage.loader, cookie, `/admin/programmes/${slug}/report`, { slug })
		return { label: `GET /admin/programmes/:slug/report × ${who} → ${expected}`, read, who, expected, isApi: false }
	}),
]

describe('authorization matrix: reading the programme exports and report', () => {
	test.each(readCells)('$label', async ({ read, who, expected, isApi }) => {
		const { programme: p, coordinator } = await coordinatedProgramme()
		const participant = await person('mentee')
		await registration({ programmeId: p.id, userId: participant.id, status: 'searching' })
		const scene: Scene = { party: coordinator, otherSide: participant, strangers: { strangerMentor: await coordinatorElsewhere() }, send: (cookie) => read(cookie, p.slug), state: async () => null }
		expectAnswer(await scene.send(await actor(who, scene)), expected, isApi)
	})
})

/**
 * Who may read the marketplace report: admins only. The API answers 401 and 403 `not_allowed`; the
 * page sends a visitor to log in and answers anyone else a bare 403, as the other admin pages do.
 */
const REPORT_READERS = [
	['GET /api/v1/admin/reports/marketplace', apiMarketplaceReport.loader as (args: never) => unknown, '/api/v1/admin/reports/marketplace?interval=week', { anonymous: '401', mentee: '403', mentor: '403', admin: 'ok' }],
	['GET /admin/reports', reportsPage.loader as (args: never) => unknown, '/admin/reports?interval=week', { anonymous: 'login', mentee: '403', mentor: '403', admin: 'ok' }],
] as const
const reportCells = REPORT_READERS.flatMap(([name, loader, path, expected]) =>
	(['anonymous', 'mentee', 'mentor', 'admin'] as const).map((who) => ({ label: `${name} × ${who} → ${expected[who]}`, name, loader, path, who, expected: expected[who] as Expected })),
)

describe('authorization matrix: reading the marketplace report', () => {
	test.each(reportCells)('$label', async ({ name, loader, path, who, expected }) => {
		const cookie = who === 'anonymous' ? null : (await person(who)).cookie
		const { response, json } = await page(loader as never, { path, cookie })
		const answer: Answer = { status: response.status, location: response.headers.get('Location'), code: json?.error?.code ?? null }
		expectAnswer(answer, expected, name.includes('/api/'))
	})
})

describe('the matrix covers every route that changes state', () => {
	async function actionFiles(dir: string): Promise<string[]> {
		const found: string[] = []
		for (const entry of await readdir(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name)
			if (entry.isDirectory()) found.push(...(await actionFiles(file)))
			else if (/\.(ts|tsx)$/.test(entry.name) && /export (async function|const) action\b/.test(await readFile(file, 'utf8'))) found.push(file)
		}
		return found
	}

	test('each exported action is in the matrix or open to anyone by design', async () => {
		const exported = (await actionFiles('app/routes')).map((f) => f.split(path.sep).join('/')).sort()
		const covered = new Set([...MATRIX.map((r) => r.file), ...Object.keys(PUBLIC_BY_DESIGN)])
		expect(exported.filter((f) => !covered.has(f))).toEqual([])
		expect([...covered].filter((f) => !exported.includes(f))).toEqual([])
	})
})
