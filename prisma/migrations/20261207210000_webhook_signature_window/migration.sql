-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "sigBodyOnly" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sigTolerance" INTEGER;
