/**
 * Every refusal in Mentora is a DomainError: a stable snake_case code, a sentence a person
 * understands, an HTTP status in the 4xx range and, for form input, messages per field.
 */
export const ERROR_STATUS = {
	invalid_json: 400,
	invalid_form: 400,
	unsupported_media_type: 415,
	validation_failed: 422,
	unauthenticated: 401,
	invalid_credentials: 401,
	not_allowed: 403,
	cross_origin_request: 403,
	invalid_url: 400,
	not_found: 404,
	email_taken: 409,
	slug_taken: 409,
	method_not_allowed: 405,
	rate_limited: 429,
	too_soon: 422,
	too_far: 422,
	range_too_large: 422,
	too_many_windows: 422,
	windows_overlap: 422,
	slot_too_short: 422,
	booking_window_too_long: 422,
	intro_quota_exceeded: 409,
	already_pending_intro: 409,
	already_related: 409,
	slot_unavailable: 409,
	no_credit: 409,
	cancellation_window_closed: 409,
	invalid_transition: 409,
	not_in_audience: 403,
	already_registered: 409,
	periods_not_open: 409,
	periods_overlap: 422,
	continuation_not_approved: 403,
	offer_unavailable: 409,
	nothing_to_refund: 409,
	refund_in_progress: 409,
	refund_amount_changed: 409,
	payment_provider_refused: 422,
	invalid_signature: 400,
	webhook_timestamp_out_of_tolerance: 400,
	invalid_webhook_event: 400,
	payout_not_retryable: 409,
	no_capacity: 409,
	not_searching: 409,
	not_self_matching: 403,
	match_ruled_out: 409,
	already_applied: 409,
	stale_assignment: 409,
	reset_link_invalid: 404,
	reset_link_expired: 410,
	reset_link_used: 409,
	email_not_verified: 403,
	dispute_window_closed: 409,
	already_verified: 409,
	verify_link_invalid: 404,
	verify_link_expired: 410,
	not_completed: 409,
	already_given: 409,
	not_yet: 409,
	photo_too_large: 413,
	photo_too_small: 422,
	photo_unreadable: 422,
	crop_invalid: 422,
	edit_window_closed: 409,
	not_confirmed: 409,
	// Inbound email: 406 is how a mail provider's webhook is told "refused, do not retry".
	unknown_recipient: 406,
	sender_not_allowed: 406,
	message_too_large: 406,
	invalid_message: 406,
	webhook_signature_invalid: 401,
	inbound_webhook_disabled: 404,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export type FieldErrors = Record<string, string[]>

export class DomainError extends Error {
	readonly status: number
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly fields?: FieldErrors,
		readonly headers?: Record<string, string>,
	) {
		super(message)
		this.status = ERROR_STATUS[code]
	}
}

export function isDomainError(error: unknown): error is DomainError {
	return error instanceof DomainError
}
