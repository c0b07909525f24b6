-- AlterTable
ALTER TABLE "User" ADD COLUMN     "instanceAdmin" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "rateBurst" INTEGER,
ADD COLUMN     "ratePerSecond" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "allHooksRateBurst" INTEGER,
ADD COLUMN     "allHooksRatePerSecond" DOUBLE PRECISION,
ADD COLUMN     "hookRateBurst" INTEGER,
ADD COLUMN     "hookRatePerSecond" DOUBLE PRECISION,
ADD COLUMN     "policy" JSONB,
ADD COLUMN     "retentionDays" INTEGER NOT NULL DEFAULT 30;

-- CreateTable
CREATE TABLE "RateBucket" (
    "key" TEXT NOT NULL,
    "tat" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RateBucket_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "PolicyException" (
    "workflowId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "grantedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyException_pkey" PRIMARY KEY ("workflowId","rule")
);

-- CreateIndex
CREATE INDEX "PolicyException_workspaceId_idx" ON "PolicyException"("workspaceId");

-- AddForeignKey
ALTER TABLE "PolicyException" ADD CONSTRAINT "PolicyException_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

