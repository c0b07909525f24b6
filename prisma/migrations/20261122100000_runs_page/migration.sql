-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN     "input" JSONB,
ADD COLUMN     "logs" JSONB;

-- DropIndex
DROP INDEX "Run_workspaceId_createdAt_id_idx";

-- DropIndex
DROP INDEX "Run_workspaceId_status_createdAt_idx";

-- CreateIndex
CREATE INDEX "Run_workspaceId_createdAt_id_idx" ON "Run"("workspaceId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_workspaceId_status_createdAt_id_idx" ON "Run"("workspaceId", "status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_workspaceId_workflowId_createdAt_id_idx" ON "Run"("workspaceId", "workflowId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_workspaceId_workflowId_status_createdAt_id_idx" ON "Run"("workspaceId", "workflowId", "status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_workspaceId_trigger_createdAt_id_idx" ON "Run"("workspaceId", "trigger", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_retryOfId_idx" ON "Run"("retryOfId");
