export function openApiDocument(): unknown {
  return { openapi: '3.1.0', info: { title: 'CoreITsm Consent', version: '0.1.0' }, paths: {} };
}
