import { Action, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate } from './define'

/** The coordinator declined a registration, saying why. */
type Props = { programme: { slug: string; name: string }; reason: string }

function RegistrationDeclined(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`Your registration for ${props.programme.name} was declined`} heading="Your registration was declined">
			<Paragraph>The coordinator of {props.programme.name} declined your registration. Their reason:</Paragraph>
			<Quote>{props.reason}</Quote>
			<Action href={`${props.appUrl}/programmes/${encodeURIComponent(props.programme.slug)}`}>{`Open ${props.programme.name}`}</Action>
		</Layout>
	)
}

export const registrationDeclined = defineTemplate<Props>({
	component: RegistrationDeclined,
	subject: (p) => `Your registration for ${p.programme.name} was declined`,
	category: 'transactional',
	sample: { programme: { slug: 'leadership-2027', name: 'Leadership 2027' }, reason: 'This cohort is for people managers; the next one opens in March.' },
})
