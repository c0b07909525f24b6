export {
  testFileSchema,
  testCaseSchema,
  stepMockSchema,
  expectationSchema,
  type TestFile,
  type TestCase,
  type StepMock,
  type MockAnswer,
  type Expectation,
  type StepExpectation,
} from './test-file.schema';
export {
  parseTestFile,
  checkTestFile,
  checkTestCase,
  caseWorkflowIssues,
  type TestFileResult,
  type TestCaseResult,
} from './parse-test-file';
export { partialMatch, type Mismatch } from './partial-match';
export { checkExpectations, assertionData, type TestFailure } from './check-expectations';
export {
  runTestCase,
  seedOf,
  DEFAULT_TEST_NOW,
  type TestCaseRunOptions,
  type TestCaseOutcome,
} from './run-test-case';
export { runTestSuite, type TestSuiteRunOptions } from './run-test-suite';
export { coverageOf, type Coverage, type CoverageItem, type CoverageCount } from './coverage';
export { toJUnitXml, type JUnitSuite, type JUnitCase } from './junit';
export { formatFailure } from './format-failure';
export { MOCK_TYPE, UNMOCKED_TYPE } from './mock-steps';
