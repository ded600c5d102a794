import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormError, InputField, SubmitButton, usePasswordClearedOnReply } from '~/components/forms'
import { readResetLink, resetPassword } from '~/services/password-reset.server'
import { newDeviceToken } from '~/services/throttle.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { readFormData } from '~/utils/form.server'
import { loginCookies } from '~/utils/session.server'
import { ResetPasswordSchema } from '~/utils/validation'

/**
 * /reset-password/<token>: the page a reset email links to. Opening it only reads the link (mail
 * scanners follow links); posting a new password uses it, signs out every other session and signs
 * this browser in.
 */

export const meta: MetaFunction = () => [{ title: 'Choose a new password · Mentora' }, { name: 'robots', content: 'noindex' }]

export async function loader({ params }: LoaderFunctionArgs) {
	try {
		return { state: 'open' as const, ...(await readResetLink(params.token ?? '', now())) }
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ state: 'refused' as const, code: error.code, message: error.message }, { status: error.status })
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: ResetPasswordSchema })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password', 'confirmation'] }) }, { status: 400 })
	try {
		const { userId, session } = await resetPassword({ token: params.token ?? '', password: submission.value.password, now: now() })
		return redirect('/dashboard', { headers: loginCookies({ session, deviceToken: newDeviceToken(userId) }) })
	} catch (error) {
		if (!isDomainError(error)) throw error
		const result = submission.reply({ formErrors: [error.message], hideFields: ['password', 'confirmation'] })
		return data({ result }, { status: error.status })
	}
}

export default function ResetPasswordPage() {
	const link = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const passwordRef = usePasswordClearedOnReply(actionData)
	const [form, fields] = useForm({
		id: 'reset-password',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ResetPasswordSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
	})

	if (link.state === 'refused') {
		return (
			<div className="mx-auto max-w-md">
				<h1 className="text-2xl font-bold tracking-tight">This link cannot be used</h1>
				<p role="alert" data-code={link.code} className="mt-4 rounded-xl bg-white p-6 text-slate-700 shadow-sm ring-1 ring-slate-200">
					{link.message}
				</p>
				<p className="mt-4">
					<Link to="/forgot-password" className="font-semibold text-brand-700 underline">
						Ask for a new link
					</Link>
				</p>
			</div>
		)
	}
	return (
		<div className="mx-auto max-w-md">
			<h1 className="text-2xl font-bold tracking-tight">Choose a new password</h1>
			<p className="mt-1 text-slate-700">
				For <span className="font-medium break-all">{link.email}</span>. Setting it signs you out everywhere else.
			</p>
			<Form method="post" {...getFormProps(form)} className="mt-6 space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
				<FormError id={form.errorId} errors={form.errors} />
				{/* Lets a password manager file the new password under the right account. */}
				<input type="email" name="username" value={link.email} autoComplete="username" readOnly hidden />
				<InputField field={fields.password} label="New password" type="password" inputRef={passwordRef} autoComplete="new-password" hint="At least 8 characters." />
				<InputField field={fields.confirmation} label="New password again" type="password" autoComplete="new-password" />
				<SubmitButton pending={navigation.state === 'submitting'}>Set the new password</SubmitButton>
			</Form>
		</div>
	)
}
