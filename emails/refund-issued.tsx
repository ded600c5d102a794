import { Action, Details, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate } from './define'
import { formatDate, formatMoney } from './format'

type Props = {
	bundleId: string
	mentorName: string
	amountCents: number
	currency: string
	creditsRefunded: number
	refundedAt: string
	reason: string | null
}

function RefundIssued(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`Refund of ${formatMoney(props.amountCents, props.currency)}`} heading="Your refund is on its way">
			<Paragraph>
				We refunded {formatMoney(props.amountCents, props.currency)} for {props.creditsRefunded} unused session
				{props.creditsRefunded === 1 ? '' : 's'} with {props.mentorName}. Banks usually show it within 5 to 10 days.
			</Paragraph>
			{props.reason ? <Quote>{props.reason}</Quote> : null}
			<Details
				items={[
					['Refunded', formatMoney(props.amountCents, props.currency)],
					['Date', formatDate(props.refundedAt, props.timeZone)],
					['Reference', props.bundleId],
				]}
			/>
			<Action href={`${props.appUrl}/bundles/${props.bundleId}`}>See your bundle and refund</Action>
		</Layout>
	)
}

export const refundIssued = defineTemplate<Props>({
	component: RefundIssued,
	subject: (p) => `Refund of ${formatMoney(p.amountCents, p.currency)} for your sessions with ${p.mentorName}`,
	category: 'transactional',
	sample: {
		bundleId: '0b7e2a51-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
		mentorName: 'Lena Hoffmann',
		amountCents: 12000,
		currency: 'eur',
		creditsRefunded: 2,
		refundedAt: '2027-04-10T14:00:00.000Z',
		reason: 'Your mentor is on leave; we refunded the sessions you had not used.',
	},
})
