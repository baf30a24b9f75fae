/** Every coded error Chorus answers with, mapped to HTTP in one place (`ChorusExceptionFilter`). */
export class ChorusException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new ChorusException(400, code, message);
export const notFound = (code: string, message: string) => new ChorusException(404, code, message);
export const unauthorized = (message: string) => new ChorusException(401, 'unauthorized', message);
