-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "stateVersion" INTEGER NOT NULL DEFAULT 0;
