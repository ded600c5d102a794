// The entry of the cohort assignment's worker thread (see ./assignment-worker.ts). A worker starts
// without its parent's TypeScript loader, so it registers tsx before it loads the solver.
import { register } from 'tsx/esm/api'

register()
await import('./assignment-worker.ts')
