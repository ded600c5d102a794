import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'
import { formatDate, formatMoney } from './format'

type Props = {
	bundleId: string
	mentorName: string
	mentorSlug: string
	credits: number
	sessionMinutes: number
	amountCents: number
	currency: string
	paidAt: string
}

function PurchaseReceipt(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`Receipt: ${props.credits} sessions with ${props.mentorName}`} heading="Thank you for your purchase">
			<Paragraph>Your bundle is active: book your sessions with {props.mentorName} directly, no review needed.</Paragraph>
			<Details
				items={[
					['Bundle', `${props.credits} × ${props.sessionMinutes} minutes with ${props.mentorName}`],
					['Paid', formatMoney(props.amountCents, props.currency)],
					['Date', formatDate(props.paidAt, props.timeZone)],
					['Reference', props.bundleId],
				]}
			/>
			<Action href={`${props.appUrl}/mentors/${props.mentorSlug}`}>Book your first session</Action>
		</Layout>
	)
}

export const purchaseReceipt = defineTemplate<Props>({
	component: PurchaseReceipt,
	subject: (p) => `Your receipt: ${p.credits} sessions with ${p.mentorName}`,
	category: 'transactional',
	sample: {
		bundleId: '0b7e2a51-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
		mentorName: 'Lena Hoffmann',
		mentorSlug: 'lena-hoffmann',
		credits: 4,
		sessionMinutes: 60,
		amountCents: 24000,
		currency: 'eur',
		paidAt: '2027-03-01T10:15:00.000Z',
	},
})
