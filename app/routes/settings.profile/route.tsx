import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { type z } from 'zod'
import { Field, FormError, InputField, SubmitButton, TextareaField } from '~/components/forms'
import { TimeZonePicker } from '~/components/time-zone-picker'
import { profileSchemaFor, type MenteeDossierSchema, type MentorDossierSchema, type ProfileInput } from '~/rules/dossier'
import { listTimeZones } from '~/rules/time-zones'
import { getPhotoVersion } from '~/services/profile-photos.server'
import { getProfile, listSubjects, saveProfile } from '~/services/profiles.server'
import { now } from '~/utils/clock.server'
import { withToast } from '~/utils/flash.server'
import { isDomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'
import { BackgroundFields, NumberField, Section, SubjectsField } from './dossier-fields'
import { PHOTO_INTENTS, photoAction, photoRefusal, readProfileForm } from './photo-action.server'
import { PhotoSection } from './photo-section'

export const meta: MetaFunction = () => [{ title: 'Edit profile · Mentora' }]

type ProfileFormValues = {
	name: string
	timeZone: string
	mentor?: z.input<typeof MentorDossierSchema>
	mentee?: z.input<typeof MenteeDossierSchema>
}

/** Stored background → form values (languages are edited as one comma-separated line). */
function backgroundDefaults(profile: { industry: string; role: string; department: string; location: string; languages: string[]; yearsExperience: number; workHistory: string } | null) {
	return {
		industry: profile?.industry ?? '',
		role: profile?.role ?? '',
		department: profile?.department ?? '',
		location: profile?.location ?? '',
		languages: profile?.languages.join(', ') ?? '',
		yearsExperience: profile?.yearsExperience ?? 0,
		workHistory: profile?.workHistory ?? '',
	}
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const [profile, subjects, photoVersion] = await Promise.all([getProfile(user.id), listSubjects(), getPhotoVersion(user.id)])
	const { mentor, mentee } = profile
	const defaults: ProfileFormValues = {
		name: user.name,
		timeZone: user.timeZone,
		mentor: user.isMentor
			? {
					headline: mentor?.headline ?? '',
					bio: mentor?.bio ?? '',
					subjects: mentor?.subjects.map((s) => s.slug) ?? [],
					...backgroundDefaults(mentor),
					capacity: mentor?.capacity ?? 3,
				}
			: undefined,
		mentee: user.isMentee
			? {
					headline: mentee?.headline ?? '',
					bio: mentee?.bio ?? '',
					goals: mentee?.goals ?? '',
					subjects: mentee?.subjects.map((s) => s.slug) ?? [],
					...backgroundDefaults(mentee),
				}
			: undefined,
	}
	return {
		person: { id: user.id, name: user.name, photoVersion },
		roles: { isMentor: user.isMentor, isMentee: user.isMentee },
		defaults,
		mentorSlug: mentor?.slug ?? null,
		// Remounts the form after a save, so it shows what was stored (trimmed, de-duplicated).
		version: [user.updatedAt, mentor?.updatedAt, mentee?.updatedAt].map((d) => d?.toISOString() ?? '').join('|'),
		subjects,
		timeZones: listTimeZones(user.timeZone),
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireUser(request, context)
	let formData: FormData
	try {
		formData = await readProfileForm(request)
	} catch (error) {
		// Only the photo form sends a file: a part over the limit is a photo too large.
		if (isDomainError(error)) return photoRefusal(error)
		throw error
	}
	if (PHOTO_INTENTS.some((intent) => intent === formData.get('intent'))) return photoAction(user.id, formData)
	const submission = parseWithZod(formData, { schema: profileSchemaFor(user) })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	try {
		await saveProfile(user, submission.value, { now: now() })
	} catch (error) {
		if (!isDomainError(error)) throw error
		const result = submission.reply({ formErrors: [error.message], fieldErrors: error.fields })
		return data({ result }, { status: error.status, headers: error.headers })
	}
	return redirect('/settings/profile', { headers: withToast({ kind: 'success', message: 'Your profile is saved.' }) })
}

export default function ProfileSettings() {
	const { version, person, mentorSlug } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const photoError = actionData && 'error' in actionData ? actionData.error : null
	return (
		<div className="space-y-6">
			{mentorSlug ? (
				<p className="text-sm">
					<Link to={`/mentors/${mentorSlug}`} className="font-semibold text-brand-700 underline">
						View your public page
					</Link>
				</p>
			) : null}
			<PhotoSection key={person.photoVersion ?? 'none'} person={person} error={photoError} />
			<ProfileForm key={version} />
		</div>
	)
}

function ProfileForm() {
	const { roles, defaults, subjects, timeZones } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const lastResult = actionData && 'result' in actionData ? actionData.result : undefined
	const navigation = useNavigation()
	const schema = profileSchemaFor(roles)
	const [form, fields] = useForm<ProfileFormValues, ProfileInput>({
		id: 'profile',
		lastResult,
		defaultValue: defaults,
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
	const { key: timeZoneKey, ...timeZoneProps } = getSelectProps(fields.timeZone)
	const mentor = fields.mentor.getFieldset()
	const mentee = fields.mentee.getFieldset()

	return (
		<Form method="post" action="/settings/profile" {...getFormProps(form)} className="space-y-6">
			<FormError id={form.errorId} errors={form.errors} />

			<Section title="Account" description="Your name is shown to the people you meet; times are shown in your time zone.">
				<div className="grid gap-5 sm:grid-cols-2">
					<InputField field={fields.name} label="Name" autoComplete="name" />
					<Field field={fields.timeZone} label="Time zone">
						<TimeZonePicker key={timeZoneKey} {...timeZoneProps} zones={timeZones} />
					</Field>
				</div>
			</Section>

			{roles.isMentor ? (
				<Section title="Mentor dossier" description="What mentees see on your public page and in the directory.">
					<InputField field={mentor.headline} label="Headline" hint="One line about what you help with, up to 120 characters." />
					<TextareaField field={mentor.bio} label="Bio" hint="Up to 2000 characters." rows={5} />
					<SubjectsField field={mentor.subjects} subjects={subjects} legend="Subjects you mentor in" />
					<BackgroundFields fields={mentor} />
					<NumberField field={mentor.capacity} label="Capacity" hint="How many mentees you can take at once (0 to 50)." />
				</Section>
			) : null}

			{roles.isMentee ? (
				<Section title="Mentee profile" description="Helps mentors prepare for your intro and helps us recommend mentors.">
					<InputField field={mentee.headline} label="Headline" hint="Where you are now, up to 120 characters." />
					<TextareaField field={mentee.bio} label="About you" hint="Up to 2000 characters." />
					<TextareaField field={mentee.goals} label="Goals" hint="What you want to achieve with a mentor." />
					<SubjectsField field={mentee.subjects} subjects={subjects} legend="Subjects you want help with" />
					<BackgroundFields fields={mentee} />
				</Section>
			) : null}

			<SubmitButton pending={navigation.state === 'submitting' && navigation.formAction === '/settings/profile'}>
				Save profile
			</SubmitButton>
		</Form>
	)
}
