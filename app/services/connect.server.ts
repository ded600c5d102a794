import { eq } from 'drizzle-orm'
import { getDb, type Transaction } from '../../db/client'
import { stripeAccounts, users } from '../../db/schema'
import { getEnv } from '../utils/env.server'
import { DomainError } from '../utils/errors'
import { releaseHeldPayouts } from './payouts.server'
import { getStripe, type Stripe } from './stripe.server'

/**
 * Stripe Connect onboarding for mentors: an Express account, account links to Stripe's hosted
 * onboarding, and the account's state kept from `account.updated` (and re-read on return).
 */

export type ConnectStatus = {
	connected: boolean
	detailsSubmitted: boolean
	payoutsEnabled: boolean
	transfersActive: boolean
	requirementsDue: string[]
}

export async function getConnectStatus(userId: string): Promise<ConnectStatus> {
	const [account] = await getDb().select().from(stripeAccounts).where(eq(stripeAccounts.userId, userId))
	return {
		connected: Boolean(account),
		detailsSubmitted: account?.detailsSubmitted ?? false,
		payoutsEnabled: account?.payoutsEnabled ?? false,
		transfersActive: account?.transfersActive ?? false,
		requirementsDue: account?.requirementsDue ?? [],
	}
}

/** The mentor's account, created once: the idempotency key makes two clicks one account. */
async function ensureAccount(userId: string): Promise<string> {
	const db = getDb()
	const [existing] = await db.select().from(stripeAccounts).where(eq(stripeAccounts.userId, userId))
	if (existing) return existing.accountId
	const [user] = await db.select({ email: users.email, isMentor: users.isMentor }).from(users).where(eq(users.id, userId))
	if (!user?.isMentor) throw new DomainError('not_allowed', 'Only mentors connect a Stripe account.')
	const account = await getStripe().accounts.create(
		{
			type: 'express',
			email: user.email,
			capabilities: { transfers: { requested: true } },
			metadata: { mentora_user_id: userId },
		},
		{ idempotencyKey: `connect-account:${userId}` },
	)
	await db.insert(stripeAccounts).values({ userId, accountId: account.id }).onConflictDoNothing()
	const [saved] = await db.select().from(stripeAccounts).where(eq(stripeAccounts.userId, userId))
	return saved!.accountId
}

/** Where to send the mentor to (continue) onboarding at Stripe. Links are single-use and short-lived, so each click makes one. */
export async function createOnboardingLink(userId: string): Promise<string> {
	const accountId = await ensureAccount(userId)
	const appUrl = getEnv().APP_URL
	const link = await getStripe().accountLinks.create({
		account: accountId,
		type: 'account_onboarding',
		refresh_url: `${appUrl}/settings/payouts/refresh`,
		return_url: `${appUrl}/settings/payouts/return`,
	})
	return link.url
}

function statusOf(account: Stripe.Account) {
	return {
		detailsSubmitted: account.details_submitted ?? false,
		payoutsEnabled: account.payouts_enabled ?? false,
		transfersActive: account.capabilities?.transfers === 'active',
		requirementsDue: account.requirements?.currently_due ?? [],
	}
}

/**
 * Stores what Stripe says about the account, and releases payouts held while the mentor could not
 * receive transfers, in the caller's transaction (the webhook's, or the return page's).
 */
export async function applyAccountState(tx: Transaction, account: Stripe.Account, now: Date): Promise<void> {
	const [row] = await tx
		.update(stripeAccounts)
		.set({ ...statusOf(account), updatedAt: now })
		.where(eq(stripeAccounts.accountId, account.id))
		.returning({ userId: stripeAccounts.userId, transfersActive: stripeAccounts.transfersActive })
	if (row?.transfersActive) await releaseHeldPayouts(tx, row.userId, now)
}

/** On return from onboarding the webhook may not have arrived yet: read the account from Stripe. */
export async function refreshAccount(userId: string, now: Date): Promise<ConnectStatus> {
	const [existing] = await getDb().select().from(stripeAccounts).where(eq(stripeAccounts.userId, userId))
	if (existing) {
		const account = await getStripe().accounts.retrieve(existing.accountId)
		await getDb().transaction((tx) => applyAccountState(tx, account, now))
	}
	return getConnectStatus(userId)
}
