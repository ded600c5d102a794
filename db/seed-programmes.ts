import { DateTime } from 'luxon'
import { type RegistrationRole, type RegistrationStatus } from './schema'
import { engagementPeriods, menteeProfiles, menteeSubjects, mentorProfiles, mentorSubjects, programmeCoordinators, programmes, registrations, relationships, users } from './schema'
import { type Transaction } from './client'
import { SUBJECTS } from './subjects'

/**
 * The programme half of the demo: an organisation ("Northwind") running two programmes.
 * - Leadership 2027, cohort assignment by coordinators (`admin` mode), open to Northwind addresses:
 *   60 mentees and 25 mentors with varied dossiers, languages and zones, most of them validated and
 *   searching so the cohort assignment has real work to do.
 * - Volunteer mentoring with Riverside School, `self` mode with manager validation, open to everyone.
 * Registrations in every status of the journey. People are generated from a fixed seed, so every
 * demo database holds the same cohort.
 */

export const DEMO_COORDINATOR = { email: 'carla@northwind.test', name: 'Carla Coordinator', timeZone: 'Europe/Paris' }
export const DEMO_PROGRAMME_MENTEE_EMAIL = 'noah.schmidt@northwind.test'
export const DEMO_PROGRAMMES = { leadership: 'leadership-2027', volunteering: 'riverside-volunteering' } as const

const FIRST = ['Noah', 'Emma', 'Liam', 'Olivia', 'Mateo', 'Amara', 'Yuki', 'Ravi', 'Chloé', 'Lucas', 'Ines', 'Kwame', 'Mei', 'Omar', 'Sara', 'Tomás', 'Hana', 'Arjun', 'Zoe', 'Felix', 'Nadia', 'Leo', 'Ana', 'Jin', 'Fatima', 'Elias', 'Maya', 'Diego', 'Lea', 'Kofi']
const LAST = ['Schmidt', 'Dubois', 'Rossi', 'Silva', 'Kowalski', 'Okafor', 'Tanaka', 'Patel', 'Martin', 'Novak', 'Haddad', 'Lindqvist', 'Moreau', 'Costa', 'Nguyen', 'Müller', 'Santos', 'Ivanova', 'Mensah', 'Berg']
const PLACES = [
	{ location: 'Berlin, Germany', timeZone: 'Europe/Berlin', language: 'German' },
	{ location: 'Paris, France', timeZone: 'Europe/Paris', language: 'French' },
	{ location: 'Lisbon, Portugal', timeZone: 'Europe/Lisbon', language: 'Portuguese' },
	{ location: 'London, UK', timeZone: 'Europe/London', language: null },
	{ location: 'Kyiv, Ukraine', timeZone: 'Europe/Kyiv', language: 'Ukrainian' },
	{ location: 'New York, USA', timeZone: 'America/New_York', language: 'Spanish' },
	{ location: 'São Paulo, Brazil', timeZone: 'America/Sao_Paulo', language: 'Portuguese' },
	{ location: 'Bengaluru, India', timeZone: 'Asia/Kolkata', language: 'Hindi' },
	{ location: 'Singapore', timeZone: 'Asia/Singapore', language: 'Mandarin' },
	{ location: 'Tokyo, Japan', timeZone: 'Asia/Tokyo', language: 'Japanese' },
	{ location: 'Nairobi, Kenya', timeZone: 'Africa/Nairobi', language: 'Swahili' },
	{ location: 'Sydney, Australia', timeZone: 'Australia/Sydney', language: null },
] as const
const DEPARTMENTS = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Operations', 'People']
const INDUSTRY = 'Logistics software'
const ROLES: Record<RegistrationRole, string[]> = {
	mentor: ['Director', 'Engineering Manager', 'Principal Engineer', 'Head of Sales', 'Finance Lead', 'Operations Manager'],
	mentee: ['Analyst', 'Software Engineer', 'Account Executive', 'Designer', 'Team Lead', 'Specialist'],
}
const SUBJECT_SLUGS = Object.keys(SUBJECTS)

/** A small seeded generator (mulberry32): the same cohort in every demo database. */
function generator(seed: number) {
	let state = seed >>> 0
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0
		let t = state
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
	}
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
	const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T
	const some = <T>(list: readonly T[], n: number): T[] => {
		const copy = [...list]
		for (let i = copy.length - 1; i > 0; i--) {
			const j = int(0, i)
			;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
		}
		return copy.slice(0, n)
	}
	return { next, int, pick, some }
}

type DemoRegistration = { status: RegistrationStatus; role: RegistrationRole; capacity?: number; managerEmail?: string; partnerEmail?: string; declineReason?: string }

