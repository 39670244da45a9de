// Errors Fastify and its plugins raise themselves (a body that is not JSON, a content type no
// route reads, a body past the limit, a malformed path) answer in the product's error format like
// every other error: a catalogue code with its Vietnamese and English message and the right
// status. The framework's own English text never reaches a person; it stays in the log.
import { AppError } from '../errors.js';

interface FrameworkError {
  code?: string;
  statusCode?: number;
}

/**
 * The coded error for an error raised by the framework (not by our code) and the status to answer
 * with, or undefined when it is none of the client errors we know (the caller logs it and answers
 * 500). The status is the catalogue's, except for a 4xx we have no word for, which keeps its own.
 */
export function frameworkError(
  err: unknown,
  contentType?: string,
): { error: AppError; status: number } | undefined {
  const error = codedFrameworkError(err, contentType);
  if (!error) return undefined;
  const status = (err as FrameworkError | null)?.statusCode;
  return {
    error,
    status: error.code === 'REQUEST_INVALID' && typeof status === 'number' ? status : error.status,
  };
}

function codedFrameworkError(err: unknown, contentType?: string): AppError | undefined {
  const e = (err ?? {}) as FrameworkError;
  switch (e.code) {
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_INVALID_URL':
      return new AppError('URL_INVALID');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('URI_TOO_LONG');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // The header is the client's own text: cut short so it cannot fill the message.
      return new AppError('CONTENT_TYPE_UNSUPPORTED', {
        contentType: (contentType ?? '').split(';')[0]!.trim().slice(0, 80) || '—',
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('BODY_JSON_INVALID');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('BODY_EMPTY');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('BODY_LENGTH_MISMATCH');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
  }
  // A JSON body Fastify's parser refused without its own code (a __proto__ key: secure-json-parse).
  if (err instanceof SyntaxError && e.statusCode === 400) return new AppError('BODY_JSON_INVALID');
  switch (e.statusCode) {
    case 413:
      return new AppError('PAYLOAD_TOO_LARGE');
    case 414:
      return new AppError('URI_TOO_LONG');
    case 415:
      return new AppError('CONTENT_TYPE_UNSUPPORTED', { contentType: '—' });
    case 429:
      return new AppError('RATE_LIMITED');
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('REQUEST_INVALID');
  return undefined;
}
