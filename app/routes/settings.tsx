import { type LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useRouteLoaderData } from '@remix-run/react'
import { type loader as rootLoader } from '~/root'
import { requireUser } from '~/utils/session.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireUser(request, context)
	return null
}

const tabClass = ({ isActive }: { isActive: boolean }) =>
	`rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? 'bg-brand-50 text-brand-700 ring-1 ring-brand-100' : 'text-slate-700 hover:text-brand-700'}`

export default function SettingsLayout() {
	const isMentor = useRouteLoaderData<typeof rootLoader>('root')?.user?.isMentor ?? false
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-bold tracking-tight">Settings</h1>
				<nav aria-label="Settings" className="mt-3 flex flex-wrap gap-2">
					<NavLink to="/settings" end className={tabClass}>
						Account
					</NavLink>
					<NavLink to="/settings/profile" className={tabClass}>
						Profile
					</NavLink>
					{isMentor ? (
						<NavLink to="/settings/availability" className={tabClass}>
							Availability
						</NavLink>
					) : null}
					{isMentor ? (
						<>
							<NavLink to="/settings/bundles" className={tabClass}>
								Bundles
							</NavLink>
							<NavLink to="/settings/payouts" className={tabClass}>
								Payouts
							</NavLink>
						</>
					) : null}
				</nav>
			</div>
			<Outlet />
		</div>
	)
}
