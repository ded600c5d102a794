import { Action, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'
import { formatShortTime } from './format'

/** A link to set a new password, asked for on /forgot-password; it works for an hour, once. */
type Props = { resetUrl: string; expiresAt: string }

function PasswordReset(props: Props & EmailBase) {
	return (
		<Layout {...props} preview="Set a new password for Mentora" heading="Set a new password">
			<Paragraph>Someone, hopefully you, asked to reset the password of your Mentora account. Choose a new one here:</Paragraph>
			<Action href={props.resetUrl}>Choose a new password</Action>
			<Paragraph>
				The link works once, until {formatShortTime(props.expiresAt, props.timeZone)} ({props.timeZone}). Setting a new password signs you out
				everywhere else.
			</Paragraph>
			<Paragraph>If you did not ask for it, ignore this email: your password stays as it is.</Paragraph>
		</Layout>
	)
}

export const passwordReset = defineTemplate<Props>({
	component: PasswordReset,
	subject: () => 'Reset your Mentora password',
	category: 'transactional',
	sample: { resetUrl: 'http://localhost:3000/reset-password/sample-token', expiresAt: '2027-03-02T09:00:00.000Z' },
})
