/**
 * The engine's public surface: the saved format, graph validation, expressions and the run
 * state machine. Pure: safe to import from the browser, the server, the worker and the CLI.
 */

export * from './ports';
export * from './flags';
export * from './steps/step-type';
export {
  defaultRegistry,
  builtinStepTypes,
  createRegistry,
  describeStepType,
  describeStepTypes,
  type StepTypeDescription,
} from './steps/registry';

export {
  workflowDefinitionSchema,
  workflowNodeSchema,
  workflowEdgeSchema,
  retryPolicySchema,
  onErrorSchema,
  edgePort,
  NODE_ID_PATTERN,
  DEFAULT_PORT,
  ERROR_PORT,
  MAX_RETRY_ATTEMPTS,
  type WorkflowDefinition,
  type WorkflowNode,
  type WorkflowEdge,
  type RetryPolicy,
  type OnError,
} from './definition/workflow.schema';
export {
  parseWorkflow,
  checkWorkflow,
  type ParseResult,
  type DefinitionIssue,
  type DefinitionFormat,
} from './definition/parse';
export { formatPath } from './definition/path';

export {
  validateWorkflow,
  CHILD_WORKFLOW_TYPES,
  type ValidationIssue,
  type ValidationResult,
} from './graph/validate-graph';
export { indexGraph, buildGraph, type IndexedGraph, type GraphEdge } from './graph/indexed-graph';
export { topologicalOrder, type TopoResult } from './graph/topo';
export { predecessors, successors } from './graph/neighbors';
export { reachableFrom } from './graph/reachable';
export {
  decideJoin,
  joinModeOf,
  MERGE_TYPE,
  type JoinMode,
  type JoinDecision,
} from './graph/ready-steps';

export type { ExpressionContext } from './expr/context';
export { evaluateExpression, type EvaluateOptions } from './expr/evaluate';
export { inProcessEvaluator } from './expr/in-process-evaluator';
export { isCheapExpression } from './expr/cheap-expression';
export { expressionHost, type HostFunctionOptions } from './expr/host-functions';
export { compileExpression, expressionSyntaxError, EXPRESSION_LIMITS } from './expr/compile';
export { ExpressionError } from './expr/expression-error';
export { resolveParams, resolveTemplate, type ParamKinds } from './expr/resolve-params';
export { parseTemplate, hasTemplate, type Template, type TemplatePart } from './expr/template';
export { checkParamExpressions, type ParamExpressionIssue } from './expr/check-params';
export { maskSecrets, SECRET_MASK, type MaskOptions } from './expr/mask-secrets';
export {
  compileMasking,
  customRuleProblem,
  NO_MASKING,
  type CompiledMasking,
  type CustomRule,
  type CustomRuleKind,
  type MaskingConfig,
} from './masking/masking-rules';
export { BUILTIN_RULES, type BuiltinRuleName } from './masking/builtin-rules';
export { maskLabel } from './masking/mask-label';

export {
  transitionRun,
  transitionNode,
  isRunFinal,
  FINAL_RUN_STATUSES,
  isNodeFinal,
  isNodeActive,
  findNode,
  IllegalTransitionError,
  type RunState,
  type RunStatus,
  type NodeState,
  type NodeStatus,
  type StepErrorInfo,
  type RunError,
  type ChildrenProgress,
} from './run/run-state';
export type { RunEvent, StepEvent } from './run/events';
export type { RunCommand } from './run/commands';
export { attemptKey, type AttemptRecord, type AttemptStatus } from './run/attempt-record';
export { startRun, type StartRunOptions } from './run/start-run';
export { predecessorOutputs, stepOutputs } from './run/step-inputs';
export { advance, type AdvanceEnv, type AdvanceResult } from './run/advance';
export { retryDelay, shouldRetry, EXPONENTIAL_JITTER } from './run/retry-policy';
export {
  parseTimerId,
  stepTimeoutTimer,
  delayTimer,
  RUN_TIMEOUT_TIMER,
  type TimerRef,
} from './run/timer-id';
export { RESPOND_TYPE } from './run/step-flow';
export { runStep, type RunStepOptions, type StepPorts } from './run/run-step';
export {
  runInline,
  type InlineRunOptions,
  type InlineRunResult,
  type InlineStepSummary,
  type InlineDetachedRun,
} from './run/run-inline';

export { runView, type RunView, type RunViewInput, type NodeView } from './view/run-view';
export {
  errorMessage,
  type StoredAttempt,
  type AttemptView,
  type ErrorView,
} from './view/attempt-view';
export type { TimelineBar, TimelineRow } from './view/timeline';

export * from './test-engine';

export {
  compliancePolicySchema,
  hostPatternSchema,
  policyRuleSchema,
  POLICY_RULES,
  type CompliancePolicy,
  type PolicyRule,
  type PolicyViolation,
} from './policy/compliance-policy';
export { checkCompliance } from './policy/check-compliance';
export { hostAllowed } from './policy/host-pattern';
