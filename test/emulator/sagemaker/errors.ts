/** SageMaker service errors: what the handlers throw and how they go on the wire. */

export class ServiceError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
    this.name = code;
  }
}

export const validationError = (message: string): ServiceError => new ServiceError('ValidationException', message);
export const notFound = (message: string): ServiceError => new ServiceError('ResourceNotFound', message);
export const conflict = (message: string): ServiceError => new ServiceError('ConflictException', message);

/** The message of the real service for a missing pipeline (moto says ValidationException instead). */
export function pipelineNotFound(region: string, accountId: string, name: string): ServiceError {
  return notFound(`Pipeline 'arn:aws:sagemaker:${region}:${accountId}:pipeline/${name}' does not exist.`);
}

export function executionNotFound(arn: string): ServiceError {
  return notFound(`Pipeline execution '${arn}' does not exist.`);
}
