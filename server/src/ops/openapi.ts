import {
  AuditVerifyResponseSchema,
  ChoicesKeyGuardSchema,
  ChoicesMapSchema,
  ConsentRecordSchema,
  CreateRightsRequestSchema,
  CreateSubjectResponseSchema,
  ErrorBodySchema,
  ExportQuerySchema,
  JwksResponseSchema,
  NoticeCreatedSchema,
  NoticeRequestSchema,
  NoticeResponseSchema,
  RecordsBatchRequestSchema,
  RecordsBatchResponseSchema,
  RecordsPageQuerySchema,
  RecordsPageResponseSchema,
  RevocationRequestSchema,
  RevocationResponseSchema,
  RightsRequestCreatedSchema,
  RightsRequestViewSchema,
  StoredConsentRecordSchema,
  SubjectStateResponseSchema,
  UpdateRightsRequestSchema,
} from '@coreitsm/protocol';
import * as z from 'zod/mini';

/**
 * The OpenAPI 3.1 document, generated from the same protocol schemas the routes parse with, so it
 * cannot drift from what the server accepts. (Cross-field rules such as "the purposes of the
 * jurisdiction" are not expressible in JSON Schema; the descriptions say so.)
 */
type Json = Record<string, unknown>;

/** The choices' key guard (a custom check, no JSON Schema of its own) is documented as the map it guards. */
const { $schema: _choicesDialect, ...CHOICES_JSON } = z.toJSONSchema(ChoicesMapSchema) as Json;

function schema(s: z.ZodMiniType, io: 'input' | 'output' = 'input'): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(s, {
    io,
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema === ChoicesKeyGuardSchema) Object.assign(ctx.jsonSchema, CHOICES_JSON);
    },
  }) as Json;
  return rest;
}

function queryParameters(s: z.ZodMiniType): Json[] {
  const properties = (schema(s).properties ?? {}) as Record<string, Json>;
  const required = (schema(s).required ?? []) as string[];
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: property,
  }));
}

