import { useEffect, useRef, useState } from 'react'

export type ToastView = { id: string; kind: 'success' | 'info'; message: string }

const HIDE_AFTER_MS = 8000

/**
 * The message a redirect brought (app/utils/flash.server.ts), announced politely to screen readers.
 * It hides itself after a few seconds, except while the pointer or focus is on it, and can be
 * dismissed; on a phone it spans the bottom of the screen, on a wider one it sits bottom right.
 */
export function Toast({ toast }: { toast: ToastView | null }) {
	const [dismissed, setDismissed] = useState<string | null>(null)
	const [held, setHeld] = useState(false)
	const ref = useRef<HTMLDivElement>(null)
	const visible = toast !== null && dismissed !== toast.id

	useEffect(() => {
		if (!visible || held) return
		const timer = setTimeout(() => setDismissed(toast.id), HIDE_AFTER_MS)
		return () => clearTimeout(timer)
	}, [visible, held, toast?.id])

	return (
		<div aria-live="polite" className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex justify-center sm:inset-x-auto sm:right-6 sm:bottom-6">
			{visible ? (
				<div
					ref={ref}
					role="status"
					data-toast={toast.kind}
					onMouseEnter={() => setHeld(true)}
					onMouseLeave={() => setHeld(false)}
					onFocus={() => setHeld(true)}
					onBlur={(event) => !ref.current?.contains(event.relatedTarget as Node | null) && setHeld(false)}
					className={`pointer-events-auto flex w-full max-w-md items-start gap-3 rounded-lg border p-4 shadow-lg ${
						toast.kind === 'success' ? 'border-green-300 bg-green-50 text-green-950' : 'border-slate-300 bg-white text-slate-900'
					}`}
				>
					<p className="flex-1">{toast.message}</p>
					<button type="button" onClick={() => setDismissed(toast.id)} className="rounded px-2 text-sm font-semibold underline hover:bg-black/5">
						Dismiss
					</button>
				</div>
			) : null}
		</div>
	)
}
