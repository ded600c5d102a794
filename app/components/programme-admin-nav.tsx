import { NavLink } from '@remix-run/react'

/** The tabs of a programme's admin pages, shared by its settings, registrations, matching and report pages. */

const tabClass = ({ isActive }: { isActive: boolean }) =>
	`whitespace-nowrap rounded px-3 py-1.5 text-sm font-medium ${isActive ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:text-brand-700'}`

export function ProgrammeAdminNav({ slug, name }: { slug: string; name: string }) {
	const base = `/admin/programmes/${encodeURIComponent(slug)}`
	return (
		<nav aria-label={`${name} administration`} className="-mx-1 flex gap-1 overflow-x-auto px-1 pb-1">
			<NavLink to={base} end className={tabClass}>
				Settings
			</NavLink>
			<NavLink to={`${base}/registrations`} className={tabClass}>
				Registrations
			</NavLink>
			<NavLink to={`${base}/matching`} className={tabClass}>
				Matching
			</NavLink>
			<NavLink to={`${base}/report`} className={tabClass}>
				Report
			</NavLink>
			<NavLink to={`/programmes/${encodeURIComponent(slug)}`} className={tabClass}>
				Participant view
			</NavLink>
		</nav>
	)
}
