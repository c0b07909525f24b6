-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "quotaActiveRuns" INTEGER,
ADD COLUMN     "quotaRunsPerMonth" INTEGER;

-- CreateTable
CREATE TABLE "WorkspaceUsage" (
    "workspaceId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "runs" INTEGER NOT NULL,

    CONSTRAINT "WorkspaceUsage_pkey" PRIMARY KEY ("workspaceId","month")
);