const json = (s: Json) => ({ 'application/json': { schema: s } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const subject = [{ subjectToken: [] }];
const adminAuth = [{ adminToken: [] }];
const authErrors = {
  '401': error('missing or invalid bearer token'),
  '410': error('the subject was erased'),
};

function paths(): Json {
  return {
    '/v1/subjects': {
      post: {
        summary: 'Create a pseudonymous subject; the token is shown once',
        responses: {
          '201': { description: 'created', content: json(schema(CreateSubjectResponseSchema, 'output')) },
        },
      },
    },
    '/v1/records': {
      post: {
        summary: 'Store a batch of consent records (all-or-nothing, idempotent by id; 200 = durably stored)',
        security: subject,
        requestBody: { required: true, content: json(schema(RecordsBatchRequestSchema)) },
        responses: {
          '200': {
            description: 'per-record results',
            content: json(schema(RecordsBatchResponseSchema, 'output')),
          },
          '400': error(
            'invalid body (the message names each bad field), or a createdAt more than MAX_CLOCK_SKEW_MS (5 min) ahead of the server clock; error.recordId names the record; nothing stored',
          ),
          '403': error('a record of another subject (error.recordId); nothing stored'),
          '409': error('an id already stored with other content (error.recordId); nothing stored'),
          '413': error(
            'body too large, or history_full: the subject would pass its record or site limit (error.recordId)',
          ),
          ...authErrors,
        },
      },
    },
    '/v1/subjects/me/state': {
      get: {
        summary: "The latest record's state per site",
        security: subject,
        responses: {
          '200': { description: 'state', content: json(schema(SubjectStateResponseSchema, 'output')) },
          ...authErrors,
        },
      },
    },
    '/v1/subjects/me/records': {
      get: {
        summary: 'History, newest first, with cursor pagination',
        security: subject,
        parameters: queryParameters(RecordsPageQuerySchema),
        responses: {
          '200': { description: 'a page', content: json(schema(RecordsPageResponseSchema, 'output')) },
          '400': error('invalid query'),
          ...authErrors,
        },
      },
    },
    '/v1/subjects/me/export': {
      get: {
        summary: 'The whole history as a JSON, CSV or XML download',
        security: subject,
        parameters: queryParameters(ExportQuerySchema),
        responses: {
          '200': {
            description: 'the file (Content-Disposition: attachment)',
            content: { 'application/json': {}, 'text/csv': {}, 'application/xml': {} },
          },
          '400': error('invalid format'),
          ...authErrors,
        },
      },
    },
    '/v1/subjects/me/revocations': {
      post: {
        summary: "Deny purposes on a site: a new snapshot of the site's latest record",
        security: subject,
        requestBody: { required: true, content: json(schema(RevocationRequestSchema)) },
        responses: {
          '201': { description: 'the new record', content: json(schema(RevocationResponseSchema, 'output')) },
          '400': error('invalid body'),
          '404': error('no record for that site'),
          ...authErrors,
        },
      },
    },
    '/v1/rights-requests': {
      post: {
        summary:
          'File a rights request; dueAt follows the jurisdiction (GDPR 30 days, CCPA 45, LGPD 15, PIPEDA 30)',
        security: subject,
        requestBody: { required: true, content: json(schema(CreateRightsRequestSchema)) },
        responses: {
          '201': { description: 'received', content: json(schema(RightsRequestCreatedSchema, 'output')) },
          '400': error('invalid body'),
          '429': error('too_many_open_requests: the subject already has 10 open requests'),
          ...authErrors,
        },
      },
    },
    '/v1/rights-requests/{id}': {
      get: {
        summary: 'A rights request of this subject, with its history',
        security: subject,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'the request', content: json(schema(RightsRequestViewSchema, 'output')) },
          '404': error('no such request for this subject'),
          ...authErrors,
        },
      },
    },
    '/v1/admin/stats': {
      get: {
        summary: 'Consent rates per purpose, site and day; GPC share; open rights requests',
        security: adminAuth,
        parameters: [
          {
            name: 'days',
            in: 'query',
            required: false,
            schema: { type: 'string', pattern: '^[1-9]\\d{0,2}$' },
          },
        ],
        responses: {
          '200': { description: 'stats' },
          '401': error('not the admin token'),
          '404': error('admin API off'),
        },
      },
    },
    '/v1/admin/rights-requests': {
      get: {
        summary:
          'The rights-request queue ordered by due date, in pages: {"requests":[…],"nextCursor":string|null}',
        security: adminAuth,
        parameters: [
          { name: 'status', in: 'query', required: false, schema: { enum: ['open', 'all'] } },
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{1,3}$' } },
        ],
        responses: { '200': { description: 'the queue' }, '401': error('not the admin token') },
      },
    },
    '/v1/admin/rights-requests/{id}': {
      patch: {
        summary: 'Move a rights request to its next status (completing an erasure erases the subject)',
        security: adminAuth,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: json(schema(UpdateRightsRequestSchema)) },
        responses: {
          '200': { description: 'the request', content: json(schema(RightsRequestViewSchema, 'output')) },
          '400': error('invalid body'),
          '404': error('no such request'),
          '409': error('the workflow does not allow that step'),
        },
      },
    },
    '/v1/admin/audit/verify': {
      get: {
        summary:
          'Verify every audit chain, every signed root and the rows they vouch for, all read on one consistent snapshot (writes meanwhile never look like damage); a log that verifies is then sealed with a new root',
        security: adminAuth,
        responses: {
          '200': { description: 'result', content: json(schema(AuditVerifyResponseSchema, 'output')) },
        },
      },
    },
    '/v1/audit/roots': {
      get: {
        summary:
          'Signed roots over every audit chain head, oldest first, in pages (no auth; hashes only): {"roots":[…],"nextCursor":string|null}',
        parameters: [
          {
            name: 'cursor',
            in: 'query',
            required: false,
            schema: { type: 'string', pattern: '^\\d{1,15}$' },
          },
          { name: 'limit', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{1,4}$' } },
        ],
        responses: { '200': { description: 'a page of roots' }, '400': error('invalid cursor or limit') },
      },
    },
    '/healthz': {
      get: { summary: 'Liveness (with a database round trip)', responses: { '200': { description: 'ok' } } },
    },
    '/metrics': {
      get: { summary: 'Prometheus metrics', responses: { '200': { description: 'text exposition format' } } },
    },
    '/v1/notices': {
      post: {
        summary:
          'Register the notice a person was shown (no auth; idempotent; the hash is computed by the server)',
        requestBody: { required: true, content: json(schema(NoticeRequestSchema)) },
        responses: {
          '201': { description: 'stored', content: json(schema(NoticeCreatedSchema, 'output')) },
          '200': { description: 'already known', content: json(schema(NoticeCreatedSchema, 'output')) },
          '400': error('invalid notice (the message names each bad field)'),
          '413': error('a notice larger than 64 kB'),
        },
      },
    },
    '/v1/notices/{hash}': {
      get: {
        summary: 'The notice stored under a hash (immutable)',
        parameters: [
          { name: 'hash', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
        ],
        responses: {
          '200': { description: 'the notice', content: json(schema(NoticeResponseSchema, 'output')) },
          '400': error('not a 64-hex-digit hash'),
          '404': error('no such notice'),
        },
      },
    },
    '/.well-known/jwks.json': {
      get: {
        summary: 'The Ed25519 keys that sign receipts (every key that ever signed stays published)',
        responses: { '200': { description: 'JWK set', content: json(schema(JwksResponseSchema, 'output')) } },
      },
    },
  };
}

export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'CoreITsm Consent server',
      version: '1',
      description:
        'Consent records, subject state, revocations and rights requests. Every error is {"error":{"code","message"}}. ' +
        'A record must carry exactly the purposes of its jurisdiction, with necessary granted (checked by the server).',
    },
    components: {
      securitySchemes: {
        subjectToken: { type: 'http', scheme: 'bearer', description: 'the token from POST /v1/subjects' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
      },
      schemas: {
        Error: schema(ErrorBodySchema, 'output'),
        ConsentRecord: schema(ConsentRecordSchema),
        StoredConsentRecord: schema(StoredConsentRecordSchema, 'output'),
      },
    },
    paths: paths(),
  };
}
