import { type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { GeneralErrorBoundary } from './components/error-boundary'
import { SiteHeader } from './components/site-header'
import { Toast } from './components/toast'
import tailwind from './styles/tailwind.css?url'
import { ClientHintCheck, getHints } from './utils/client-hints'
import { useNonce } from './utils/nonce-provider'
import { coordinatesAny } from './services/programmes.server'
import { totalUnread } from './services/messages.server'
import { takeToast } from './utils/flash.server'
import { getSession } from './utils/session.server'

export const links: LinksFunction = () => [
	{ rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' },
	{ rel: 'stylesheet', href: tailwind },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const session = await getSession(request, context)
	const user = session?.user ?? null
	const hints = getHints(request)
	return {
		user: user
			? {
					id: user.id,
					name: user.name,
					email: user.email,
					photoVersion: session?.photoVersion ?? null,
					isMentor: user.isMentor,
					isMentee: user.isMentee,
					isAdmin: user.isAdmin,
					// Coordinators do a programme's admin work, so the header offers them its pages too.
					isCoordinator: !user.isAdmin && (await coordinatesAny(user.id)),
					// Messages and tracked emails from the other side of any relationship not yet read.
					unread: await totalUnread(user.id),
				}
			: null,
		viewerTimeZone: user?.timeZone ?? hints.timeZone ?? 'UTC',
		browserTimeZone: hints.timeZone ?? 'UTC',
		toast: takeToast(request, context),
	}
}

export type RootUser = NonNullable<Awaited<ReturnType<typeof loader>>['user']>

export function Layout({ children }: { children: ReactNode }) {
	const data = useRouteLoaderData<typeof loader>('root')
	const nonce = useNonce()
	return (
		<html lang="en" className="h-full">
			<head>
				<ClientHintCheck nonce={nonce} />
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body className="flex min-h-full flex-col bg-slate-50 text-slate-900 antialiased">
				<a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
					Skip to content
				</a>
				<SiteHeader user={data?.user ?? null} />
				<main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
					{children}
				</main>
				<Toast toast={data?.toast ?? null} />
				<footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-600">
					Mentora · mentoring that fits your calendar
				</footer>
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
