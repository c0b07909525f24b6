import { importTestFile } from '../../services/tests/import-test-file';
import { listTestCases } from '../../services/tests/list-test-cases';
import { replaceTestCases } from '../../services/tests/replace-test-cases';
import { runTestCases } from '../../services/tests/run-test-cases';
import {
  createTestCase,
  deleteTestCase,
  updateTestCase,
} from '../../services/tests/save-test-case';
import { testCaseFromRun } from '../../services/tests/test-case-from-run';
import {
  createTestCaseInput,
  deleteTestCaseInput,
  importTestFileInput,
  listTestCasesInput,
  replaceTestCasesInput,
  runTestCasesInput,
  testCaseFromRunInput,
  updateTestCaseInput,
} from '../../services/tests/test-case-inputs';
import {
  actorOf,
  createTRPCRouter,
  editorProcedure,
  operatorProcedure,
  viewerProcedure,
} from '../trpc';

/** A workflow's test cases: viewers read them, editors write them, operators run them. */
export const testRouter = createTRPCRouter({
  list: viewerProcedure
    .input(listTestCasesInput)
    .query(({ ctx, input }) => listTestCases(ctx.db, actorOf(ctx), input.workflowId)),
  create: editorProcedure
    .input(createTestCaseInput)
    .mutation(({ ctx, input }) => createTestCase(ctx.db, actorOf(ctx), input)),
  update: editorProcedure
    .input(updateTestCaseInput)
    .mutation(({ ctx, input }) => updateTestCase(ctx.db, actorOf(ctx), input)),
  delete: editorProcedure
    .input(deleteTestCaseInput)
    .mutation(({ ctx, input }) => deleteTestCase(ctx.db, actorOf(ctx), input.id)),
  run: operatorProcedure
    .input(runTestCasesInput)
    .mutation(({ ctx, input }) => runTestCases(ctx.db, actorOf(ctx), input)),
  replace: editorProcedure
    .input(replaceTestCasesInput)
    .mutation(({ ctx, input }) => replaceTestCases(ctx.db, actorOf(ctx), input)),
  import: editorProcedure
    .input(importTestFileInput)
    .mutation(({ ctx, input }) => importTestFile(ctx.db, actorOf(ctx), input)),
  fromRun: editorProcedure
    .input(testCaseFromRunInput)
    .mutation(({ ctx, input }) => testCaseFromRun(ctx.db, actorOf(ctx), input)),
});