/** How many registrations of each status, in the order people are generated. */
const plan = (counts: [RegistrationStatus, number][]): RegistrationStatus[] => counts.flatMap(([status, n]) => Array<RegistrationStatus>(n).fill(status))

const LEADERSHIP_MENTEES = plan([
	['searching', 42],
	['application', 7],
	['in_progress', 5],
	['awaiting_confirmation', 2],
	['completed', 2],
	['declined', 1],
	['withdrawn', 1],
])
const LEADERSHIP_MENTORS = plan([
	['searching', 20],
	['in_progress', 3],
	['application', 2],
])
const VOLUNTEER_MENTORS = plan([
	['searching', 3],
	['in_progress', 1],
	['awaiting_manager_validation', 1],
	['awaiting_confirmation', 1],
	['completed', 1],
	['application', 1],
])
const VOLUNTEER_MENTEES = plan([
	['searching', 3],
	['in_progress', 1],
	['application', 1],
])

export async function seedDemoProgrammes(tx: Transaction, input: { passwordHash: string; at: Date }): Promise<void> {
	const random = generator(2027)
	const today = DateTime.fromJSDate(input.at, { zone: 'utc' })
	const day = (daysAgo: number) => today.minus({ days: daysAgo }).toISODate() as string
	const ago = (days: number) => today.minus({ days }).toJSDate()

	const [coordinator] = await tx.insert(users).values({ ...DEMO_COORDINATOR, passwordHash: input.passwordHash, emailVerifiedAt: input.at }).returning({ id: users.id })
	if (!coordinator) throw new Error('demo coordinator not inserted')

	const used = new Set<string>()
	async function person(role: RegistrationRole, domain: string, index: number) {
		let first = random.pick(FIRST)
		let last = random.pick(LAST)
		if (role === 'mentee' && domain === 'northwind.test' && index === 0) [first, last] = ['Noah', 'Schmidt']
		while (used.has(`${first} ${last}`)) [first, last] = [random.pick(FIRST), random.pick(LAST)]
		used.add(`${first} ${last}`)
		const place = random.pick(PLACES)
		const languages = ['English', ...(place.language && random.next() < 0.8 ? [place.language] : [])]
		const email = `${first}.${last}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase() + `@${domain}`
		const background = {
			industry: INDUSTRY,
			role: random.pick(ROLES[role]),
			department: random.pick(DEPARTMENTS),
			location: place.location,
			languages,
			yearsExperience: role === 'mentor' ? random.int(8, 30) : random.int(0, 8),
			workHistory: '',
		}
		const chosen = random.some(SUBJECT_SLUGS, random.int(2, 4))
		const [user] = await tx
			.insert(users)
			.values({ email, name: `${first} ${last}`, timeZone: place.timeZone, passwordHash: input.passwordHash, isMentor: role === 'mentor', isMentee: role === 'mentee', emailVerifiedAt: input.at })
			.returning({ id: users.id })
		if (!user) throw new Error('demo programme person not inserted')
		if (role === 'mentor') {
			const slug = email.split('@')[0]!.replace(/[^a-z0-9]+/g, '-')
			// Internal volunteers: no headline, so they stay out of the public marketplace directory.
			await tx.insert(mentorProfiles).values({ userId: user.id, slug, bio: `${background.role} in ${background.department}.`, capacity: random.int(1, 4), ...background })
			await tx.insert(mentorSubjects).values(chosen.map((subjectSlug) => ({ userId: user.id, subjectSlug })))
		} else {
			await tx.insert(menteeProfiles).values({ userId: user.id, goals: `Grow in ${SUBJECTS[chosen[0]!]?.toLowerCase()}.`, ...background })
			await tx.insert(menteeSubjects).values(chosen.map((subjectSlug) => ({ userId: user.id, subjectSlug })))
		}
		return user.id
	}

	async function register(programmeId: string, userId: string, r: DemoRegistration, index: number) {
		const validated = r.status !== 'application' && r.status !== 'declined'
		const changed = ago(index % 20)
		const [row] = await tx
			.insert(registrations)
			.values({
				programmeId,
				userId,
				role: r.role,
				status: r.status,
				capacity: r.capacity ?? null,
				managerEmail: r.managerEmail ?? null,
				partnerEmail: r.partnerEmail ?? null,
				motivation: r.role === 'mentor' ? 'I want to give back what my mentors gave me.' : 'I want to grow with someone who has been there.',
				declineReason: r.status === 'declined' ? 'This round is for people leading a team already; join the next one.' : null,
				validatedAt: validated ? ago(40 + (index % 10)) : null,
				statusChangedAt: changed,
				createdAt: ago(50 + (index % 10)),
			})
			.returning({ id: registrations.id })
		if (!row) throw new Error('demo registration not inserted')
		// Engagement dates for everyone who started: still going while in progress, ended after.
		if (r.status === 'in_progress' || r.status === 'awaiting_manager_validation') {
			await tx.insert(engagementPeriods).values({ registrationId: row.id, startDate: day(20 + (index % 15)) })
		} else if (r.status === 'awaiting_confirmation' || r.status === 'completed') {
			await tx.insert(engagementPeriods).values({ registrationId: row.id, startDate: day(120), endDate: day(10) })
		}
		return row.id
	}

	async function cohort(programmeId: string, domains: Record<RegistrationRole, string>, mentorStatuses: RegistrationStatus[], menteeStatuses: RegistrationStatus[], extra: (role: RegistrationRole, status: RegistrationStatus) => Partial<DemoRegistration> = () => ({})) {
		const mentors: { id: string; status: RegistrationStatus }[] = []
		const mentees: { id: string; status: RegistrationStatus }[] = []
		for (const [i, status] of mentorStatuses.entries()) {
			const id = await person('mentor', domains.mentor, i)
			// Mentors in progress have room for the mentees paired with them below, and some to spare.
			const capacity = status === 'in_progress' ? { capacity: 3 } : i % 4 === 0 ? { capacity: 2 } : {}
			await register(programmeId, id, { role: 'mentor', status, ...capacity, ...extra('mentor', status) }, i)
			mentors.push({ id, status })
		}
		for (const [i, status] of menteeStatuses.entries()) {
			const id = await person('mentee', domains.mentee, i)
			await register(programmeId, id, { role: 'mentee', status, ...extra('mentee', status) }, i)
			mentees.push({ id, status })
		}
		// Mentees mentoring now are in confirmed relationships with the mentors in progress.
		const busyMentors = mentors.filter((m) => m.status === 'in_progress')
		const busyMentees = mentees.filter((m) => m.status === 'in_progress')
		for (const [i, mentee] of busyMentees.entries()) {
			const mentor = busyMentors[i % busyMentors.length]
			if (!mentor) break
			const confirmedAt = ago(25)
			await tx.insert(relationships).values({ mentorId: mentor.id, menteeId: mentee.id, status: 'confirmed', origin: 'programme', programmeId, mentorConfirmedAt: confirmedAt, menteeConfirmedAt: confirmedAt, createdAt: ago(27) })
		}
	}

	const [leadership] = await tx
		.insert(programmes)
		.values({
			slug: DEMO_PROGRAMMES.leadership,
			name: 'Leadership 2027',
			description: [
				'A year-long programme for Northwind people who lead, or are about to lead, a team.',
				'',
				'**How it works**',
				'',
				'1. Register as a mentee or a mentor before the end of the month.',
				'2. Carla validates your registration and the coordinators match the whole cohort at once.',
				'3. Meet at least once a month; log your sessions in Mentora.',
				'',
				'Questions? Write to [the programme team](mailto:carla@northwind.test).',
			].join('\n'),
			audience: { roles: [], departments: [], locations: [], emailDomains: ['northwind.test'] },
			matchingMode: 'admin',
			lapseDays: 45,
		})
		.returning({ id: programmes.id })
	const [volunteering] = await tx
		.insert(programmes)
		.values({
			slug: DEMO_PROGRAMMES.volunteering,
			name: 'Volunteer mentoring with Riverside School',
			description: [
				'Northwind volunteers mentor final-year students of Riverside School, one hour a fortnight, for a school term.',
				'',
				'Your manager approves the time you give (it counts as working time), and the school confirms your participation at the end.',
			].join('\n'),
			matchingMode: 'self',
			managerValidation: true,
			lapseDays: 30,
		})
		.returning({ id: programmes.id })
	if (!leadership || !volunteering) throw new Error('demo programmes not inserted')
	await tx.insert(programmeCoordinators).values([
		{ programmeId: leadership.id, userId: coordinator.id },
		{ programmeId: volunteering.id, userId: coordinator.id },
	])

	await cohort(leadership.id, { mentor: 'northwind.test', mentee: 'northwind.test' }, LEADERSHIP_MENTORS, LEADERSHIP_MENTEES)
	// Northwind volunteers mentor the school's students; everyone names the manager who approves the time.
	await cohort(volunteering.id, { mentor: 'northwind.test', mentee: 'riverside.test' }, VOLUNTEER_MENTORS, VOLUNTEER_MENTEES, (role) => ({
		managerEmail: role === 'mentor' ? 'manager@northwind.test' : 'teacher@riverside.test',
		partnerEmail: 'office@riverside.test',
	}))
}
