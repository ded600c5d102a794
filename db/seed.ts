import { sql } from 'drizzle-orm'
import { hashPassword } from '../app/services/password.server'
import { getDb } from './client'
import { menteeProfiles, menteeSubjects, mentorProfiles, mentorSubjects, subjects, users } from './schema'
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
		await tx.insert(users).values({ ...DEMO_ADMIN, passwordHash, isAdmin: true })
		for (const m of DEMO_MENTORS) {
			const [user] = await tx
				.insert(users)
				.values({ email: m.email, name: m.name, timeZone: m.timeZone, passwordHash, isMentor: true })
				.returning()
			if (!user) throw new Error('demo mentor not inserted')
			await tx.insert(mentorProfiles).values({ userId: user.id, slug: m.slug, headline: m.headline, bio: m.bio, capacity: m.capacity, ...m.background })
			await tx.insert(mentorSubjects).values(m.subjects.map((subjectSlug) => ({ userId: user.id, subjectSlug })))
		}
		for (const m of DEMO_MENTEES) {
			const [user] = await tx
				.insert(users)
				.values({ email: m.email, name: m.name, timeZone: m.timeZone, passwordHash, isMentee: true })
				.returning()
			if (!user) throw new Error('demo mentee not inserted')
			await tx.insert(menteeProfiles).values({ userId: user.id, headline: m.headline, bio: m.bio, goals: m.goals, ...m.background })
			await tx.insert(menteeSubjects).values(m.subjects.map((subjectSlug) => ({ userId: user.id, subjectSlug })))
		}
	})
	return true
}
