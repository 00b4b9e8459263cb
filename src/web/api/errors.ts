import i18n from '../i18n';

export interface ApiErrorDetail {
  path?: string;
  /** In the language the user reads now: `messageEn` in English where the server gave one. */
  message: string;
}

interface ErrorBody {
  error?: { code?: string; message?: string; messageEn?: string; details?: unknown };
}

/** An error answered by the API in its one error shape, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(status: number, code: string, messageZh: string, messageEn: string, details?: unknown) {
    super(messageZh);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.details = details;
  }

  /** The message in the language the user reads now. */
  get localized(): string {
    return isEnglish() ? this.messageEn || this.messageZh : this.messageZh || this.messageEn;
  }

  /**
   * Validation problems that name a field (`details: [{ path, message, messageEn }]`), each in the
   * language the user reads now: the server words them in Chinese and in English.
   */
  get fieldErrors(): ApiErrorDetail[] {
    if (!Array.isArray(this.details)) return [];
    const english = isEnglish();
    const result: ApiErrorDetail[] = [];
    for (const d of this.details as unknown[]) {
      if (typeof d !== 'object' || d === null) continue;
      const { path, message, messageEn } = d as { path?: unknown; message?: unknown; messageEn?: unknown };
      if (typeof message !== 'string') continue;
      const joined = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : undefined;
      result.push({ path: joined, message: english && typeof messageEn === 'string' ? messageEn : message });
    }
    return result;
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    let body: ErrorBody | null = null;
    try {
      body = (await response.json()) as ErrorBody;
    } catch {
      body = null;
    }
    const e = body?.error;
    const fallbackZh = `请求失败（HTTP ${response.status}）`;
    const fallbackEn = `Request failed (HTTP ${response.status})`;
    return new ApiError(
      response.status,
      e?.code ?? `HTTP_${response.status}`,
      e?.message ?? fallbackZh,
      e?.messageEn ?? e?.message ?? fallbackEn,
      e?.details,
    );
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(
      0,
      'NETWORK_ERROR',
      '网络连接失败，请检查网络后重试',
      'Network error, please retry',
    );
    error.cause = cause;
    return error;
  }
}

function isEnglish(): boolean {
  return (i18n.language ?? '').startsWith('en');
}

/** A message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.localized;
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('common.unknownError');
}
