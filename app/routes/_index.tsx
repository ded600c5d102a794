import { type MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'

export const meta: MetaFunction = () => [
	{ title: 'Mentora · find a mentor, book a free intro' },
	{ name: 'description', content: 'Book a free 20-minute intro with a mentor, then continue with a bundle of sessions.' },
]

export default function Home() {
	return (
		<div className="space-y-10">
			<section className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
				<h1 className="text-3xl font-bold tracking-tight text-brand-900 sm:text-4xl">Find the mentor who has done it before</h1>
				<p className="mt-4 max-w-2xl text-lg text-slate-700">
					Browse mentors by subject and background, book a free 20-minute intro, and keep going with a bundle of
					sessions when it clicks.
				</p>
				<div className="mt-6 flex flex-wrap gap-3">
					<Link to="/mentors" className="rounded bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
						Browse mentors
					</Link>
					<Link to="/signup?role=mentor" className="rounded border border-brand-600 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50">
						Become a mentor
					</Link>
				</div>
			</section>
			<section aria-labelledby="how" className="grid gap-4 sm:grid-cols-3">
				<h2 id="how" className="sr-only">
					How it works
				</h2>
				{[
					['1. Book a free intro', 'Twenty minutes to see whether you click, at a time that suits both of you.'],
					['2. Agree to continue', 'After the intro your mentor approves continuing, and you both confirm the match.'],
					['3. Grow together', 'Buy a bundle of sessions and book them straight from your mentor’s calendar.'],
				].map(([title, text]) => (
					<div key={title} className="rounded-xl bg-white p-5 ring-1 ring-slate-200">
						<h3 className="font-semibold">{title}</h3>
						<p className="mt-2 text-sm text-slate-700">{text}</p>
					</div>
				))}
			</section>
		</div>
	)
}
