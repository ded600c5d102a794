import { getCollectionProps, getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from '@remix-run/react'
import { IANAZone } from 'luxon'
import { useEffect, useRef, useState } from 'react'
import { Field, FormError, InputField, SubmitButton, usePasswordClearedOnReply } from '~/components/forms'
import { HoneypotField, isHoneypotFilled } from '~/components/honeypot'
import { TimeZonePicker } from '~/components/time-zone-picker'
import { type loader as rootLoader } from '~/root'
import { safeRedirectPath } from '~/rules/safe-redirect'
import { canonicalTimeZone, listTimeZones } from '~/rules/time-zones'
import { signUp } from '~/services/accounts.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { loginCookies, requireAnonymous } from '~/utils/session.server'
import { SignupSchema } from '~/utils/validation'
import { readFormData } from '~/utils/form.server'

export const meta: MetaFunction = () => [{ title: 'Sign up · Mentora' }]

/** A refused attempt tells the client when to try again (the action's Retry-After). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
	const retryAfter = actionHeaders.get('Retry-After')
	return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	const params = new URL(request.url).searchParams
	return {
		role: params.get('role') === 'mentor' ? ('mentor' as const) : ('mentee' as const),
		redirectTo: safeRedirectPath(params.get('redirectTo'), ''),
		timeZones: listTimeZones(),
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await readFormData(request)
	// A filled honeypot is a bot: nothing is written and nothing tells it why.
	if (isHoneypotFilled(formData)) return redirect('/')
	const submission = parseWithZod(formData, { schema: SignupSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password'] }), code: 'validation_failed' }, { status: 400 })
	}
	try {
		const signedUp = await signUp(submission.value, { ip: context.ip, now: now() })
		return redirect(safeRedirectPath(formData.get('redirectTo')), {
			headers: loginCookies(signedUp),
		})
	} catch (error) {
		if (!isDomainError(error)) throw error
		const result = submission.reply({ formErrors: [error.message], fieldErrors: error.fields, hideFields: ['password'] })
		return data({ result, code: error.code }, { status: error.status, headers: error.headers })
	}
}

export default function SignupPage() {
	const { role, redirectTo, timeZones } = useLoaderData<typeof loader>()
	const root = useRouteLoaderData<typeof rootLoader>('root')
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const passwordRef = usePasswordClearedOnReply(actionData)
	// Client hints and Intl may name the zone by an old spelling ("Asia/Calcutta"): offer its current name.
	const serverZone = root?.browserTimeZone && IANAZone.isValidZone(root.browserTimeZone) ? canonicalTimeZone(root.browserTimeZone) : 'UTC'

	const [form, fields] = useForm({
		id: 'signup',
		lastResult: actionData?.result,
		constraint: getZodConstraint(SignupSchema),
		defaultValue: { role, timeZone: serverZone },
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
	})

	// The browser knows its own zone; preselect it unless the person already picked one.
	const [zone, setZone] = useState(fields.timeZone.initialValue ?? serverZone)
	const picked = useRef(Boolean(actionData))
	useEffect(() => {
		const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone
		if (!picked.current && browserZone && IANAZone.isValidZone(browserZone)) setZone(canonicalTimeZone(browserZone))
	}, [])
	const { defaultValue: _unused, key: timeZoneKey, ...timeZoneProps } = getSelectProps(fields.timeZone, {
		ariaDescribedBy: fields.timeZone.descriptionId,
	})

	const roleOptions = getCollectionProps(fields.role, { type: 'radio', options: ['mentee', 'mentor'] })
	const roleText: Record<string, { title: string; text: string }> = {
		mentee: { title: 'Mentee', text: 'I am looking for a mentor.' },
		mentor: { title: 'Mentor', text: 'I want to mentor others.' },
	}

	return (
		<div className="mx-auto max-w-md">
			<h1 className="text-2xl font-bold tracking-tight">Create your account</h1>
			<p className="mt-1 text-slate-700">Book a free 20-minute intro, or offer your experience as a mentor.</p>
			<Form method="post" {...getFormProps(form)} className="mt-6 space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
				<HoneypotField />
				<input type="hidden" name="redirectTo" value={redirectTo} />
				<FormError id={form.errorId} errors={form.errors}>
					{actionData?.code === 'email_taken' ? (
						<p className="mt-1">
							<Link to="/login" className="font-semibold underline">
								Log in to your account
							</Link>
						</p>
					) : null}
				</FormError>
				<InputField field={fields.name} label="Name" autoComplete="name" />
				<InputField field={fields.email} label="Email" type="email" autoComplete="email" />
				<InputField
					field={fields.password}
					label="Password"
					hint="At least 8 characters."
					type="password"
					inputRef={passwordRef}
					autoComplete="new-password"
				/>
				<fieldset aria-describedby={fields.role.errors ? fields.role.errorId : undefined}>
					<legend className="text-sm font-medium text-slate-800">I am joining as</legend>
					<div className="mt-2 grid gap-2 sm:grid-cols-2">
						{roleOptions.map(({ key, ...props }) => (
							<label
								key={key}
								htmlFor={props.id}
								className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
							>
								<input {...props} className="mt-1 h-4 w-4 accent-brand-600" />
								<span>
									<span className="block font-medium">{roleText[props.value]?.title}</span>
									<span className="block text-sm text-slate-600">{roleText[props.value]?.text}</span>
								</span>
							</label>
						))}
					</div>
					{fields.role.errors ? (
						<p id={fields.role.errorId} className="mt-1 text-sm text-red-700">
							{fields.role.errors.join(' ')}
						</p>
					) : null}
				</fieldset>
				<Field field={fields.timeZone} label="Time zone" hint="We show every session time in this zone. Detected from your browser.">
					<TimeZonePicker
						key={timeZoneKey}
						{...timeZoneProps}
						zones={timeZones}
						value={zone}
						onZoneChange={(picks) => {
							picked.current = true
							setZone(picks)
						}}
					/>
				</Field>
				<SubmitButton pending={navigation.state === 'submitting' && navigation.formAction?.startsWith('/signup')}>
					Create account
				</SubmitButton>
				<p className="text-sm text-slate-700">
					Already have an account?{' '}
					<Link to={redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : '/login'} className="font-semibold text-brand-700 underline">
						Log in
					</Link>
				</p>
			</Form>
		</div>
	)
}
