import { DateTime, IANAZone } from 'luxon'
import { z } from 'zod'
import { canonicalTimeZone } from '../rules/time-zones'

/** A zone by any of its names, read as its current one: "Asia/Calcutta" is stored as "Asia/Kolkata". */
export const TimeZoneSchema = z
	.string({ required_error: 'Choose a time zone.' })
	.refine((zone) => IANAZone.isValidZone(zone), { message: 'Choose a valid IANA time zone, e.g. Europe/Berlin.' })
	.transform(canonicalTimeZone)

/** The years an instant from outside may name: later ones overflow a date a day or two on, earlier ones mean nothing here. */
export const MIN_YEAR = 1970
export const MAX_YEAR = 9999

/**
 * A slot's start as every booking form and the booking API send it: an ISO 8601 instant with its
 * offset, read as a Date. The format alone lets through offsets of 24 hours and more, which no
 * date can hold, so the instant itself is checked too.
 */
export const SlotStartSchema = z
	.string({ required_error: 'Choose a slot.' })
	.datetime({ offset: true, message: 'Give the slot start as an ISO 8601 instant, e.g. 2027-03-03T08:00:00Z.' })
	.transform((value, ctx) => {
		const start = new Date(value)
		const year = start.getUTCFullYear()
		if (Number.isNaN(start.getTime()) || year < MIN_YEAR || year > MAX_YEAR) {
			ctx.addIssue({ code: 'custom', message: 'Give the slot start as an ISO 8601 instant, e.g. 2027-03-03T08:00:00Z.' })
			return z.NEVER
		}
		return start
	})

export const EmailSchema = z
	.string({ required_error: 'Enter your email address.' })
	.trim()
	.min(3, 'Enter your email address.')
	.max(254, 'An email address has at most 254 characters.')
	.email('Enter a valid email address.')

export const PasswordSchema = z
	.string({ required_error: 'Enter a password.' })
	.min(8, 'Use at least 8 characters.')
	.max(256, 'Use at most 256 characters.')
	.refine((value) => value.trim().length > 0, 'A password cannot be only spaces.')

// PostgreSQL refuses a NUL character in text: refused here, it is a field message instead of a 500.
const hasNoNul = (value: string) => !value.includes('\u0000')

export const NameSchema = z
	.string({ required_error: 'Enter your name.' })
	.trim()
	.min(1, 'Enter your name.')
	.max(100, 'A name has at most 100 characters.')
	.refine(hasNoNul, 'Enter your name without control characters.')

export const RoleSchema = z.enum(['mentee', 'mentor'], {
	errorMap: () => ({ message: 'Choose whether you join as a mentee or a mentor.' }),
})

export const SignupSchema = z.object({
	email: EmailSchema,
	password: PasswordSchema,
	name: NameSchema,
	role: RoleSchema,
	timeZone: TimeZoneSchema,
})
export type SignupInput = z.infer<typeof SignupSchema>

export const LoginSchema = z.object({
	email: z
		.string({ required_error: 'Enter your email address.' })
		.trim()
		.min(1, 'Enter your email address.')
		.max(254)
		.refine(hasNoNul, 'Enter a valid email address.'),
	password: z.string({ required_error: 'Enter your password.' }).min(1, 'Enter your password.').max(256),
})
export type LoginInput = z.infer<typeof LoginSchema>

/** zod issues as `{ field: [messages] }`, the `fields` of the API error shape and of forms. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
	const fields: Record<string, string[]> = {}
	for (const issue of error.issues) {
		const key = issue.path.join('.') || '_form'
		;(fields[key] ??= []).push(issue.message)
	}
	return fields
}

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

export const ResetPasswordSchema = z
	.object({ password: PasswordSchema, confirmation: z.string({ required_error: 'Type the new password again.' }).max(256) })
	.refine((form) => form.password === form.confirmation, { path: ['confirmation'], message: 'The two passwords differ: type the same one twice.' })

/**
 * A calendar day as `YYYY-MM-DD` that exists and lies within `[from, to]`, with the one message
 * that fits what is wrong with it.
 */
export function daySchema(bounds: { from: string; to: string }) {
	return z
		.string({ invalid_type_error: 'Give a date as YYYY-MM-DD.' })
		.trim()
		.superRefine((s, ctx) => {
			const message = !/^\d{4}-\d{2}-\d{2}$/.test(s)
				? 'Give a date as YYYY-MM-DD.'
				: !DateTime.fromISO(s, { zone: 'UTC' }).isValid
					? 'That date does not exist.'
					: s < bounds.from
						? `Choose a date from ${bounds.from} on.`
						: s > bounds.to
							? `Choose a date up to ${bounds.to}.`
							: null
			if (message) ctx.addIssue({ code: 'custom', message })
		})
}
