import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_PAID_SESSION } from './define'
import { formatMoney, formatSessionTime, type SessionTimes } from './format'

type Props = { payoutId: string; menteeName: string; session: SessionTimes; amountCents: number; currency: string }

function PayoutReleased(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`${formatMoney(props.amountCents, props.currency)} is on its way to you`} heading="Payout released">
			<Paragraph>
				Your session with {props.menteeName} is confirmed, and we transferred your share to your Stripe account. Stripe pays
				it out to your bank on your usual schedule.
			</Paragraph>
			<Details
				items={[
					['Amount', formatMoney(props.amountCents, props.currency)],
					['Session', formatSessionTime(props.session, props.timeZone)],
					['Reference', props.payoutId],
				]}
			/>
			<Action href={`${props.appUrl}/payouts`}>See your payouts</Action>
		</Layout>
	)
}

export const payoutReleased = defineTemplate<Props>({
	component: PayoutReleased,
	subject: (p) => `Payout released: ${formatMoney(p.amountCents, p.currency)} for your session with ${p.menteeName}`,
	category: 'transactional',
	sample: {
		payoutId: '7d9e1f20-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
		menteeName: 'Maya Chen',
		session: SAMPLE_PAID_SESSION,
		amountCents: 4800,
		currency: 'eur',
	},
})
