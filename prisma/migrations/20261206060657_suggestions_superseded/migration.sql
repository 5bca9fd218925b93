-- AlterEnum
ALTER TYPE "SuggestionStatus" ADD VALUE 'superseded';

-- AlterTable
ALTER TABLE "link_suggestions" ADD COLUMN     "linked_client_id" TEXT,
ADD COLUMN     "linked_email" TEXT;
