import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormError, InputField, SubmitButton, usePasswordClearedOnReply } from '~/components/forms'
import { safeRedirectPath } from '~/rules/safe-redirect'
import { logIn } from '~/services/accounts.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { DEVICE_COOKIE, getUser, loginCookies, readCookie } from '~/utils/session.server'
import { LoginSchema } from '~/utils/validation'
import { readFormData } from '~/utils/form.server'

export const meta: MetaFunction = () => [{ title: 'Log in · Mentora' }]

/** A refused attempt tells the client when to try again (the action's Retry-After). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
	const retryAfter = actionHeaders.get('Retry-After')
	return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const redirectTo = new URL(request.url).searchParams.get('redirectTo')
	if (await getUser(request, context)) throw redirect(safeRedirectPath(redirectTo))
	// Only a safe path is carried along; anything else would be dropped after login anyway.
	return { redirectTo: safeRedirectPath(redirectTo, '') }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: LoginSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	try {
		const loggedIn = await logIn(submission.value, { ip: context.ip, now: now(), deviceToken: readCookie(request, DEVICE_COOKIE) })
		return redirect(safeRedirectPath(formData.get('redirectTo')), {
			headers: loginCookies(loggedIn),
		})
	} catch (error) {
		if (!isDomainError(error)) throw error
		// Unknown email and wrong password get the same sentence, so the form does not reveal accounts.
		const result = submission.reply({ formErrors: [error.message], hideFields: ['password'] })
		return data({ result }, { status: error.status, headers: error.headers })
	}
}

export default function LoginPage() {
	const { redirectTo } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const passwordRef = usePasswordClearedOnReply(actionData)
	const [form, fields] = useForm({
		id: 'login',
		lastResult: actionData?.result,
		constraint: getZodConstraint(LoginSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
	})

	return (
		<div className="mx-auto max-w-md">
			<h1 className="text-2xl font-bold tracking-tight">Log in</h1>
			<p className="mt-1 text-slate-700">Welcome back to Mentora.</p>
			<Form method="post" {...getFormProps(form)} className="mt-6 space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
				<input type="hidden" name="redirectTo" value={redirectTo} />
				<FormError id={form.errorId} errors={form.errors} />
				<InputField field={fields.email} label="Email" type="email" autoComplete="email" />
				<InputField field={fields.password} label="Password" type="password" inputRef={passwordRef} autoComplete="current-password" />
				<p className="-mt-3 text-sm">
					<Link to="/forgot-password" className="font-medium text-brand-700 underline">
						Forgot your password?
					</Link>
				</p>
				<SubmitButton pending={navigation.state === 'submitting' && navigation.formAction?.startsWith('/login')}>Log in</SubmitButton>
				<p className="text-sm text-slate-700">
					New to Mentora?{' '}
					<Link to={redirectTo ? `/signup?${new URLSearchParams({ redirectTo })}` : '/signup'} className="font-semibold text-brand-700 underline">
						Create an account
					</Link>
				</p>
			</Form>
		</div>
	)
}
