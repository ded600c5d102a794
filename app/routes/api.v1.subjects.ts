import { listSubjects } from '~/services/profiles.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'

/** Public: the shared list of subjects dossiers pick from, by name. */

export const loader = () => handleApi(async () => Response.json({ subjects: await listSubjects() }))

export const action = () => methodNotAllowed(['GET'])
