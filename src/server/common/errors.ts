/**
 * The one error shape of the API: `{ error: { code, message, messageEn, details } }`.
 * `message` is Chinese (what users read); `messageEn` is its English variant.
 */
export interface ErrorBody {
  error: { code: string; message: string; messageEn: string; details?: unknown };
}

export interface ErrorDefinition {
  status: number;
  zh: string;
  en: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        messageEn: this.messageEn,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** The `{name}` placeholders of a message. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/**
 * The parameters of an error: every placeholder of its Chinese and of its English message, so that an
 * English message never shows a `{name}` its caller forgot (nor a Chinese one an English message).
 */
type ErrorParams<D extends ErrorDefinition> = Record<
  Placeholders<D['zh']> | Placeholders<D['en']>,
  string | number
>;

type ErrorFactory<D extends ErrorDefinition> = [Placeholders<D['zh']> | Placeholders<D['en']>] extends [never]
  ? (params?: Record<string, never>, details?: unknown) => AppError
  : (params: ErrorParams<D>, details?: unknown) => AppError;

/**
 * Declares a module's error catalogue. Each entry becomes a factory that builds an `AppError`;
 * messages may use `{name}` placeholders filled from `params` (each one required by the factory's type).
 */
export function defineErrors<const T extends Record<string, ErrorDefinition>>(catalogue: T) {
  const factories = {} as { [K in keyof T]: ErrorFactory<T[K]> };
  for (const [code, def] of Object.entries(catalogue)) {
    const fill = (text: string, params?: Record<string, string | number>) =>
      text.replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
    (factories as Record<string, unknown>)[code] = (
      params?: Record<string, string | number>,
      details?: unknown,
    ) => new AppError(code, def.status, fill(def.zh, params), fill(def.en, params), details);
  }
  return Object.assign(factories, { catalogue });
}

export const CommonErrors = defineErrors({
  VALIDATION_FAILED: {
    status: 400,
    zh: '提交的数据不符合要求，请检查后重试',
    en: 'The request is not valid',
  },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确：{reason}', en: 'Malformed request: {reasonEn}' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '登录已过期，请重新登录',
    en: 'Your session has expired, please sign in again',
  },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  CSRF_FAILED: {
    status: 403,
    zh: '安全校验失败，请刷新页面后重试',
    en: 'Security check failed, please reload the page and retry',
  },
  NOT_FOUND: { status: 404, zh: '未找到该{what}，或不在您的管辖范围内', en: 'No such {what} in your scope' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  CONFLICT: { status: 409, zh: '{reason}', en: '{reasonEn}' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型，请以 JSON 提交',
    en: 'Unsupported content type',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传内容过大', en: 'The upload is too large' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests, please retry later' },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    zh: '相同的请求正在处理中，请稍候',
    en: 'The same request is still being processed',
  },
  IDEMPOTENCY_ABANDONED: {
    status: 409,
    zh: '使用该幂等键的上一次请求因服务重启而中断，无法确认是否已生效：请先核对结果，需要重试时请换用新的幂等键',
    en: 'The earlier request with this Idempotency-Key was cut off by a server restart; whether it took effect is unknown. Check, then retry with a new key',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '该幂等键已用于另一内容的请求',
    en: 'This Idempotency-Key was already used for a different request',
  },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal server error' },
});
