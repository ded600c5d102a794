import { Form, Link, NavLink } from '@remix-run/react'
import { type RootUser } from '~/root'

const navClass = ({ isActive }: { isActive: boolean }) =>
	`rounded px-2 py-1 text-sm font-medium ${isActive ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:text-brand-700'}`

export function SiteHeader({ user }: { user: RootUser | null }) {
	return (
		<header className="border-b border-slate-200 bg-white">
			<nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-2 px-4 py-3">
				<Link to="/" className="mr-auto text-lg font-bold text-brand-700">
					Mentora
				</Link>
				<NavLink to="/mentors" className={navClass}>
					Mentors
				</NavLink>
				{user ? (
					<>
						<NavLink to="/dashboard" className={navClass}>
							Dashboard
						</NavLink>
						<NavLink to="/sessions" className={navClass}>
							My sessions
						</NavLink>
						<NavLink to="/relationships" className={navClass}>
							Relationships
						</NavLink>
						<NavLink to="/programmes" className={navClass}>
							Programmes
						</NavLink>
						{user.isMentee ? (
							<NavLink to="/bundles" end className={navClass}>
								My bundles
							</NavLink>
						) : null}
						{user.isMentor ? (
							<NavLink to="/payouts" className={navClass}>
								Payouts
							</NavLink>
						) : null}
						{user.isAdmin || user.isCoordinator ? (
							<NavLink to="/admin/programmes" className={navClass}>
								Admin: programmes
							</NavLink>
						) : null}
						{user.isAdmin ? (
							<>
								<NavLink to="/admin/bundles" className={navClass}>
									Admin: bundles
								</NavLink>
								<NavLink to="/admin/payouts" className={navClass}>
									Admin: payouts
								</NavLink>
							</>
						) : null}
						<NavLink to="/settings" className={navClass}>
							Settings
						</NavLink>
						<Form method="post" action="/logout">
							<button type="submit" className="rounded px-2 py-1 text-sm font-medium text-slate-700 hover:text-brand-700">
								Log out
							</button>
						</Form>
					</>
				) : (
					<>
						<NavLink to="/login" className={navClass}>
							Log in
						</NavLink>
						<Link to="/signup" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
							Sign up
						</Link>
					</>
				)}
			</nav>
		</header>
	)
}
