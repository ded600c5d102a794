/**
 * Stripe names what an Express account still needs with field paths (`individual.dob.day`,
 * `tos_acceptance.date`). Mentors read them on the dashboard and payout settings, so they get the
 * words a person uses, each said once (day, month and year of birth are one thing to do).
 */
const PHRASES: Array<[RegExp, string]> = [
	[/^external_account/, 'a bank account for your payouts'],
	[/^(individual|representative)\.dob\./, 'your date of birth'],
	[/^(individual|representative)\.(first_name|last_name)/, 'your legal name'],
	[/^(individual|representative)\.address\./, 'your home address'],
	[/^(individual|representative)\.(email|phone)/, 'your contact details'],
	[/^(individual|representative)\.(id_number|ssn_last_4)/, 'your identity number'],
	[/^(individual|representative)\.verification\./, 'an identity document'],
	[/^tos_acceptance\./, "acceptance of Stripe's terms of service"],
	[/^business_profile\./, 'a description of your business'],
	[/^business_type/, 'your business type'],
	[/^company\./, 'your company details'],
]

export function describeStripeRequirements(fields: readonly string[]): string[] {
	const phrases = fields.map((field) => PHRASES.find(([pattern]) => pattern.test(field))?.[1] ?? field.replace(/[._]+/g, ' '))
	return [...new Set(phrases)]
}
