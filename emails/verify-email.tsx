import { Action, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'
import { formatShortTime } from './format'

/** Sent at sign-up (and again on request): booking waits until the address is confirmed. */
type Props = { verifyUrl: string; expiresAt: string }

function VerifyEmail(props: Props & EmailBase) {
	return (
		<Layout {...props} preview="Confirm your email address to start booking" heading="Confirm your email address">
			<Paragraph>Welcome to Mentora. Confirm that this address is yours, and you can book sessions with mentors:</Paragraph>
			<Action href={props.verifyUrl}>Confirm my address</Action>
			<Paragraph>
				The link works until {formatShortTime(props.expiresAt, props.timeZone)} ({props.timeZone}). If you did not create a Mentora account,
				ignore this email: nothing happens without the click.
			</Paragraph>
		</Layout>
	)
}

export const verifyEmail = defineTemplate<Props>({
	component: VerifyEmail,
	subject: () => 'Confirm your email address for Mentora',
	category: 'transactional',
	sample: { verifyUrl: 'http://localhost:3000/verify-email/sample-token', expiresAt: '2027-03-09T09:00:00.000Z' },
})
