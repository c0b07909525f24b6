-- CreateEnum
CREATE TYPE "RollupGrain" AS ENUM ('minute', 'hour');

-- CreateTable
CREATE TABLE "RunRollup" (
    "workspaceId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "grain" "RollupGrain" NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "status" "RunStatus" NOT NULL,
    "runs" INTEGER NOT NULL,
    "durationCount" INTEGER NOT NULL,
    "durationSumMs" BIGINT NOT NULL,
    "histogram" INTEGER[],

    CONSTRAINT "RunRollup_pkey" PRIMARY KEY ("workspaceId","grain","bucket","workflowId","status")
);

-- CreateTable
CREATE TABLE "StepRollup" (
    "workspaceId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "grain" "RollupGrain" NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "status" "StepStatus" NOT NULL,
    "steps" INTEGER NOT NULL,

    CONSTRAINT "StepRollup_pkey" PRIMARY KEY ("workspaceId","grain","bucket","workflowId","status")
);

-- CreateTable
CREATE TABLE "StepFailureRollup" (
    "workspaceId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "grain" "RollupGrain" NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "nodeId" TEXT NOT NULL,
    "nodeType" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastRunId" TEXT NOT NULL,

    CONSTRAINT "StepFailureRollup_pkey" PRIMARY KEY ("workspaceId","grain","bucket","workflowId","nodeId","nodeType","message")
);

-- CreateTable
CREATE TABLE "RollupWatermark" (
    "id" TEXT NOT NULL,
    "rolledUpTo" TIMESTAMP(3) NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RollupWatermark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RunRollup_grain_bucket_idx" ON "RunRollup"("grain", "bucket");

-- CreateIndex
CREATE INDEX "StepRollup_grain_bucket_idx" ON "StepRollup"("grain", "bucket");

-- CreateIndex
CREATE INDEX "StepFailureRollup_grain_bucket_idx" ON "StepFailureRollup"("grain", "bucket");

-- CreateIndex
CREATE INDEX "Run_finishedAt_idx" ON "Run"("finishedAt");

-- CreateIndex
CREATE INDEX "StepRun_finishedAt_idx" ON "StepRun" USING BRIN ("finishedAt");

-- AddForeignKey
ALTER TABLE "RunRollup" ADD CONSTRAINT "RunRollup_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StepRollup" ADD CONSTRAINT "StepRollup_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StepFailureRollup" ADD CONSTRAINT "StepFailureRollup_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
