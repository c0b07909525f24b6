-- CreateTable
CREATE TABLE "StepCacheEntry" (
    "id" BIGSERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "output" JSONB,
    "port" TEXT,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StepCacheEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StepCacheEntry_workspaceId_createdAt_idx" ON "StepCacheEntry"("workspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StepCacheEntry_workflowId_nodeId_keyHash_key" ON "StepCacheEntry"("workflowId", "nodeId", "keyHash");

-- AddForeignKey
ALTER TABLE "StepCacheEntry" ADD CONSTRAINT "StepCacheEntry_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
