/**
 * Errors that reach a person or a program carry a stable code and a sentence. HTTP routes turn
 * them into `{ error: { code, message } }` with the status given here.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (code: string, message: string) => new AppError(code, message, 404);
export const unauthorized = (message: string) => new AppError('UNAUTHORIZED', message, 401);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message, 403);
export const conflict = (code: string, message: string) => new AppError(code, message, 409);
