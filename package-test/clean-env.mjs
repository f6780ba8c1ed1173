/**
 * The environment without npm's own variables: the `npm run` that started this check sets
 * npm_config_* (workspace flags, prefixes) that would otherwise steer the npm commands it runs —
 * back at this repository, or across every workspace.
 */
export function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, ...extra };
}
