-- AlterTable
ALTER TABLE "TransactionConfirmation" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "sessionHash" TEXT;
