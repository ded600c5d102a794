import { Action, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'

/** The coordinator validated a registration: the participant is now looking for a match. */
type Props = { programme: { slug: string; name: string }; role: 'mentor' | 'mentee' }

function RegistrationValidated(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`You are in ${props.programme.name}`} heading="Your registration is validated">
			<Paragraph>
				Welcome to {props.programme.name} as {props.role}. You are now looking for a match; once you have found one, add the dates of your
				engagement.
			</Paragraph>
			<Action href={`${props.appUrl}/programmes/${encodeURIComponent(props.programme.slug)}`}>{`Open ${props.programme.name}`}</Action>
		</Layout>
	)
}

export const registrationValidated = defineTemplate<Props>({
	component: RegistrationValidated,
	subject: (p) => `Your registration for ${p.programme.name} is validated`,
	category: 'transactional',
	sample: { programme: { slug: 'leadership-2027', name: 'Leadership 2027' }, role: 'mentee' },
})
