-- AlterTable
ALTER TABLE "Schedule" ADD COLUMN     "subMinute" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "quotaFastSchedules" INTEGER,
ADD COLUMN     "quotaStoredBytes" BIGINT,
ADD COLUMN     "quotaWorkflows" INTEGER,
ADD COLUMN     "storedBytes" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "storedBytesAt" TIMESTAMP(3);


-- Existing schedules with a seconds field that is not a single second fire more than once
-- a minute; publishing sets the flag from the parsed pattern from now on.
UPDATE "Schedule" SET "subMinute" = true
WHERE array_length(regexp_split_to_array(trim(cron), '\s+'), 1) = 6
  AND split_part(regexp_replace(trim(cron), '\s+', ' ', 'g'), ' ', 1) !~ '^[0-9]+$';
