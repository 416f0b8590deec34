import { validationError, type ServiceError } from '../sagemaker/errors.js';

/** CreatePipeline's wording for a definition it rejects; details name the step when there is one. */
export const definitionError = (detail: string): ServiceError => validationError(`Unable to parse pipeline definition. ${detail}`);
