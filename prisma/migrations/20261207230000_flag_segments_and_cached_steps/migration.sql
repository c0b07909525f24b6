-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN     "cached" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "FlagSegment" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "FlagSegment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FlagSegment_workspaceId_key_key" ON "FlagSegment"("workspaceId", "key");

-- AddForeignKey
ALTER TABLE "FlagSegment" ADD CONSTRAINT "FlagSegment_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
