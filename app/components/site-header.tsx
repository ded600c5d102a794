import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { type RootUser } from '~/root'
import { Avatar } from './avatar'

const navClass = ({ isActive }: { isActive: boolean }) =>
	`rounded px-2 py-1 text-sm font-medium ${isActive ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:text-brand-700'}`

const MENU_ID = 'main-menu'

/**
 * Below `sm` the links fold into a "Menu" disclosure, so a phone's header stays one row. It is a
 * <details> so that it opens without JavaScript too; once hydrated it also says aria-expanded
 * (Chromium exposes a summary's state, not every browser does) and closes when a link navigates,
 * on Escape and on a tap outside it.
 */
export function SiteHeader({ user }: { user: RootUser | null }) {
	const location = useLocation()
	const [open, setOpen] = useState(false)
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	useEffect(() => setOpen(false), [location.key])
	const menu = useRef<HTMLDetailsElement>(null)
	// The open menu lies over the page: a tap outside it or Escape closes it, as a menu would.
	useEffect(() => {
		if (!open) return
		const closeOutside = (event: PointerEvent) => {
			if (!menu.current?.contains(event.target as Node)) setOpen(false)
		}
		const closeOnEscape = (event: KeyboardEvent) => {
			if (event.key !== 'Escape') return
			setOpen(false)
			menu.current?.querySelector('summary')?.focus()
		}
		document.addEventListener('pointerdown', closeOutside)
		document.addEventListener('keydown', closeOnEscape)
		return () => {
			document.removeEventListener('pointerdown', closeOutside)
			document.removeEventListener('keydown', closeOnEscape)
		}
	}, [open])

	return (
		<header className="border-b border-slate-200 bg-white">
			<nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-2 px-4 py-3">
				<Link to="/" className="mr-auto text-lg font-bold text-brand-700">
					Mentora
				</Link>
				<details ref={menu} className="relative sm:hidden" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
					<summary
						aria-controls={MENU_ID}
						aria-expanded={hydrated ? open : undefined}
						className="cursor-pointer list-none rounded border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:text-brand-700 [&::-webkit-details-marker]:hidden"
					>
						Menu
					</summary>
					<div id={MENU_ID} className="absolute right-0 z-20 mt-2 flex w-60 flex-col gap-1 rounded border border-slate-200 bg-white p-2 shadow-lg">
						<NavItems user={user} />
					</div>
				</details>
				<div className="hidden sm:contents">
					<NavItems user={user} />
				</div>
			</nav>
		</header>
	)
}

function NavItems({ user }: { user: RootUser | null }) {
	if (!user)
		return (
			<>
				<NavLink to="/mentors" className={navClass}>
					Mentors
				</NavLink>
				<NavLink to="/login" className={navClass}>
					Log in
				</NavLink>
				<Link to="/signup" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
					Sign up
				</Link>
			</>
		)
	return (
		<>
			<NavLink to="/mentors" className={navClass}>
				Mentors
			</NavLink>
			<NavLink to="/dashboard" className={navClass}>
				Dashboard
			</NavLink>
			<NavLink to="/sessions" className={navClass}>
				My sessions
			</NavLink>
			<NavLink to="/relationships" className={navClass}>
				Relationships
				{user.unread > 0 ? (
					<span className="ml-1 rounded-full bg-brand-700 px-1.5 text-xs font-semibold text-white">
						{user.unread}
						<span className="sr-only"> unread</span>
					</span>
				) : null}
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
					<NavLink to="/admin/reports" className={navClass}>
						Admin: reports
					</NavLink>
				</>
			) : null}
			<NavLink to="/settings" className={(state) => `${navClass(state)} inline-flex items-center gap-2`}>
				<Avatar person={user} size={24} decorative />
				Settings
			</NavLink>
			<Form method="post" action="/logout">
				<button type="submit" className="rounded px-2 py-1 text-sm font-medium text-slate-700 hover:text-brand-700">
					Log out
				</button>
			</Form>
		</>
	)
}
