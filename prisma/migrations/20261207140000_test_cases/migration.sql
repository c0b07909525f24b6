-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN     "minTestCoverage" INTEGER,
ADD COLUMN     "requireTestsToPublish" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "WorkflowVersion" ADD COLUMN     "testResults" JSONB;

-- CreateTable
CREATE TABLE "TestCase" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "lastResult" JSONB,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TestCase_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TestCase_workspaceId_idx" ON "TestCase"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "TestCase_workflowId_name_key" ON "TestCase"("workflowId", "name");

-- AddForeignKey
ALTER TABLE "TestCase" ADD CONSTRAINT "TestCase_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

