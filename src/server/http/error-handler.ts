import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { issueInEnglish } from '../common/bilingual';
import { AppError, CommonErrors } from '../common/errors';
import { isNulInText, loggableError } from '../common/sql';
import type { App } from './types';

interface ValidationIssue {
  path: string;
  /** In Chinese: the schema's own message, or zod's Chinese wording of a built-in check. */
  message: string;
  /** In English: the schema message's recorded variant (common/bilingual.ts), or zod's English wording. */
  messageEn: string;
}

/**
 * The problems of a request that failed its schema, one per zod issue. fastify-type-provider-zod keeps
 * each issue as `{ keyword: code, instancePath, message, params: the issue's other fields }`.
 */
function issuesOf(error: FastifyError): ValidationIssue[] {
  const validation = (error as { validation?: unknown[] }).validation ?? [];
  return validation.map((v) => {
    const item = v as {
      keyword?: string;
      instancePath?: string;
      message?: string;
      params?: Record<string, unknown>;
    };
    const path = (item.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const message = item.message ?? '格式不正确';
    const issue = { ...item.params, code: item.keyword, path: path ? path.split('.') : [], message };
    return { path, message, messageEn: issueInEnglish(issue as z.core.$ZodIssue) };
  });
}

const MULTIPART_BROKEN = {
  reason: '上传的数据不完整或格式不正确，请重新上传',
  reasonEn: 'the upload is incomplete or malformed; please upload it again',
};

/**
 * What the multipart parser (busboy) throws on a body cut short or without a usable boundary: plain
 * errors, with neither code nor status, known only by their message ("Unexpected end of multipart data",
 * "File terminated early due to unexpected end of multipart data", "Multipart: Boundary not found"; a
 * boundary over 250 characters overflows its search: "The needle cannot have a length bigger than 256.").
 */
function isBrokenMultipart(error: FastifyError) {
  if (error.code || error.statusCode) return false;
  return /multipart|^The needle cannot/i.test(error.message);
}

/** Maps every failure to the one error shape; unexpected ones are logged and answered 500. */
export function registerErrorHandler(app: App) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return reply.status(error.status).send(error.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as { validationContext?: string }).validationContext;
      const issues = issuesOf(error).map((i) => ({ ...i, in: where }));
      return reply.status(400).send(CommonErrors.VALIDATION_FAILED({}, issues).toBody());
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return reply.status(500).send(CommonErrors.INTERNAL().toBody());
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(
          CommonErrors.BAD_REQUEST({
            reason: 'JSON 格式错误',
            reasonEn: 'the JSON is not well-formed',
          }).toBody(),
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send(CommonErrors.UNSUPPORTED_MEDIA_TYPE().toBody());
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_FILES_LIMIT':
        return reply.status(413).send(CommonErrors.PAYLOAD_TOO_LARGE().toBody());
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return reply.status(400).send(
          CommonErrors.BAD_REQUEST({
            reason: '需要 multipart/form-data 上传',
            reasonEn: 'upload it as multipart/form-data',
          }).toBody(),
        );
      case 'FST_MP_PREMATURE_CLOSE':
        return reply.status(400).send(CommonErrors.BAD_REQUEST(MULTIPART_BROKEN).toBody());
    }
    if (isBrokenMultipart(error))
      return reply.status(400).send(CommonErrors.BAD_REQUEST(MULTIPART_BROKEN).toBody());
    if (isNulInText(error))
      return reply.status(400).send(
        CommonErrors.BAD_REQUEST({
          reason: '文字中含有空字符（U+0000），请删除后重试',
          reasonEn: 'the text contains a null character (U+0000); remove it and retry',
        }).toBody(),
      );
    if (error.statusCode === 429) return reply.status(429).send(CommonErrors.RATE_LIMITED().toBody());
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send(CommonErrors.BAD_REQUEST({ reason: error.message, reasonEn: error.message }).toBody());
    }
    request.log.error({ err: loggableError(error) }, 'unhandled error');
    return reply.status(500).send(CommonErrors.INTERNAL().toBody());
  });
}
