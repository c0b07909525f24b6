-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "errorDetails" BOOLEAN NOT NULL DEFAULT false;
