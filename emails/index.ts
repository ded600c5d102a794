import { type EmailBase } from './components/layout'
import { type TemplateDefinition } from './define'
import { assignmentOverdue } from './assignment-overdue'
import { bookingConfirmed } from './booking-confirmed'
import { introDecision } from './intro-decision'
import { invitationAccepted } from './invitation-accepted'
import { invitationExpired } from './invitation-expired'
import { invitationReceived } from './invitation-received'
import { invitationRejected } from './invitation-rejected'
import { lapsedRelationshipAlert } from './lapsed-relationship-alert'
import { matchToConfirm } from './match-to-confirm'
import { meetingLocationChanged } from './meeting-location-changed'
import { passwordReset } from './password-reset'
import { payoutReleased } from './payout-released'
import { programmeAnnouncement } from './programme-announcement'
import { confirmReminder, pleaseConfirm } from './please-confirm'
import { purchaseReceipt } from './purchase-receipt'
import { refundIssued } from './refund-issued'
import { foundYourMatch } from './found-your-match'
import { managerDecision, managerValidationRequest } from './manager-validation-request'
import { participationToConfirm } from './participation-to-confirm'
import { quarterlyReflection } from './quarterly-reflection'
import { registrationDeclined } from './registration-declined'
import { registrationReceived } from './registration-received'
import { registrationValidated } from './registration-validated'
import { relationshipConfirmed } from './relationship-confirmed'
import { relationshipDeclined } from './relationship-declined'
import { relationshipEnded } from './relationship-ended'
import { scheduleReminder } from './schedule-reminder'
import { sessionCancelled } from './session-cancelled'
import { sessionReminder } from './session-reminder'
import { unconfirmedSessionAlert } from './unconfirmed-session-alert'
import { verifyEmail } from './verify-email'
import { disputeDecided } from './dispute-decided'
import { noShowDisputed } from './no-show-disputed'
import { outcomeToDispute } from './outcome-to-dispute'
import { feedbackRequest } from './feedback-request'
import { weeklyReport } from './weekly-report'

/** Every email Mentora sends, by the name the outbox stores (PRODUCT.md's "Email" list). */
export const templates = {
	invitation_received: invitationReceived,
	invitation_accepted: invitationAccepted,
	invitation_rejected: invitationRejected,
	invitation_expired: invitationExpired,
	booking_confirmed: bookingConfirmed,
	session_reminder: sessionReminder,
	session_cancelled: sessionCancelled,
	meeting_location_changed: meetingLocationChanged,
	please_confirm: pleaseConfirm,
	confirm_reminder: confirmReminder,
	intro_decision: introDecision,
	purchase_receipt: purchaseReceipt,
	refund_issued: refundIssued,
	payout_released: payoutReleased,
	match_to_confirm: matchToConfirm,
	relationship_confirmed: relationshipConfirmed,
	relationship_declined: relationshipDeclined,
	relationship_ended: relationshipEnded,
	schedule_reminder: scheduleReminder,
	lapsed_relationship_alert: lapsedRelationshipAlert,
	unconfirmed_session_alert: unconfirmedSessionAlert,
	registration_received: registrationReceived,
	registration_validated: registrationValidated,
	registration_declined: registrationDeclined,
	manager_validation_request: managerValidationRequest,
	manager_decision: managerDecision,
	found_your_match: foundYourMatch,
	quarterly_reflection: quarterlyReflection,
	participation_to_confirm: participationToConfirm,
	programme_announcement: programmeAnnouncement,
	password_reset: passwordReset,
	verify_email: verifyEmail,
	outcome_to_dispute: outcomeToDispute,
	no_show_disputed: noShowDisputed,
	dispute_decided: disputeDecided,
	feedback_request: feedbackRequest,
	weekly_report: weeklyReport,
	assignment_overdue: assignmentOverdue,
}

export type TemplateName = keyof typeof templates
/** The data a template needs from its caller (everything but what queueEmail adds). */
export type TemplateData<T extends TemplateName> = (typeof templates)[T] extends TemplateDefinition<infer P> ? P : never
export type { EmailBase }
