import { describe, expect, test } from 'vitest'
import { describeStripeRequirements } from './stripe-requirements'

describe('describeStripeRequirements', () => {
	test("says what Stripe still needs in a person's words, each thing once", () => {
		expect(describeStripeRequirements(['external_account', 'individual.dob.day', 'individual.dob.month', 'tos_acceptance.date'])).toEqual([
			'a bank account for your payouts',
			'your date of birth',
			"acceptance of Stripe's terms of service",
		])
	})

	test('falls back to the field path in words for a requirement it does not know', () => {
		expect(describeStripeRequirements(['settings.card_payments.statement_descriptor_prefix'])).toEqual(['settings card payments statement descriptor prefix'])
	})
})
