-- AlterTable
ALTER TABLE "TransactionConfirmation" ADD COLUMN "expiresAt" DATETIME;
ALTER TABLE "TransactionConfirmation" ADD COLUMN "sessionHash" TEXT;
