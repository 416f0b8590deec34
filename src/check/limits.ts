/**
 * CreatePipeline's PipelineDefinition holds at most 1,048,576 characters ("Length Constraints:
 * Minimum length of 1. Maximum length of 1048576", CreatePipeline, SageMaker API reference); a
 * longer definition goes through PipelineDefinitionS3Location. compile warns (SMP5004), upsert
 * uploads it.
 */
export const INLINE_DEFINITION_LIMIT = 1024 * 1024;
