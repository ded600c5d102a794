import { UNCONFIRMED_ALERT_AFTER_MS } from '../rules/reminders'
import { loadItems, statusIs, type SessionItem } from './my-sessions.server'

export type AwaitingItem = SessionItem & { overdue: boolean }

/**
 * Every session awaiting its outcome (scheduled ones that ended count, before the job moves them),
 * oldest first; "admins see those older than 7 days" is the overdue flag.
 */
export async function listAwaitingConfirmation(now: Date): Promise<AwaitingItem[]> {
	const items = await loadItems(statusIs('awaiting_confirmation', now), now)
	items.sort((a, b) => a.end.localeCompare(b.end) || a.id.localeCompare(b.id))
	return items.map((item) => ({ ...item, overdue: now.getTime() - new Date(item.end).getTime() >= UNCONFIRMED_ALERT_AFTER_MS }))
}

