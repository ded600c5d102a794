import { apiError } from '~/utils/api.server'
import { DomainError } from '~/utils/errors'

/** Any other /api/v1 path answers in the API's error shape, not with an HTML page. */
const notFound = () => apiError(new DomainError('not_found', 'There is no such API endpoint.'))

export const loader = notFound
export const action = notFound
