import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'

/** A coordinator learns of a new registration to validate or decline. */
type Props = { programme: { slug: string; name: string }; registrationId: string; participantName: string; role: 'mentor' | 'mentee' }

function RegistrationReceived(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`${props.participantName} registered for ${props.programme.name}`} heading="A new registration">
			<Paragraph>
				{props.participantName} registered for {props.programme.name} as {props.role}. Validate the registration, or decline it with a reason.
			</Paragraph>
			<Details items={[['Programme', props.programme.name], ['Role', props.role]]} />
			<Action href={`${props.appUrl}/admin/programmes/${encodeURIComponent(props.programme.slug)}/registrations?status=application`}>Review registrations</Action>
		</Layout>
	)
}

export const registrationReceived = defineTemplate<Props>({
	component: RegistrationReceived,
	subject: (p) => `New registration for ${p.programme.name}: ${p.participantName}`,
	category: 'transactional',
	sample: {
		programme: { slug: 'leadership-2027', name: 'Leadership 2027' },
		registrationId: '0b3c1d5e-8a7b-4c3d-9e2f-1a2b3c4d5e6f',
		participantName: 'Maya Jansen',
		role: 'mentee',
	},
})
