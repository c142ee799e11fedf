-- AlterTable
ALTER TABLE "Draft" ADD COLUMN "savedBy" TEXT;

-- AlterTable
ALTER TABLE "DraftRevision" ADD COLUMN "savedBy" TEXT;

