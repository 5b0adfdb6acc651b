import type { OpenAPIObject, ParameterObject } from '@nestjs/swagger';

const HEADER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the same key and request from the same caller within 24 hours answers with the first response (header `Idempotent-Replayed: true`) and changes nothing more; the same key for another request is a 422 `idempotency_key_reused`; while the first is still running, a 409 `idempotency_key_in_progress`. 1-128 printable characters, e.g. a UUID.',
  schema: { type: 'string', maxLength: 128 },
};

/** Adds the header to every POST that takes JSON (a streamed upload refuses it, and says why). */
export function describeIdempotency(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    const post = item.post;
    if (!post) continue;
    const body = post.requestBody;
    const content = body && 'content' in body ? Object.keys(body.content) : ['application/json'];
    if (!content.includes('application/json')) continue;
    post.parameters = [...(post.parameters ?? []), HEADER];
  }
  return document;
}
