import { emulatorUrl, getStripe, isStripeEmulated } from './stripe.server'

/**
 * What the local test-checkout and test-onboarding pages do at the Stripe emulator: pay or decline
 * a Checkout Session, finish an Express onboarding. Only without Stripe keys; with keys they 404.
 */

export function ensureEmulated(): void {
	if (!isStripeEmulated()) throw new Response('Not found', { status: 404 })
}

async function control<T>(path: string, body?: unknown): Promise<{ ok: boolean; body: T }> {
	const response = await fetch(`${emulatorUrl()}/_emulator/${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		body: body === undefined ? undefined : JSON.stringify(body),
	})
	return { ok: response.ok, body: (await response.json()) as T }
}

export async function getTestCheckout(id: string) {
	ensureEmulated()
	const session = await getStripe()
		.checkout.sessions.retrieve(id)
		.catch(() => null)
	if (!session) throw new Response('No such Checkout Session.', { status: 404 })
	return session
}

/** Pays (or declines) the session as the buyer would; answers the error Stripe's page would show, if any. */
export async function payTestCheckout(id: string, outcome: 'paid' | 'declined'): Promise<string | null> {
	ensureEmulated()
	const answer = await control<{ error?: { message: string } }>(`checkout/${id}/complete`, { outcome })
	return answer.ok ? null : (answer.body.error?.message ?? 'The payment failed.')
}

export async function getTestAccountLink(id: string) {
	ensureEmulated()
	const answer = await control<{ account: string; return_url: string; refresh_url: string; expires_at: number }>(`account_links/${id}`)
	if (!answer.ok) throw new Response('This onboarding link is unknown or expired.', { status: 404 })
	return answer.body
}

export async function completeTestOnboarding(accountId: string): Promise<void> {
	ensureEmulated()
	await control(`accounts/${accountId}/enable`, {})
}
